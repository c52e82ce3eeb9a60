using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Portal.Infrastructure.Payments.Mollie;
using Portal.Tests.Support;
using Shouldly;

namespace Portal.Tests.Web;

/// <summary>
/// A POST that ends in an error keeps its status: the customer's pages show the error page, the Mollie webhook
/// answers 503 so Mollie retries. Never a 400 from the antiforgery check of the error page itself.
/// </summary>
public class ErrorStatusTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    internal static FormUrlEncodedContent Form(params (string Name, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));

    [Fact]
    public async Task Post_UnknownPage_Is404Page()
    {
        var response = await factory.CreateBrowserClient().PostAsync("/no-such-page", Form(("name", "value")));
        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Html.ParseAsync(response)).Text("h1").ShouldBe("Deze pagina bestaat niet");
    }

    [Fact]
    public async Task Post_FormWithoutAntiforgeryToken_Is400Page()
    {
        var organisation = await factory.CreateOrganisationAsync();
        await organisation.AddCustomerAsync("C-1");
        await organisation.AddInvoiceAsync("F-1", "C-1", 12550, new DateOnly(2026, 12, 1));
        var browser = await organisation.OpenAsCustomerAsync("C-1");

        var response = await browser.PostAsync("/pay", Form(("Invoices", "F-1")));
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Html.ParseAsync(response)).Text("h1").ShouldBe("Dit lukte niet");
    }

    [Fact]
    public async Task MollieWebhook_ProviderDown_Is503ProblemJson_SoMollieRetries()
    {
        using var control = factory.CreateClient();
        (await control.PostAsync("/mollie-sandbox/__control/faults?status=503&count=20", null)).EnsureSuccessStatusCode();
        try
        {
            var response = await factory.CreateClient().PostAsync("/webhooks/mollie", Form(("id", "tr_down123")));
            response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
            response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        }
        finally
        {
            await control.PostAsync("/mollie-sandbox/__control/reset", null);
        }
    }
}

/// <summary>The same in Production over plain http, where the antiforgery check of a POST would throw (its cookie must be Secure).</summary>
public class ProductionErrorStatusTests(ProductionErrorStatusTests.ProductionFactory factory) : IClassFixture<ProductionErrorStatusTests.ProductionFactory>
{
    /// <summary>Production with real Mollie settings, where Mollie is down.</summary>
    public sealed class ProductionFactory : PortalFactory
    {
        protected override IEnumerable<(string Key, string Value)> Settings =>
            [("Portal:Payments:Provider", "Mollie"), ("Portal:Payments:Mollie:ApiKey", "test_abcdefghijklmnopqrstuvwxyz12")];

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Production");
            builder.ConfigureTestServices(services =>
                services.AddHttpClient<MollieClient>().ConfigurePrimaryHttpMessageHandler(() => new MollieDown()));
        }

        private sealed class MollieDown : HttpMessageHandler
        {
            protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
                Task.FromResult(new HttpResponseMessage(HttpStatusCode.ServiceUnavailable));
        }
    }

    [Fact]
    public async Task MollieWebhook_ProviderDown_Is503()
    {
        var response = await factory.CreateClient().PostAsync("/webhooks/mollie", ErrorStatusTests.Form(("id", "tr_down123")));
        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task Post_UnknownPage_Is404Page()
    {
        var response = await factory.CreateClient().PostAsync("/no-such-page", ErrorStatusTests.Form(("name", "value")));
        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Html.ParseAsync(response)).Text("h1").ShouldBe("Deze pagina bestaat niet");
    }
}
