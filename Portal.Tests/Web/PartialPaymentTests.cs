using System.Net;
using System.Net.Http.Json;
using Portal.Tests.Support;
using Shouldly;

namespace Portal.Tests.Web;

/// <summary>Paying part of what is owed, where the organisation allows it, from its minimum up.</summary>
public class PartialPaymentTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    /// <summary>F-1 € 125,50 due 1 December, F-2 € 40,00 due 15 December.</summary>
    private async Task<(TestOrganisation Org, HttpClient Browser)> OpenAsync(decimal? minimum)
    {
        var organisation = await factory.CreateOrganisationAsync();
        if (minimum is not null)
        {
            var put = await factory.CreateApiClient(organisation.ApiKey).PutAsJsonAsync("/api/v1/payment-settings",
                new { partialPayments = true, partialPaymentMinimum = minimum });
            put.StatusCode.ShouldBe(HttpStatusCode.OK);
        }
        await organisation.AddCustomerAsync("C-1");
        await organisation.AddInvoiceAsync("F-2", "C-1", 4000, new DateOnly(2026, 12, 15));
        await organisation.AddInvoiceAsync("F-1", "C-1", 12550, new DateOnly(2026, 12, 1));
        return (organisation, await organisation.OpenAsCustomerAsync("C-1"));
    }

    private static Task<HttpResponseMessage> PayPartAsync(HttpClient browser, string method, string amount, params string[] invoices) =>
        PayJourney.PostFormAsync(browser, "/pay", invoices.Select(i => ("Invoices", i))
            .Append(("Method", method)).Append(("Amount", "part")).Append(("PartAmount", amount)).ToArray());

    [Fact]
    public async Task WithoutTheOrganisationsConsent_ThereIsNoPartOption_AndAPostedPartIsIgnored()
    {
        var (_, browser) = await OpenAsync(minimum: null);
        var page = await Html.ParseAsync(await browser.GetAsync("/pay"));
        page.QuerySelector("#part-amount").ShouldBeNull();

        var start = await PayPartAsync(browser, "ideal", "30,00", "F-1", "F-2");
        start.StatusCode.ShouldBe(HttpStatusCode.SeeOther);
        (await browser.GetStringAsync(start.Headers.Location!.PathAndQuery)).ShouldContain("EUR 165.50");
    }

    [Fact]
    public async Task PayingAPart_ChargesThatAmount_PaysTheOldestInvoiceFirst_AndTellsTheErp()
    {
        var (organisation, browser) = await OpenAsync(minimum: 10m);
        var page = await Html.ParseAsync(await browser.GetAsync("/pay"));
        page.Text("#part-hint").ShouldStartWith("Minimaal € 10,00.");
        page.QuerySelector("#amount-all")!.HasAttribute("checked").ShouldBeTrue();

        var start = await PayPartAsync(browser, "ideal", "€ 130,25", "F-1", "F-2");
        start.StatusCode.ShouldBe(HttpStatusCode.SeeOther);
        var checkout = start.Headers.Location!;
        (await browser.GetStringAsync(checkout.PathAndQuery)).ShouldContain("EUR 130.25");
        var back = await PayJourney.ChooseAtCheckoutAsync(browser, checkout, "paid");
        (await Html.ParseAsync(await browser.GetAsync(back))).Text("main .lead")
            .ShouldBe("U heeft € 130,25 betaald. U moet nog € 35,25 betalen. Dat ziet u in het overzicht.");

        var api = factory.CreateApiClient(organisation.ApiKey);
        var f1 = await (await api.GetAsync("/api/v1/invoices/F-1")).JsonAsync();
        f1.GetProperty("status").GetString().ShouldBe("paid");
        var f2 = await (await api.GetAsync("/api/v1/invoices/F-2")).JsonAsync();
        f2.GetProperty("status").GetString().ShouldBe("partially_paid");
        f2.GetProperty("amountPaid").GetDecimal().ShouldBe(4.75m);
        f2.GetProperty("amountDue").GetDecimal().ShouldBe(35.25m);

        var feed = await (await api.GetAsync("/api/v1/events")).JsonAsync();
        var types = feed.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("type").GetString()).ToList();
        types.ShouldBe(["payment.paid", "invoice.paid", "invoice.partially_paid"], ignoreOrder: true);

        var overview = await Html.ParseAsync(await browser.GetAsync("/overview"));
        overview.Text("main").ShouldContain("U moet nog € 35,25 betalen.");
    }

    [Fact]
    public async Task TheSamePartTwice_ReusesTheOpenPayment_AnotherPartDoesNot()
    {
        var (_, browser) = await OpenAsync(minimum: 10m);
        var first = await PayPartAsync(browser, "ideal", "50", "F-1");
        var again = await PayPartAsync(browser, "ideal", "50,00", "F-1");
        again.Headers.Location.ShouldBe(first.Headers.Location);
        (await PayPartAsync(browser, "ideal", "60", "F-1")).Headers.Location.ShouldNotBe(first.Headers.Location);
    }

    [Theory]
    [InlineData("", "Vul in hoeveel u nu wilt betalen.")]
    [InlineData("tien euro", "Vul een bedrag in, zoals 25,00.")]
    [InlineData("9,99", "Betaal minimaal € 10,00.")]
    [InlineData("125,50", "Vul minder in dan € 125,50. Wilt u alles betalen? Kies dan ‘Alles betalen’.")]
    [InlineData("200", "Vul minder in dan € 125,50. Wilt u alles betalen? Kies dan ‘Alles betalen’.")]
    public async Task AWrongAmount_IsNamedInTheErrorSummary_AndNothingIsStarted(string amount, string message)
    {
        var (_, browser) = await OpenAsync(minimum: 10m);
        var before = await SandboxPaymentCountAsync();
        var response = await PayPartAsync(browser, "ideal", amount, "F-1");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await Html.ParseAsync(response);
        page.Title!.ShouldStartWith("Fout: ");
        page.Text(".error-summary a[href='#part-amount']").ShouldBe(message);
        page.Text("#part-error").ShouldBe(message);
        page.QuerySelector("#part-amount")!.GetAttribute("aria-invalid").ShouldBe("true");
        (page.QuerySelector("#part-amount")!.GetAttribute("value") ?? "").ShouldBe(amount);
        page.QuerySelector("#amount-part")!.HasAttribute("checked").ShouldBeTrue();
        page.QuerySelector("input[name=Invoices][value='F-1']")!.HasAttribute("checked").ShouldBeTrue();
        page.QuerySelector("input[name=Invoices][value='F-2']")!.HasAttribute("checked").ShouldBeFalse();
        (await SandboxPaymentCountAsync()).ShouldBe(before);
    }

    private async Task<int> SandboxPaymentCountAsync() =>
        (await (await factory.CreateClient().GetAsync("/mollie-sandbox/__control/payments")).JsonAsync()).GetArrayLength();

    [Fact]
    public async Task InvoicesOwingNoMoreThanTheMinimum_CanOnlyBePaidInFull()
    {
        var (_, browser) = await OpenAsync(minimum: 50m);
        var response = await PayPartAsync(browser, "ideal", "45", "F-2");
        (await Html.ParseAsync(response)).Text("#part-error").ShouldBe("Deze facturen kunt u alleen helemaal betalen. Kies ‘Alles betalen’.");
    }

    [Fact]
    public async Task TransferringAPart_ShowsThatAmount_InTheTextAndTheQrCode()
    {
        var (_, browser) = await OpenAsync(minimum: 10m);
        var start = await PayPartAsync(browser, "transfer", "25", "F-1");
        start.StatusCode.ShouldBe(HttpStatusCode.SeeOther);
        var transferPath = start.Headers.Location!.OriginalString;
        transferPath.ShouldContain("part=2500");

        var page = await Html.ParseAsync(await browser.GetAsync(transferPath));
        page.Text("#value-amount").ShouldBe("€ 25,00");
        var qr = page.QuerySelector(".transfer-qr img")!.GetAttribute("src")!;
        qr.ShouldContain("part=2500");
        (await browser.GetAsync(qr)).StatusCode.ShouldBe(HttpStatusCode.OK);

        // A part the organisation does not accept cannot be forced through the address bar.
        (await browser.GetAsync("/pay/transfer?invoices=F-1&part=500")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await browser.GetAsync("/pay/transfer/qr.svg?invoices=F-1&part=500")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task PaymentSettingsApi_ReadsBack_AndRefusesNonsenseNamingTheField()
    {
        var organisation = await factory.CreateOrganisationAsync();
        var api = factory.CreateApiClient(organisation.ApiKey);
        var initial = await (await api.GetAsync("/api/v1/payment-settings")).JsonAsync();
        initial.GetProperty("partialPayments").GetBoolean().ShouldBeFalse();

        (await api.PutAsJsonAsync("/api/v1/payment-settings", new { partialPayments = true, partialPaymentMinimum = 25.5m })).EnsureSuccessStatusCode();
        var read = await (await api.GetAsync("/api/v1/payment-settings")).JsonAsync();
        read.GetProperty("partialPayments").GetBoolean().ShouldBeTrue();
        read.GetProperty("partialPaymentMinimum").GetDecimal().ShouldBe(25.50m);

        foreach (var (body, field) in new (object, string)[]
        {
            (new { partialPayments = true }, "partialPaymentMinimum"),
            (new { partialPayments = true, partialPaymentMinimum = 0m }, "partialPaymentMinimum"),
            (new { partialPayments = true, partialPaymentMinimum = 10.005m }, "partialPaymentMinimum"),
            (new { partialPayments = true, partialPaymentMinimum = -1m }, "partialPaymentMinimum"),
            (new { partialPayments = false, partialPaymentMinimum = 10m }, "partialPaymentMinimum"),
            (new { partialPaymentMinimum = 10m }, "partialPayments"),
        })
        {
            var refused = await api.PutAsJsonAsync("/api/v1/payment-settings", body);
            refused.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
            refused.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
            (await refused.Content.ReadAsStringAsync()).ShouldContain($"\"{field}\"");
        }
        (await (await api.GetAsync("/api/v1/payment-settings")).JsonAsync()).GetProperty("partialPaymentMinimum").GetDecimal().ShouldBe(25.50m);

        (await api.PutAsJsonAsync("/api/v1/payment-settings", new { partialPayments = false })).EnsureSuccessStatusCode();
        (await (await api.GetAsync("/api/v1/payment-settings")).JsonAsync()).GetProperty("partialPayments").GetBoolean().ShouldBeFalse();
    }
}
