using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using AngleSharp;
using AngleSharp.Dom;
using Microsoft.Extensions.DependencyInjection;
using Portal.Infrastructure.Demo;
using Portal.Tests.Support;
using Shouldly;
using Xunit.Abstractions;

namespace Portal.Tests.Web;

/// <summary>
/// What a customer's phone downloads: pages, stylesheets and scripts compressed (Brotli, gzip for clients that offer only
/// that), and the demo's <c>/overview</c> with everything it loads within 20 KB at first visit and 8 KB at the next.
/// </summary>
public class CompressionTests(CompressionTests.DemoPortalFactory factory, ITestOutputHelper output) : IClassFixture<CompressionTests.DemoPortalFactory>
{
    private const int FirstVisitBudget = 20 * 1024;
    private const int SecondVisitBudget = 8 * 1024;

    /// <summary>The app with the demo organisation seeded, as a newcomer would open it.</summary>
    public sealed class DemoPortalFactory : PortalFactory
    {
        protected override IEnumerable<(string Key, string Value)> Settings => [("Portal:Demo:Seed", "true")];
    }

    [Theory]
    [InlineData("br, gzip", "br")]
    [InlineData("gzip, deflate", "gzip")]
    [InlineData(null, null)]
    [InlineData("identity", null)]
    public async Task TheOverview_AndItsStylesheetAndScripts_AreCompressed_AsTheBrowserOffers(string? offered, string? expected)
    {
        var browser = await OpenDemoLinkAsync(factory.Services.GetRequiredService<DemoLinks>().Links[0]);
        var overview = await GetAsync(browser, "/overview", offered);
        overview.StatusCode.ShouldBe(HttpStatusCode.OK);
        overview.Content.Headers.ContentEncoding.SingleOrDefault().ShouldBe(expected);
        var page = await ParseAsync(overview);
        page.QuerySelector("h1").ShouldNotBeNull();

        // The site's own files; the organisation's brand.css (also versioned, by its stamp) is a few bytes.
        var assets = Assets(page).Where(a => a.StartsWith("/css/", StringComparison.Ordinal) || a.StartsWith("/js/", StringComparison.Ordinal)).ToList();
        assets.Count.ShouldBe(3); // site.css, site.js, read-aloud.js
        foreach (var asset in assets)
        {
            var response = await GetAsync(browser, asset, offered);
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            response.Content.Headers.ContentEncoding.SingleOrDefault().ShouldBe(expected, asset);
            var plain = await GetAsync(browser, asset, null);
            (await DecodedAsync(response)).ShouldBe(await plain.Content.ReadAsByteArrayAsync(), asset);
        }
    }

