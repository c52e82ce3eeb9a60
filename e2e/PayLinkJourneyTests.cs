using Microsoft.Playwright;
using Portal.E2E.Infrastructure;
using Shouldly;

namespace Portal.E2E;

/// <summary>The customer's main goal: open the link from the letter, see what to pay and by when, and check an invoice.</summary>
public sealed class PayLinkJourneyTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    [BrowserFact]
    public async Task Opening_the_pay_link_shows_what_to_pay_and_the_invoice_lines()
    {
        var account = portal.Account;
        await using var context = await portal.NewContextAsync();
        var page = await context.NewPageAsync();

        var response = await page.OpenPayLinkAsync(account);

        response.Status.ShouldBe(200);
        var overviewUrl = new Uri(page.Url);
        overviewUrl.AbsolutePath.ShouldBe("/overview");
        page.Url.ShouldNotContain(account.PayLinkToken);
        (await page.HtmlLanguageAsync()).ShouldBe("nl");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Wat u moet betalen");
        var overview = await page.MainTextAsync();
        overview.ShouldContain($"U moet nog {Texts.DutchAmount(account.TotalDueMinor)} betalen.");
        overview.ShouldContain($"Betaal vóór {Texts.DutchDate(account.PayBefore)}.");
        overview.ShouldContain("U moet nog € 125,50 betalen.");

        var openInvoices = page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Listitem);
        await Assertions.Expect(openInvoices).ToHaveCountAsync(2);
        var firstInvoice = page.GetByRole(AriaRole.Link, new() { Name = PortalPages.InvoiceLinkName(account.FirstInvoiceNumber, "nl"), Exact = true });
        var secondInvoice = page.GetByRole(AriaRole.Link, new() { Name = PortalPages.InvoiceLinkName(account.SecondInvoiceNumber, "nl"), Exact = true });
        await Assertions.Expect(firstInvoice).ToBeVisibleAsync();
        await Assertions.Expect(secondInvoice).ToBeVisibleAsync();

        await firstInvoice.ClickAsync();

        await page.WaitForAddressAsync($"/invoices/{System.Text.RegularExpressions.Regex.Escape(account.FirstInvoiceNumber)}$");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 }))
            .ToHaveTextAsync(PortalPages.InvoiceLinkName(account.FirstInvoiceNumber, "nl"));
        var lines = page.GetByRole(AriaRole.Table, new() { Name = "Wat er op de factuur staat" });
        await Assertions.Expect(lines).ToBeVisibleAsync();
        foreach (var (description, amountMinor) in account.FirstInvoiceLines)
        {
            var row = lines.GetByRole(AriaRole.Row).Filter(new() { HasText = description });
            await Assertions.Expect(row).ToHaveCountAsync(1);
            Texts.Normalise(await row.InnerTextAsync()).ShouldContain(Texts.DutchAmount(amountMinor));
        }
        var totalRow = lines.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = "Totaal" }) });
        Texts.Normalise(await totalRow.InnerTextAsync()).ShouldContain(Texts.DutchAmount(account.FirstInvoiceTotalMinor));

        await page.GetByRole(AriaRole.Link, new() { Name = "Terug naar het overzicht" }).ClickAsync();

        await page.WaitForAddressAsync("/overview$");
        await Assertions.Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync($"U moet nog {Texts.DutchAmount(account.TotalDueMinor)} betalen.");
    }
}
