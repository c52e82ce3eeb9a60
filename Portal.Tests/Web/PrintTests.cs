using System.Net;
using Portal.Tests.Support;
using Shouldly;

namespace Portal.Tests.Web;

public class PrintTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task InvoicePage_CarriesTheCustomersOwnPayLinkQr_ForPrinting()
    {
        var organisation = await factory.CreateOrganisationAsync();
        await organisation.AddCustomerAsync("C-1");
        await organisation.AddInvoiceAsync("F-1", "C-1", 12550, new DateOnly(2026, 12, 1));
        var browser = await organisation.OpenAsCustomerAsync("C-1");

        var page = await Html.ParseAsync(await browser.GetAsync("/invoices/F-1"));
        page.QuerySelector(".print-qr img")!.GetAttribute("src").ShouldBe("/qr/pay-link.svg");

        var qr = await browser.GetAsync("/qr/pay-link.svg");
        qr.StatusCode.ShouldBe(HttpStatusCode.OK);
        qr.Content.Headers.ContentType!.MediaType.ShouldBe("image/svg+xml");
        qr.Headers.CacheControl!.NoStore.ShouldBeTrue();
        (await qr.Content.ReadAsStringAsync()).ShouldStartWith("<svg");
    }

    [Fact]
    public async Task PayLinkQr_WithoutSession_Is404() =>
        (await factory.CreateBrowserClient().GetAsync("/qr/pay-link.svg")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
}
