using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Payments;
using Portal.Infrastructure.Database;
using Portal.Infrastructure.Payments.Mollie;
using Portal.Tests.Support;
using Shouldly;

namespace Portal.Tests.Payments;

/// <summary>
/// Money that arrives for an invoice that no longer needs it: never counted twice, kept visible as a credit on the
/// customer, told to the ERP, and refunded where the organisation says so.
/// </summary>
public class OverpaymentTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private async Task<(TestOrganisation Org, HttpClient Browser, HttpClient Api)> OpenAsync()
    {
        var organisation = await factory.CreateOrganisationAsync();
        await organisation.AddCustomerAsync("C-1");
        await organisation.AddInvoiceAsync("A-1", "C-1", 4000, new DateOnly(2026, 12, 1));
        await organisation.AddInvoiceAsync("B-1", "C-1", 2500, new DateOnly(2026, 12, 15));
        return (organisation, await organisation.OpenAsCustomerAsync("C-1"), factory.CreateApiClient(organisation.ApiKey));
    }

    private static string ProviderId(HttpResponseMessage start) => start.Headers.Location!.AbsolutePath.Split('/')[^1];

    /// <summary>Pays at the sandbox's checkout and opens the return page, which asks the provider at once.</summary>
    private static async Task PayAtCheckoutAsync(HttpClient browser, HttpResponseMessage start) =>
        (await browser.GetAsync(await PayJourney.ChooseAtCheckoutAsync(browser, start.Headers.Location!, "paid"))).EnsureSuccessStatusCode();

    private static async Task<List<(string Type, System.Text.Json.JsonElement Data)>> EventsAsync(HttpClient api) =>
        (await (await api.GetAsync("/api/v1/events")).JsonAsync()).GetProperty("items").EnumerateArray()
            .Select(e => (e.GetProperty("type").GetString()!, e.GetProperty("data"))).ToList();

    private Task<List<Payment>> PaymentsAsync(long organisationId) =>
        factory.WithScopeAsync(sp => sp.GetRequiredService<PortalDbContext>().Payments.AsNoTracking().Where(p => p.OrganisationId == organisationId).ToListAsync());

    [Fact]
    public async Task TwoOverlappingPayments_BothPaid_TheInvoiceIsPaidOnce_TheRestIsACreditTheErpHearsOf()
    {
        var (organisation, browser, api) = await OpenAsync();
        var tabOne = await PayJourney.PostPayAsync(browser, null, "A-1");
        // Most iDEAL payments cannot be cancelled: the provider refuses, so both stay open.
        using var control = factory.CreateClient();
        (await control.PostAsync("/mollie-sandbox/__control/faults?status=422&count=1&method=DELETE", null)).EnsureSuccessStatusCode();
        var tabTwo = await PayJourney.PostPayAsync(browser, null, "A-1", "B-1");
        ProviderId(tabTwo).ShouldNotBe(ProviderId(tabOne));

        await PayAtCheckoutAsync(browser, tabOne);
        await PayAtCheckoutAsync(browser, tabTwo);

        var a = await (await api.GetAsync("/api/v1/invoices/A-1")).JsonAsync();
        a.GetProperty("status").GetString().ShouldBe("paid");
        a.GetProperty("amountPaid").GetDecimal().ShouldBe(40.00m);
        (await (await api.GetAsync("/api/v1/invoices/B-1")).JsonAsync()).GetProperty("status").GetString().ShouldBe("paid");

        var credits = await (await api.GetAsync("/api/v1/customers/C-1/credits")).JsonAsync();
        var credit = credits.GetProperty("items").EnumerateArray().ShouldHaveSingleItem();
        credit.GetProperty("invoiceNumber").GetString().ShouldBe("A-1");
        credit.GetProperty("amount").GetDecimal().ShouldBe(40.00m);
        credit.GetProperty("reason").GetString().ShouldBe("invoice_already_paid");
        credit.GetProperty("status").GetString().ShouldBe("held");
        credits.GetProperty("outstanding").GetProperty("EUR").GetDecimal().ShouldBe(40.00m);

        var unallocated = (await EventsAsync(api)).Where(e => e.Type == "payment.unallocated").ShouldHaveSingleItem().Data;
        unallocated.GetProperty("invoiceNumber").GetString().ShouldBe("A-1");
        unallocated.GetProperty("amount").GetDecimal().ShouldBe(40.00m);
        unallocated.GetProperty("refund").GetString().ShouldBe("none");

        var overview = await Html.ParseAsync(await browser.GetAsync("/overview"));
        overview.Text(".credit-note").ShouldBe("U heeft € 40,00 te veel betaald. Wij nemen contact met u op over dit geld.");

        // The webhooks again: still one credit, one payment on the invoice.
        foreach (var start in new[] { tabOne, tabTwo })
            (await factory.CreateClient().PostAsync("/webhooks/mollie", new FormUrlEncodedContent([new("id", ProviderId(start))]))).EnsureSuccessStatusCode();
        (await (await api.GetAsync("/api/v1/customers/C-1/credits")).JsonAsync()).GetProperty("items").GetArrayLength().ShouldBe(1);
        (await (await api.GetAsync("/api/v1/invoices/A-1")).JsonAsync()).GetProperty("amountPaid").GetDecimal().ShouldBe(40.00m);
    }

    [Fact]
    public async Task ChoosingAgain_CancelsTheOlderOpenPaymentForTheSameInvoice()
    {
        var (organisation, browser, _) = await OpenAsync();
        var tabOne = await PayJourney.PostPayAsync(browser, null, "A-1");
        var tabTwo = await PayJourney.PostPayAsync(browser, null, "A-1", "B-1");

        var older = await factory.WithScopeAsync(sp => sp.GetRequiredService<MollieClient>().GetPaymentAsync(ProviderId(tabOne)));
        older.Status.ShouldBe("canceled");
        var payments = await PaymentsAsync(organisation.Id);
        payments.Single(p => p.ProviderPaymentId == ProviderId(tabOne)).Status.ShouldBe(PaymentStatus.Canceled);
        payments.Single(p => p.ProviderPaymentId == ProviderId(tabTwo)).Status.ShouldBe(PaymentStatus.Open);
    }

    [Fact]
    public async Task InvoiceCancelledWhilePaying_MoneyIsNotBookedOnIt_AndIsRefundedWhenTheOrganisationSaysSo()
    {
        var (organisation, browser, api) = await OpenAsync();
        (await api.PutAsync("/api/v1/payment-settings", new StringContent("""{"partialPayments":false,"refundOverpayments":true}""",
            Encoding.UTF8, "application/json"))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await (await api.GetAsync("/api/v1/payment-settings")).JsonAsync()).GetProperty("refundOverpayments").GetBoolean().ShouldBeTrue();

        var start = await PayJourney.PostPayAsync(browser, null, "B-1");
        (await api.PostAsync("/api/v1/invoices/B-1/cancel", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await PayAtCheckoutAsync(browser, start);

        var b = await (await api.GetAsync("/api/v1/invoices/B-1")).JsonAsync();
        b.GetProperty("status").GetString().ShouldBe("cancelled");
        b.GetProperty("amountPaid").GetDecimal().ShouldBe(0m);

        var credit = (await (await api.GetAsync("/api/v1/customers/C-1/credits")).JsonAsync()).GetProperty("items").EnumerateArray().ShouldHaveSingleItem();
        credit.GetProperty("reason").GetString().ShouldBe("invoice_cancelled");
        credit.GetProperty("status").GetString().ShouldBe("refunded");
        var refundId = credit.GetProperty("refundId").GetString();
        var refunds = await factory.WithScopeAsync(sp => sp.GetRequiredService<MollieClient>().ListRefundsAsync(ProviderId(start)));
        var refund = refunds.Items.ShouldHaveSingleItem();
        refund.Id.ShouldBe(refundId);
        refund.Amount.Value.ShouldBe("25.00");

        var events = await EventsAsync(api);
        events.Single(e => e.Type == "payment.unallocated").Data.GetProperty("refund").GetString().ShouldBe("pending");
        events.Single(e => e.Type == "credit.refunded").Data.GetProperty("refundId").GetString().ShouldBe(refundId);
        events.ShouldNotContain(e => e.Type == "invoice.paid" || e.Type == "invoice.partially_paid");

        // A refund waiting in the reconciliation job finds the one already made instead of making another.
        await factory.WithScopeAsync(sp => sp.GetRequiredService<Portal.Infrastructure.Payments.PaymentReconciliation>().RunAsync(TimeSpan.Zero));
        (await factory.WithScopeAsync(sp => sp.GetRequiredService<MollieClient>().ListRefundsAsync(ProviderId(start)))).Items.Count.ShouldBe(1);
    }

    [Fact]
    public async Task ProviderDown_TenClicksAtOnce_AllGetThePlain503Page_NothingIsLeft()
    {
        var (organisation, browser, _) = await OpenAsync();
        var form = await Html.ParseAsync(await browser.GetAsync("/pay"));
        var token = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var control = factory.CreateClient();
        (await control.PostAsync("/mollie-sandbox/__control/faults?status=503&count=200", null)).EnsureSuccessStatusCode();
        try
        {
            var clicks = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => browser.PostAsync("/pay",
                new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("Invoices", "A-1")]))));
            clicks.Select(c => c.StatusCode).ShouldAllBe(s => s == HttpStatusCode.ServiceUnavailable);
            foreach (var click in clicks) (await click.Content.ReadAsStringAsync()).ShouldContain("Probeer het over een paar minuten opnieuw.");
            (await PaymentsAsync(organisation.Id)).ShouldBeEmpty();
        }
        finally
        {
            await control.PostAsync("/mollie-sandbox/__control/reset", null);
        }
        (await PayJourney.PostPayAsync(browser, null, "A-1")).StatusCode.ShouldBe(HttpStatusCode.SeeOther);
    }
}