    [Fact]
    public async Task TheLogoAsAPng_IsNotCompressedAgain()
    {
        var organisation = await factory.CreateOrganisationAsync("Waterbedrijf Png");
        await factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<Portal.Infrastructure.Database.PortalDbContext>();
            var found = await db.Organisations.FindAsync(organisation.Id);
            found!.SetLogo([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, (byte)'I', (byte)'H', (byte)'D', (byte)'R', .. new byte[2000]], "image/png");
            return await db.SaveChangesAsync();
        });
        var response = await GetAsync(factory.CreateBrowserClient(), $"/brand/{organisation.Id}/logo", "br, gzip");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("image/png");
        response.Content.Headers.ContentEncoding.ShouldBeEmpty();
    }

    /// <summary>Why compressing pages is safe from BREACH: the one secret in a form, its antiforgery token, is new in every response.</summary>
    [Fact]
    public async Task TheAntiforgeryToken_DiffersInEveryResponse()
    {
        var browser = await OpenDemoLinkAsync(factory.Services.GetRequiredService<DemoLinks>().Links[0]);
        var tokens = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var page = await ParseAsync(await GetAsync(browser, "/pay", "br"));
            tokens.Add(page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!);
        }
        tokens.Distinct().Count().ShouldBe(3);
    }

    [Fact]
    public async Task EveryDemoOverview_WithEverythingItLoads_StaysWithinTheBudget_AtFirstAndSecondVisit()
    {
        foreach (var link in factory.Services.GetRequiredService<DemoLinks>().Links)
        {
            var browser = factory.CreateBrowserClient();
            var fetched = new Dictionary<string, CacheControlHeaderValue?>();
            var first = 0L;
            var opened = await GetAsync(browser, link.Path, "br, gzip");
            opened.StatusCode.ShouldBe(HttpStatusCode.SeeOther);
            first += await WireBytesAsync(opened);
            var overview = await GetAsync(browser, opened.Headers.Location!.OriginalString, "br, gzip");
            overview.StatusCode.ShouldBe(HttpStatusCode.OK);
            first += await WireBytesAsync(overview);
            var assets = Assets(await ParseAsync(overview)).ToList();
            assets.ShouldContain(a => a.StartsWith("/css/site.css?v="));
            foreach (var asset in assets)
            {
                var response = await GetAsync(browser, asset, "br, gzip");
                response.StatusCode.ShouldBe(HttpStatusCode.OK, asset);
                first += await WireBytesAsync(response);
                fetched[asset] = response.Headers.CacheControl;
            }

            // The next visit, from the same link: only what the browser may not keep is fetched again.
            var second = await WireBytesAsync(await GetAsync(browser, link.Path, "br, gzip"))
                         + await WireBytesAsync(await GetAsync(browser, "/overview", "br, gzip"));
            foreach (var (asset, cacheControl) in fetched.Where(a => !MayKeep(a.Value)))
                second += await WireBytesAsync(await GetAsync(browser, asset, "br, gzip"));

            output.WriteLine($"{link.CustomerName}: first visit {first} bytes, second {second} bytes; kept: {string.Join(", ", fetched.Where(a => MayKeep(a.Value)).Select(a => a.Key))}");
            first.ShouldBeLessThanOrEqualTo(FirstVisitBudget, link.CustomerName);
            second.ShouldBeLessThanOrEqualTo(SecondVisitBudget, link.CustomerName);
        }
    }

    private async Task<HttpClient> OpenDemoLinkAsync(DemoLinks.Link link)
    {
        var browser = factory.CreateBrowserClient();
        (await browser.GetAsync(link.Path)).EnsureSuccessOrRedirect();
        return browser;
    }

    private static Task<HttpResponseMessage> GetAsync(HttpClient browser, string path, string? acceptEncoding)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (acceptEncoding is not null) request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        return browser.SendAsync(request);
    }

    /// <summary>What a browser fetches besides the page: stylesheets, scripts, images, and the favicon it asks for when the page names none.</summary>
    private static IEnumerable<string> Assets(IDocument page)
    {
        var found = page.QuerySelectorAll("link[rel=stylesheet][href], link[rel~=icon][href]").Select(e => e.GetAttribute("href")!)
            .Concat(page.QuerySelectorAll("script[src], img[src]").Select(e => e.GetAttribute("src")!))
            .Where(a => a.StartsWith('/') && !a.StartsWith("//")).Distinct().ToList();
        if (page.QuerySelector("link[rel~=icon]") is null) found.Add("/favicon.ico");
        return found;
    }

    /// <summary>A browser keeps a response without asking again only with a lifetime and neither no-store nor no-cache.</summary>
    private static bool MayKeep(CacheControlHeaderValue? cacheControl) =>
        cacheControl is { NoStore: false, NoCache: false, MaxAge: { } maxAge } && maxAge > TimeSpan.Zero;

    /// <summary>The body as it crossed the wire (still compressed) plus the status line and headers as HTTP/1.1 writes them.</summary>
    private static async Task<long> WireBytesAsync(HttpResponseMessage response)
    {
        var body = (await response.Content.ReadAsByteArrayAsync()).LongLength;
        var headers = response.Headers.Concat(response.Content.Headers)
            .Sum(h => h.Key.Length + 2 + string.Join(", ", h.Value).Length + 2);
        return "HTTP/1.1 200 OK\r\n".Length + headers + 2 + body;
    }

    private static async Task<byte[]> DecodedAsync(HttpResponseMessage response)
    {
        await using var raw = await response.Content.ReadAsStreamAsync();
        await using Stream decoded = response.Content.Headers.ContentEncoding.SingleOrDefault() switch
        {
            "br" => new BrotliStream(raw, CompressionMode.Decompress),
            "gzip" => new GZipStream(raw, CompressionMode.Decompress),
            null => raw,
            var other => throw new InvalidOperationException($"Unexpected encoding {other}."),
        };
        using var buffer = new MemoryStream();
        await decoded.CopyToAsync(buffer);
        return buffer.ToArray();
    }

    private static async Task<IDocument> ParseAsync(HttpResponseMessage response)
    {
        var html = System.Text.Encoding.UTF8.GetString(await DecodedAsync(response));
        return await BrowsingContext.New(Configuration.Default).OpenAsync(r => r.Content(html));
    }
}
