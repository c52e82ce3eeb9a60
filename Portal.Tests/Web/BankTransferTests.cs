using System.Net;
using Portal.Domain.Payments;
using Portal.Tests.Support;
using Shouldly;

namespace Portal.Tests.Web;

public class BankTransferTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task ChoosingTransfer_ShowsAccountAmountAndAValidReference_WithTheEpcQr()
    {
        var organisation = await factory.CreateOrganisationAsync("Waterbedrijf Oost");
        await organisation.AddCustomerAsync("C-1");
        await organisation.AddInvoiceAsync("2026-0101", "C-1", 12550, new DateOnly(2026, 12, 1));
        await organisation.AddInvoiceAsync("2026-0102", "C-1", 1000, new DateOnly(2026, 12, 1));
        var browser = await organisation.OpenAsCustomerAsync("C-1");

        var chosen = await PayJourney.PostPayAsync(browser, "transfer", "2026-0101");
        chosen.StatusCode.ShouldBe(HttpStatusCode.SeeOther);
        chosen.Headers.Location!.OriginalString.ShouldBe("/pay/transfer?invoices=2026-0101");

        var page = await Html.ParseAsync(await browser.GetAsync(chosen.Headers.Location.OriginalString));
        page.Text("h1").ShouldBe("Zelf overmaken");
        page.Text("#value-iban").ShouldBe("NL91ABNA0417164300");
        page.QuerySelector("#value-iban")!.GetAttribute("data-speak").ShouldBe("N L 9 1, A B N A, 0 4 1 7, 1 6 4 3, 0 0");
        page.Text("#value-name").ShouldBe("Waterbedrijf Oost B.V.");
        page.Text("#value-amount").ShouldBe("€ 125,50");
        var reference = page.Text("#value-reference");
        reference.ShouldBe("RF47 2026 0101");
        CreditorReference.IsValid(reference.Replace(" ", "")).ShouldBeTrue();

        var qr = await browser.GetAsync(page.QuerySelector(".transfer-qr img")!.GetAttribute("src")!);
        qr.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await qr.Content.ReadAsStringAsync()).ShouldStartWith("<svg");
    }

    [Fact]
    public async Task TransferPage_WithoutSession_AsksToOpenTheLinkAgain() =>
        (await factory.CreateBrowserClient().GetAsync("/pay/transfer?invoices=2026-0101")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
}
