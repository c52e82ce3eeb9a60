using Microsoft.Playwright;
using Portal.E2E.Infrastructure;
using Shouldly;

namespace Portal.E2E;

/// <summary>
/// The customer who cannot pay everything today pays a part: the organisation allows parts from € 10, the part goes
/// to the invoice due first, and the thank-you page and the ERP both show what is still open.
/// </summary>
public sealed class PayPartTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    [BrowserFact]
    public async Task Paying_a_part_with_iDEAL_pays_the_oldest_invoice_first_and_says_what_is_still_open()
    {
        var customer = await portal.AddPayingCustomerAsync();
        var (oldest, newest) = (customer.Invoices[0], customer.Invoices[1]);
        await using var context = await portal.NewContextAsync(width: 320);
        var page = await context.NewPageAsync();
        await page.OpenPayLinkAsync(customer);
        await page.GoToPayAsync();

        var howMuch = page.GetByRole(AriaRole.Group, new() { Name = "Hoeveel wilt u nu betalen?" });
        await Assertions.Expect(howMuch.GetByRole(AriaRole.Radio, new() { Name = "Alles betalen" })).ToBeCheckedAsync();
        var amount = page.GetByRole(AriaRole.Textbox, new() { Name = "Bedrag in euro" });
        await Assertions.Expect(amount).ToHaveAccessibleDescriptionAsync(new System.Text.RegularExpressions.Regex("^Minimaal € 10,00\\."));

        // Typing an amount chooses "Een deel betalen", so the amount is not paid in full by mistake.
        await amount.FillAsync("5");
        await Assertions.Expect(howMuch.GetByRole(AriaRole.Radio, new() { Name = "Een deel betalen" })).ToBeCheckedAsync();
        await page.IdealButton().ClickAsync();
        await Assertions.Expect(page.Locator("[data-error-summary]")).ToBeFocusedAsync();
        await Assertions.Expect(page.Locator("[data-error-summary]")).ToContainTextAsync("Betaal minimaal € 10,00.");
        await Assertions.Expect(amount).ToHaveAttributeAsync("aria-invalid", "true");
        var audit = await PageAudit.CheckAsync(page, "nl", portal.Account.OrganisationName, true, "pay page, part below the minimum");
        audit.Problems.ShouldBeEmpty(string.Join(Environment.NewLine, audit.Problems));

        await amount.FillAsync("100,00");
        var providerId = await page.ContinueToCheckoutAsync();
        providerId.ShouldStartWith("tr_");
        (await page.MainTextAsync()).ShouldContain("EUR 100.00");
        await page.ChooseCheckoutOutcomeAsync("paid");

        var stillOpen = oldest.AmountMinor + newest.AmountMinor - 10000;
        await Assertions.Expect(page.Locator("[data-payment-status]"))
            .ToHaveTextAsync($"U heeft € 100,00 betaald. U moet nog {Texts.DutchAmount(stillOpen)} betalen. Dat ziet u in het overzicht.");

        using var erp = portal.NewErpApi();
        var first = await erp.GetInvoiceAsync(oldest.Number);
        first.GetProperty("status").GetString().ShouldBe("paid");
        var second = await erp.GetInvoiceAsync(newest.Number);
        second.GetProperty("status").GetString().ShouldBe("partially_paid");
        second.GetProperty("amountPaid").GetDecimal().ShouldBe((10000 - oldest.AmountMinor) / 100m);
        second.GetProperty("amountDue").GetDecimal().ShouldBe(stillOpen / 100m);

        await page.GetByRole(AriaRole.Link, new() { Name = "Terug naar het overzicht" }).ClickAsync();
        // Waiting for the address only, then for what the page shows: the load event can be missed on a busy machine.
        await page.WaitForAddressAsync("/overview$");
        await Assertions.Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync($"U moet nog {Texts.DutchAmount(stillOpen)} betalen.");
    }
}
