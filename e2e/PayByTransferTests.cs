using System.Globalization;
using Microsoft.Playwright;
using Portal.E2E.Infrastructure;
using Shouldly;

namespace Portal.E2E;

/// <summary>
/// The customer who pays from their own bank: the page gives the account, name, amount and a structured RF reference,
/// each with a copy button, and an EPC ("GiroCode") QR code that a banking app reads as exactly the same transfer.
/// </summary>
public sealed class PayByTransferTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    [BrowserQrFact]
    public async Task Paying_by_transfer_shows_each_detail_to_copy_and_a_QR_code_holding_the_same_transfer()
    {
        var customer = await portal.AddPayingCustomerAsync();
        // Three device pixels per CSS pixel, so the screenshot of the QR code has sharp modules for the decoder.
        await using var context = await portal.NewContextAsync(deviceScaleFactor: 3);
        await context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        var page = await context.NewPageAsync();
        await page.OpenPayLinkAsync(customer);
        await page.GoToPayAsync();
        foreach (var number in customer.InvoiceNumbers) await Assertions.Expect(page.InvoiceChoice(number)).ToBeCheckedAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Ik maak het zelf over", Exact = true }).ClickAsync();

        await page.WaitForAddressAsync(@"/pay/transfer\?");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Zelf overmaken");
        var iban = await DetailAsync(page, "Rekeningnummer (IBAN)");
        var name = await DetailAsync(page, "Ten name van");
        var amount = await DetailAsync(page, "Bedrag");
        var reference = await DetailAsync(page, "Betalingskenmerk");
        iban.ShouldBe("NL91ABNA0417164300");
        name.ShouldBe("Waterbedrijf Oost B.V.");
        amount.ShouldBe(Texts.DutchAmount(customer.TotalMinor));
        reference.ShouldMatch(@"^RF\d\d( [0-9A-Z]{1,4})+$", "The reference is not shown in groups of four.");
        var compactReference = reference.Replace(" ", "", StringComparison.Ordinal);
        IsValidCreditorReference(compactReference).ShouldBeTrue($"{reference} fails the ISO 11649 check.");
        // Two invoices in one transfer: the reference names the customer, so the ERP can match the money.
        compactReference[4..].ShouldBe(new string(customer.CustomerRef.Where(char.IsAsciiLetterOrDigit).ToArray()));

        // Each detail has its own copy button; copying gives the value as a bank's form wants it, without spaces.
        await Assertions.Expect(page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Button, new() { Name = "Kopieer", Exact = true })).ToHaveCountAsync(4);
        (await CopyAsync(page, "Rekeningnummer (IBAN)")).ShouldBe(iban);
        (await CopyAsync(page, "Betalingskenmerk")).ShouldBe(compactReference);
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Gekopieerd.");

        // The QR code, read by a decoder of its own, is the EPC069-12 transfer built here from what the page says.
        var qr = page.GetByRole(AriaRole.Img, new() { Name = "QR-code voor de overboeking", Exact = true });
        await Assertions.Expect(qr).ToBeVisibleAsync();
        await page.WaitForFunctionAsync("img => img.complete && img.naturalWidth > 0", await qr.ElementHandleAsync());
        var decoded = await Zbar.DecodeAsync(await qr.ScreenshotAsync(new() { Type = ScreenshotType.Png, Scale = ScreenshotScale.Device }));
        decoded.ShouldBe(EpcPayload(name, iban, amount, compactReference));
    }

    /// <summary>The value next to a label in the list of transfer details.</summary>
    private static async Task<string> DetailAsync(IPage page, string label) =>
        Texts.Normalise(await Row(page, label).Locator("dd .transfer__value").InnerTextAsync());

    private static ILocator Row(IPage page, string label) =>
        page.Locator(".transfer__row").Filter(new() { Has = page.GetByRole(AriaRole.Term).GetByText(label, new() { Exact = true }) });

    private static async Task<string> CopyAsync(IPage page, string label)
    {
        var button = Row(page, label).GetByRole(AriaRole.Button, new() { Name = "Kopieer", Exact = true });
        await Assertions.Expect(button).ToHaveAccessibleDescriptionAsync(label);
        await page.EvaluateAsync("() => navigator.clipboard.writeText('')");
        await button.ClickAsync();
        return await Poll.UntilAsync(async () => await page.EvaluateAsync<string>("() => navigator.clipboard.readText()") is { Length: > 0 } text ? text : null,
            TimeSpan.FromSeconds(10), $"copying {label}");
    }

    /// <summary>
    /// EPC069-12 version 002 in UTF-8 (charset 1), credit transfer (SCT), no BIC, the beneficiary's name and IBAN, the
    /// amount as EUR with a point and two decimals, no purpose, the structured reference, and no free text.
    /// </summary>
    private static string EpcPayload(string name, string iban, string dutchAmount, string reference)
    {
        var amount = decimal.Parse(dutchAmount.Replace("€", "", StringComparison.Ordinal).Trim(), NumberStyles.Number, Texts.Dutch);
        return string.Join("\n", "BCD", "002", "1", "SCT", "", name, iban, "EUR" + amount.ToString("0.00", CultureInfo.InvariantCulture),
            "", reference, "", "");
    }

    /// <summary>ISO 11649: move "RFnn" to the end, letters to 10–35, and the number modulo 97 is 1.</summary>
    private static bool IsValidCreditorReference(string reference)
    {
        if (reference.Length is < 5 or > 25 || !reference.StartsWith("RF", StringComparison.Ordinal)) return false;
        var remainder = 0;
        foreach (var c in reference[4..] + reference[..4])
        {
            if (!char.IsAsciiLetterOrDigit(c)) return false;
            var value = char.IsAsciiDigit(c) ? c - '0' : char.ToUpperInvariant(c) - 'A' + 10;
            remainder = (value < 10 ? remainder * 10 + value : remainder * 100 + value) % 97;
        }
        return remainder == 1;
    }
}
