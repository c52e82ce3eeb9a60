using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Infrastructure.Database;
using Portal.Tests.Support;
using Shouldly;

namespace Portal.Tests.Web;

/// <summary>Paying with iDEAL through the sandbox: one payment per choice, the true state, and the ERP told once.</summary>
public class PayFlowTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private async Task<(TestOrganisation Org, HttpClient Browser)> OpenAsync()
    {
        var organisation = await factory.CreateOrganisationAsync();
        await organisation.AddCustomerAsync("C-1");
        await organisation.AddInvoiceAsync("F-1", "C-1", 12550, new DateOnly(2026, 12, 1));
        await organisation.AddInvoiceAsync("F-2", "C-1", 4000, new DateOnly(2026, 12, 15));
        var browser = await organisation.OpenAsCustomerAsync("C-1");
        return (organisation, browser);
    }

    private static Task<HttpResponseMessage> PostPayAsync(HttpClient browser, params string[] invoices) =>
        PayJourney.PostPayAsync(browser, null, invoices);

    private static async Task<string> ChooseAtCheckoutAsync(HttpClient browser, Uri checkout, string outcome) =>
        await PayJourney.ChooseAtCheckoutAsync(browser, checkout, outcome);

    [Fact]
    public async Task PayEverything_Paid_ReturnPageThanks_InvoicesPaid_FeedTellsTheErpOnce()
    {
        var (organisation, browser) = await OpenAsync();
        var start = await PostPayAsync(browser, "F-1", "F-2");
        start.StatusCode.ShouldBe(HttpStatusCode.SeeOther);
        var checkout = start.Headers.Location!;
        checkout.AbsolutePath.ShouldStartWith("/mollie-sandbox/checkout/tr_");
        (await browser.GetStringAsync(checkout.PathAndQuery)).ShouldContain("EUR 165.50");

        var returnPath = await ChooseAtCheckoutAsync(browser, checkout, "paid");
        var page = await Html.ParseAsync(await browser.GetAsync(returnPath));
        page.Text("h1").ShouldBe("Dank u wel!");
        page.Text("main .lead").ShouldBe("U heeft € 165,50 betaald. U hoeft niets meer te doen.");

        var api = factory.CreateApiClient(organisation.ApiKey);
        (await (await api.GetAsync("/api/v1/invoices/F-1")).JsonAsync()).GetProperty("status").GetString().ShouldBe("paid");
        var f2 = await (await api.GetAsync("/api/v1/invoices/F-2")).JsonAsync();
        f2.GetProperty("amountDue").GetDecimal().ShouldBe(0m);
        var payment = f2.GetProperty("payments").EnumerateArray().ShouldHaveSingleItem();
        payment.GetProperty("status").GetString().ShouldBe("paid");
        payment.GetProperty("method").GetString().ShouldBe("ideal");
        payment.GetProperty("amount").GetDecimal().ShouldBe(40.00m);

        // The webhook again, twice: nothing changes twice.
        var providerId = checkout.AbsolutePath.Split('/')[^1];
        for (var i = 0; i < 2; i++)
            (await factory.CreateClient().PostAsync("/webhooks/mollie", new FormUrlEncodedContent([new("id", providerId)]))).StatusCode.ShouldBe(HttpStatusCode.OK);
        var feed = await (await api.GetAsync("/api/v1/events")).JsonAsync();
        var types = feed.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("type").GetString()).ToList();
        types.ShouldBe(["payment.paid", "invoice.paid", "invoice.paid"], ignoreOrder: true);
        var paid = feed.GetProperty("items").EnumerateArray().Single(e => e.GetProperty("type").GetString() == "payment.paid");
        paid.GetProperty("data").GetProperty("invoiceNumbers").EnumerateArray().Select(n => n.GetString()).ShouldBe(["F-1", "F-2"]);

        var after = feed.GetProperty("nextCursor").GetString();
        (await (await api.GetAsync($"/api/v1/events?after={after}")).JsonAsync()).GetProperty("items").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task DoubleClick_ReusesTheOpenPayment()
    {
        var (_, browser) = await OpenAsync();
        var first = await PostPayAsync(browser, "F-1");
        var second = await PostPayAsync(browser, "F-1");
        second.Headers.Location.ShouldBe(first.Headers.Location);
        var other = await PostPayAsync(browser, "F-1", "F-2");
        other.Headers.Location.ShouldNotBe(first.Headers.Location);
    }

    [Theory]
    [InlineData("failed", "De betaling is niet gelukt.")]
    [InlineData("canceled", "U heeft de betaling gestopt.")]
    [InlineData("expired", "De tijd om te betalen is voorbij.")]
    public async Task NotPaid_ReturnPageSaysSoAndOffersToTryAgain(string outcome, string text)
    {
        var (organisation, browser) = await OpenAsync();
        var start = await PostPayAsync(browser, "F-1");
        var page = await Html.ParseAsync(await browser.GetAsync(await ChooseAtCheckoutAsync(browser, start.Headers.Location!, outcome)));
        page.Text("h1").ShouldBe("U heeft nog niet betaald");
        page.Text("main .lead").ShouldStartWith(text);
        page.QuerySelector("a.button[href='/pay']")!.TextContent.ShouldBe("Probeer opnieuw");
        var api = factory.CreateApiClient(organisation.ApiKey);
        (await (await api.GetAsync("/api/v1/invoices/F-1")).JsonAsync()).GetProperty("status").GetString().ShouldBe("open");

        var again = await PostPayAsync(browser, "F-1");
        again.Headers.Location.ShouldNotBe(start.Headers.Location);
    }

    [Fact]
    public async Task ProviderDown_PlainPage503_NothingHalfMade_ThenRecovers()
    {
        var (organisation, browser) = await OpenAsync();
        using var control = factory.CreateClient();
        (await control.PostAsync("/mollie-sandbox/__control/faults?status=503&count=20", null)).EnsureSuccessStatusCode();
        var down = await PostPayAsync(browser, "F-2");
        down.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        var page = await Html.ParseAsync(down);
        page.Text("main").ShouldContain("U heeft nog niet betaald");
        page.Text("main").ShouldContain("Probeer het over een paar minuten opnieuw.");
        var left = await factory.WithScopeAsync(sp => sp.GetRequiredService<PortalDbContext>().Payments.CountAsync(p => p.OrganisationId == organisation.Id));
        left.ShouldBe(0);

        await control.PostAsync("/mollie-sandbox/__control/reset", null);
        (await PostPayAsync(browser, "F-2")).StatusCode.ShouldBe(HttpStatusCode.SeeOther);
    }

    [Fact]
    public async Task PayPage_NothingChosen_ShowsErrorSummary()
    {
        var (_, browser) = await OpenAsync();
        var response = await PostPayAsync(browser);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await Html.ParseAsync(response);
        page.Title!.ShouldStartWith("Fout: Betalen");
        page.Text(".error-summary h2").ShouldBe("Er is een probleem");
        page.QuerySelector(".error-summary a")!.GetAttribute("href").ShouldBe("#invoice-0");
        page.QuerySelector("#invoice-0")!.GetAttribute("aria-invalid").ShouldBe("true");
    }

    [Theory]
    [InlineData("id=tr_%00")]
    [InlineData("id=tr_x&%00=1")]
    public async Task Webhook_AFormThatCannotBeRead_Is400ProblemJson_Not500(string body)
    {
        var response = await factory.CreateClient().PostAsync("/webhooks/mollie",
            new StringContent(body, System.Text.Encoding.ASCII, "application/x-www-form-urlencoded"));
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Theory]
    [InlineData("tr_unknown123")]
    [InlineData("not-a-payment")]
    public async Task Webhook_UnknownOrMalformedId_Is200(string id) =>
        (await factory.CreateClient().PostAsync("/webhooks/mollie", new FormUrlEncodedContent([new("id", id)]))).StatusCode.ShouldBe(HttpStatusCode.OK);
}
