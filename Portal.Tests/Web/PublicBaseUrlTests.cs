using System.Net;
using Portal.Infrastructure.PayLinks;
using Portal.Tests.Support;
using Shouldly;

namespace Portal.Tests.Web;

/// <summary>
/// Behind a proxy the request's host is an internal name, so every absolute link Portal hands out — the printed
/// invoice's QR code, the pay link and its QR codes from the API, the addresses Mollie sends the customer and its
/// webhooks back to — uses Portal:PublicBaseUrl.
/// </summary>
public class PublicBaseUrlTests(PublicBaseUrlTests.PublicAddressFactory factory) : IClassFixture<PublicBaseUrlTests.PublicAddressFactory>
{
    private const string PublicBase = "https://betalen.example.nl";

    public sealed class PublicAddressFactory : PortalFactory
    {
        protected override IEnumerable<(string Key, string Value)> Settings => [("Portal:PublicBaseUrl", PublicBase + "/")];
    }

    private async Task<(TestOrganisation Organisation, PayLinkService.Issued Link, HttpClient Browser)> OpenAsync()
    {
        var organisation = await factory.CreateOrganisationAsync();
        await organisation.AddCustomerAsync("C-1");
        await organisation.AddInvoiceAsync("F-1", "C-1", 12550, new DateOnly(2026, 12, 1));
        var link = await organisation.CreatePayLinkAsync("C-1");
        var browser = factory.CreateBrowserClient();
        (await browser.GetAsync($"/p/{link.Token}")).EnsureSuccessOrRedirect();
        return (organisation, link, browser);
    }

    [Fact]
    public async Task PrintedInvoiceQr_EncodesThePublicPayLink_NotTheRequestsHost()
    {
        var (_, link, browser) = await OpenAsync();

        var qr = await browser.GetStringAsync("/qr/pay-link.svg");

        qr.ShouldBe(new QrCodeRenderer().Svg($"{PublicBase}/p/{link.Token}"));
    }

    [Fact]
    public async Task ApiPayLink_AndItsQrCodes_UseThePublicAddress()
    {
        var (organisation, _, _) = await OpenAsync();
        var api = factory.CreateApiClient(organisation.ApiKey);

        var created = await api.PostAsync("/api/v1/pay-links", ApiJson.Raw("""{"customerRef":"C-1"}"""));
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var body = await created.JsonAsync();
        var url = body.GetProperty("url").GetString()!;
        url.ShouldStartWith(PublicBase + "/p/");
        body.GetProperty("qrSvg").GetString().ShouldStartWith(PublicBase + "/api/v1/pay-links/");
        created.Headers.Location!.ToString().ShouldStartWith(PublicBase + "/api/v1/pay-links/");

        var svg = await api.GetStringAsync(new Uri(body.GetProperty("qrSvg").GetString()!).PathAndQuery);
        svg.ShouldBe(new QrCodeRenderer().Svg(url));
    }

    [Fact]
    public async Task IdealPayment_SendsTheCustomerAndTheWebhookToThePublicAddress()
    {
        var (_, _, browser) = await OpenAsync();

        var start = await PayJourney.PostPayAsync(browser, "ideal", "F-1");
        start.StatusCode.ShouldBe(HttpStatusCode.SeeOther);
        var paymentId = start.Headers.Location!.AbsolutePath.Split('/')[^1];

        var payments = await factory.CreateClient().GetAsync("/mollie-sandbox/__control/payments");
        var payment = (await payments.JsonAsync()).EnumerateArray().Single(p => p.GetProperty("id").GetString() == paymentId);
        payment.GetProperty("redirectUrl").GetString().ShouldStartWith(PublicBase + "/pay/return/");
        payment.GetProperty("webhookUrl").GetString().ShouldBe(PublicBase + "/webhooks/mollie");
    }
}
