using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
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
            ("Portal:RateLimits:ApiFailedAuthPerMinute", "3"), ("Portal:RateLimits:MollieWebhooksPerMinute", "5"),
        ];

        /// <summary>The test server has no client address; a test gives one in <see cref="ClientAddressHeader"/>.</summary>
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<IStartupFilter, ClientAddressFromHeader>());
        }

        public HttpClient CreateClientFrom(string address, string? authorization = null)
        {
            var client = CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            client.DefaultRequestHeaders.Add(ClientAddressHeader, address);
            if (authorization is not null) client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", authorization);
            return client;
        }
    }

    private const string ClientAddressHeader = "X-Test-Client-Address";

    private sealed class ClientAddressFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (http, nextMiddleware) =>
            {
                if (http.Request.Headers.TryGetValue(ClientAddressHeader, out var address)) http.Connection.RemoteIpAddress = IPAddress.Parse(address!);
                await nextMiddleware(http);
            });
            next(app);
        };
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

    [Fact]
    public async Task TheApiLimit_CountsOneKey_HoweverItsHeaderIsSpelled()
    {
        var organisation = await factory.CreateOrganisationAsync("Spelling Bedrijf");
        var key = organisation.ApiKey;
        foreach (var spelling in new[] { $"Bearer {key}", $"bearer {key}", $"Bearer  {key}", $"BEARER {key} " })
            (await factory.CreateClientFrom("198.51.100.1", spelling).GetAsync("/api/v1/invoices")).StatusCode.ShouldBe(HttpStatusCode.OK, spelling);

        var limited = await factory.CreateClientFrom("198.51.100.1", $"Bearer {key}").GetAsync("/api/v1/invoices");

        limited.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        limited.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task WrongKeys_AreLimitedPerAddress_AndThenEvenARightKeyWaits_SoGuessingCannotTellAHit()
    {
        var organisation = await factory.CreateOrganisationAsync("Gokker Doelwit");
        (await factory.CreateClientFrom("198.51.100.2").GetAsync("/api/v1/invoices")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        for (var i = 0; i < 2; i++)
            (await factory.CreateClientFrom("198.51.100.2", $"Bearer pk_guess{i}AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA").GetAsync("/api/v1/invoices"))
                .StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        var limited = await factory.CreateClientFrom("198.51.100.2", "Bearer pk_guess3AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA").GetAsync("/api/v1/invoices");

        limited.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        int.Parse(limited.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture).ShouldBeInRange(1, 60);
        limited.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await limited.Content.ReadAsStringAsync()).ShouldContain("wrong or missing API key");
        (await factory.CreateClientFrom("198.51.100.2", $"Bearer {organisation.ApiKey}").GetAsync("/api/v1/invoices"))
            .StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        // The ERP on its own address is not locked out by someone else's guessing.
        (await factory.CreateClientFrom("198.51.100.3", $"Bearer {organisation.ApiKey}").GetAsync("/api/v1/invoices"))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task MollieWebhooks_AreLimitedPerAddress()
    {
        static FormUrlEncodedContent Hint() => new([new("id", "tr_unknownPayment1")]);
        for (var i = 0; i < 5; i++)
            (await factory.CreateClientFrom("198.51.100.4").PostAsync("/webhooks/mollie", Hint())).StatusCode.ShouldBe(HttpStatusCode.OK);

        var limited = await factory.CreateClientFrom("198.51.100.4").PostAsync("/webhooks/mollie", Hint());

        limited.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        limited.Headers.Contains("Retry-After").ShouldBeTrue();
        (await factory.CreateClientFrom("198.51.100.5").PostAsync("/webhooks/mollie", Hint())).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
