using System.Net;
using Portal.Tests.Support;
using Shouldly;

namespace Portal.Tests.Web;

public class PayLinkLifecycleTests(PortalFactory factory, KestrelPortalFactory kestrel) : IClassFixture<PortalFactory>, IClassFixture<KestrelPortalFactory>
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

    /// <summary>On a real Kestrel, which refuses a path holding %00 with its own empty 400 before the app sees it.</summary>
    [Fact]
    public async Task Open_UnknownAndMalformedTokens_GetByteIdentical404Pages()
    {
        using var client = new HttpClient { BaseAddress = kestrel.Address };
        var unknown = await client.GetAsync($"/p/{Portal.Domain.PayLinks.PayLinkToken.Create()}");
        var body = await unknown.Content.ReadAsByteArrayAsync();
        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Html.ParseAsync(unknown)).Text("h1").ShouldBe("Deze pagina bestaat niet");
        foreach (var malformed in new[] { "/p/not-a-token", "/p/abc%00def", "/p/%00" })
        {
            var response = await client.GetAsync(malformed);
            response.StatusCode.ShouldBe(HttpStatusCode.NotFound, malformed);
            (await response.Content.ReadAsByteArrayAsync()).ShouldBe(body, malformed);
        }
    }

    [Fact]
    public async Task Open_TokensWithNullCharacter_OnOneConnectionAfterABody_AllGetThe404()
    {
        using var connection = new System.Net.Sockets.TcpClient();
        await connection.ConnectAsync(kestrel.Address.Host, kestrel.Address.Port);
        var stream = connection.GetStream();
        // A body that looks like a request line is a body: only the real request lines change.
        const string body = "GET /p/abc%00def HTTP/1.1\r\n";
        await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(
            "GET /p/abc%00def HTTP/1.1\r\nHost: localhost\r\n\r\n" +
            $"POST /api/v1/pay-links HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\n\r\n{body}" +
            "GET /p/abc%00def HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"));
        var answers = await new StreamReader(stream, System.Text.Encoding.ASCII).ReadToEndAsync();
        System.Text.RegularExpressions.Regex.Matches(answers, @"^HTTP/1\.1 (\d{3})", System.Text.RegularExpressions.RegexOptions.Multiline)
            .Select(m => m.Groups[1].Value).ShouldBe(["404", "401", "404"]);
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
