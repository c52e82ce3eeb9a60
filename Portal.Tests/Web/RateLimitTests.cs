using System.Net;
using Portal.Tests.Support;
using Shouldly;

namespace Portal.Tests.Web;

/// <summary>Guessing pay links and flooding pages or the API gets 429 with Retry-After, never 503 (ACCEPTANCE 24).</summary>
public class RateLimitTests(RateLimitTests.LimitedFactory factory) : IClassFixture<RateLimitTests.LimitedFactory>
{
    public sealed class LimitedFactory : PortalFactory
    {
        protected override IEnumerable<(string Key, string Value)> Settings =>
        [
            ("Portal:RateLimits:Enabled", "true"), ("Portal:RateLimits:PayLinkOpensPerMinute", "3"),
            ("Portal:RateLimits:PagesPerMinute", "1000"), ("Portal:RateLimits:ApiPerMinute", "4"),
        ];
    }

    [Fact]
    public async Task GuessingPayLinks_IsStoppedWith429_AndAPlainPageThatSaysWait()
    {
        var browser = factory.CreateBrowserClient();
        for (var i = 0; i < 3; i++)
            (await browser.GetAsync($"/p/guess{i}AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var limited = await browser.GetAsync("/p/guess4AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");

        limited.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        var seconds = int.Parse(limited.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
        seconds.ShouldBeInRange(1, 60);
        var page = await Html.ParseAsync(limited);
        page.Text("h1").ShouldBe("Even wachten");
        page.Text("main").ShouldContain("Wacht een paar minuten.");
    }

    [Fact]
    public async Task TheApi_IsLimitedPerKey_WithProblemJson_AndOtherKeysCarryOn()
    {
        var busy = await factory.CreateOrganisationAsync("Druk Bedrijf");
        var calm = await factory.CreateOrganisationAsync("Rustig Bedrijf");
        var api = factory.CreateApiClient(busy.ApiKey);
        for (var i = 0; i < 4; i++) (await api.GetAsync("/api/v1/invoices")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var limited = await api.GetAsync("/api/v1/invoices");

        limited.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        limited.Headers.Contains("Retry-After").ShouldBeTrue();
        limited.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await limited.Content.ReadAsStringAsync()).ShouldContain("Try again in");
        (await factory.CreateApiClient(calm.ApiKey).GetAsync("/api/v1/invoices")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
