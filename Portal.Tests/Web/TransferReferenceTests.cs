using System.Net;
using Portal.Domain.Payments;
using Portal.Tests.Support;
using Shouldly;

namespace Portal.Tests.Web;

/// <summary>Whatever an ERP numbers its invoices, the transfer page shows a valid RF reference, and never a 500.</summary>
public class TransferReferenceTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Theory]
    [InlineData("---")]
    [InlineData("ÄÖÜ-ßé")]
    [InlineData("１２３")]
    public async Task Transfer_InvoiceNumberWithoutAsciiLettersOrDigits_ShowsAValidReference(string number)
    {
        var organisation = await factory.CreateOrganisationAsync();
        await organisation.AddCustomerAsync("C-1");
        (await organisation.AddInvoiceAsync(number, "C-1", 12550, new DateOnly(2026, 12, 1))).Errors.ShouldBeEmpty();
        var browser = await organisation.OpenAsCustomerAsync("C-1");

        var response = await browser.GetAsync("/pay/transfer?invoices=" + Uri.EscapeDataString(number));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var reference = (await Html.ParseAsync(response)).Text("#value-reference").Replace(" ", "");
        CreditorReference.IsValid(reference).ShouldBeTrue(reference);
        reference.ShouldBe(CreditorReference.For(number));

        var qr = await browser.GetAsync("/pay/transfer/qr.svg?invoices=" + Uri.EscapeDataString(number));
        qr.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    /// <summary>Two invoices use the customer's reference, which may have no usable character either.</summary>
    [Fact]
    public async Task Transfer_TwoInvoicesOfACustomerWithoutAsciiLettersOrDigits_ShowsAValidReference()
    {
        var organisation = await factory.CreateOrganisationAsync();
        await organisation.AddCustomerAsync("ÄÖÜ");
        await organisation.AddInvoiceAsync("---", "ÄÖÜ", 1000, new DateOnly(2026, 12, 1));
        await organisation.AddInvoiceAsync("・・・", "ÄÖÜ", 2000, new DateOnly(2026, 12, 1));
        var browser = await organisation.OpenAsCustomerAsync("ÄÖÜ");

        var response = await browser.GetAsync("/pay/transfer?invoices=---&invoices=" + Uri.EscapeDataString("・・・"));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var reference = (await Html.ParseAsync(response)).Text("#value-reference").Replace(" ", "");
        reference.ShouldBe(CreditorReference.For("ÄÖÜ"));
        CreditorReference.IsValid(reference).ShouldBeTrue(reference);
    }

    [Theory]
    [InlineData("/pay/transfer")]
    [InlineData("/pay/transfer?invoices=")]
    [InlineData("/pay/transfer?invoices=---")]
    [InlineData("/pay/transfer?invoices=F-404&part=abc")]
    [InlineData("/pay/transfer/qr.svg")]
    [InlineData("/pay/transfer/qr.svg?invoices=---")]
    public async Task Transfer_NoOrUnknownInvoices_IsNeverA500(string url)
    {
        var organisation = await factory.CreateOrganisationAsync();
        await organisation.AddCustomerAsync("C-1");
        await organisation.AddInvoiceAsync("2026-0101", "C-1", 12550, new DateOnly(2026, 12, 1));
        var browser = await organisation.OpenAsCustomerAsync("C-1");

        var response = await browser.GetAsync(url);
        ((int)response.StatusCode).ShouldBeLessThan(500);
        if (url.StartsWith("/pay/transfer?", StringComparison.Ordinal) || url == "/pay/transfer")
        {
            ((int)response.StatusCode).ShouldBeInRange(300, 399);
            response.Headers.Location!.OriginalString.ShouldBe("/overview");
        }
    }
}
