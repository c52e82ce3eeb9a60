using System.Net;
using Portal.Tests.Support;
using Shouldly;

namespace Portal.Tests.Web;

/// <summary>What pages load besides themselves: a favicon instead of a 404 page, versioned assets cached for a year.</summary>
public class StaticAssetTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Favicon_IsAnIcon_NotThe404Page()
    {
        var response = await factory.CreateClient().GetAsync("/favicon.ico");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("image/x-icon");
        response.Headers.CacheControl!.MaxAge.ShouldBe(TimeSpan.FromHours(1));
    }

    [Fact]
    public async Task AVersionedAsset_IsCachedForAYear_AndNeverChangesUnderItsAddress()
    {
        var page = await Html.ParseAsync(await factory.CreateClient().GetAsync("/privacy"));
        var stylesheet = page.QuerySelector("link[rel=stylesheet][href^='/css/site.css?v=']")!.GetAttribute("href")!;
        var response = await factory.CreateClient().GetAsync(stylesheet);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.CacheControl!.Public.ShouldBeTrue();
        response.Headers.CacheControl.MaxAge.ShouldBe(TimeSpan.FromDays(365));
        response.Headers.CacheControl.Extensions.Select(e => e.Name).ShouldContain("immutable");
    }

    [Fact]
    public async Task APage_IsStillNeverStored()
    {
        var response = await factory.CreateClient().GetAsync("/privacy");
        response.Headers.CacheControl!.NoStore.ShouldBeTrue();
    }
}
