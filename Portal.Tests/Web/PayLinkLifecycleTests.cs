using System.Net;
using Portal.Tests.Support;
using Shouldly;

namespace Portal.Tests.Web;

public class PayLinkLifecycleTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private async Task<(TestOrganisation Org, string Token, Guid Id)> LinkAsync(DateTime? expiresAtUtc = null)
    {
        var organisation = await factory.CreateOrganisationAsync();
        await organisation.AddCustomerAsync("C-1");
        await organisation.AddInvoiceAsync("F-1", "C-1", 12550, new DateOnly(2026, 12, 1));
        var link = await organisation.CreatePayLinkAsync("C-1", expiresAtUtc: expiresAtUtc);
        return (organisation, link.Token, link.Id);
    }

    [Fact]
    public async Task Open_ValidLink_303ToTokenFreeUrl_WithHttpOnlyLaxSessionCookie()
    {
        var (_, token, _) = await LinkAsync();
        var browser = factory.CreateBrowserClient();
        var response = await browser.GetAsync($"/p/{token}");

        response.StatusCode.ShouldBe(HttpStatusCode.SeeOther);
        response.Headers.Location!.OriginalString.ShouldBe("/overview");
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("portal_session=", StringComparison.Ordinal));
        cookie.ShouldContain("httponly", Case.Insensitive);
        cookie.ShouldContain("samesite=lax", Case.Insensitive);
        cookie.ShouldNotContain(token);
        cookie.ShouldContain("secure", Case.Insensitive);
        response.Headers.GetValues("Referrer-Policy").ShouldBe(["no-referrer"]);
        response.Headers.CacheControl!.NoStore.ShouldBeTrue();

        (await browser.GetAsync("/overview")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Open_UnknownAndMalformedTokens_GetByteIdentical404Pages()
    {
        var client = factory.CreateBrowserClient();
        var unknown = await client.GetAsync($"/p/{Portal.Domain.PayLinks.PayLinkToken.Create()}");
        var malformed = await client.GetAsync("/p/not-a-token");
        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        malformed.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await unknown.Content.ReadAsByteArrayAsync()).ShouldBe(await malformed.Content.ReadAsByteArrayAsync());
        (await Html.ParseAsync(unknown)).Text("h1").ShouldBe("Deze pagina bestaat niet");
    }

    [Fact]
    public async Task Open_ExpiredLink_Is410InPlainWordsWithThePhoneNumber()
    {
        var (_, token, _) = await LinkAsync(factory.Clock.GetUtcNow().UtcDateTime.AddDays(1));
        factory.Clock.Advance(TimeSpan.FromDays(2));
        try
        {
            var response = await factory.CreateBrowserClient().GetAsync($"/p/{token}");
            response.StatusCode.ShouldBe(HttpStatusCode.Gone);
            var page = await Html.ParseAsync(response);
            page.Text("h1").ShouldBe("Deze link werkt niet meer");
            page.Text("main").ShouldContain("020 765 43 21");
            response.Headers.Contains("Set-Cookie").ShouldBeFalse();
        }
        finally
        {
            factory.Clock.Advance(TimeSpan.FromDays(-2));
        }
    }

    [Fact]
    public async Task Revoke_StopsTheSessionOnTheNextRequest()
    {
        var (organisation, token, id) = await LinkAsync();
        var browser = factory.CreateBrowserClient();
        await browser.GetAsync($"/p/{token}");
        (await browser.GetAsync("/overview")).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await factory.CreateApiClient(organisation.ApiKey).PostAsync($"/api/v1/pay-links/{id}/revoke", null))
            .StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var after = await browser.GetAsync("/overview");
        after.StatusCode.ShouldBe(HttpStatusCode.Gone);
        (await Html.ParseAsync(after)).Text("h1").ShouldBe("Deze link werkt niet meer");
        (await browser.GetAsync($"/p/{token}")).StatusCode.ShouldBe(HttpStatusCode.Gone);
    }

    [Fact]
    public async Task Overview_WithoutSession_AsksToOpenTheLinkAgain()
    {
        var response = await factory.CreateBrowserClient().GetAsync("/overview");
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await Html.ParseAsync(response)).Text("h1").ShouldBe("Open uw link opnieuw");
    }

    [Fact]
    public async Task Tokens_NeverAppearInTheLogs()
    {
        var (_, token, _) = await LinkAsync();
        var browser = factory.CreateBrowserClient();
        await browser.GetAsync($"/p/{token}");
        await browser.GetAsync($"/p/{token}x");
        await browser.GetAsync("/overview");
        lock (factory.LogLines)
        {
            factory.LogLines.ShouldNotBeEmpty();
            factory.LogLines.ShouldAllBe(line => !line.Contains(token));
        }
    }
}
