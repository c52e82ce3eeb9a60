using Microsoft.Playwright;
using Shouldly;

namespace Portal.E2E.Infrastructure;

/// <summary>The steps of paying in the browser, in Dutch: from the overview to the bank's checkout and back.</summary>
public static class PayPages
{
    /// <summary>
    /// Waits until the address matches <paramref name="pattern"/> (a regular expression), by polling the address.
    /// WaitForURL also waits for a load state, and on a busy CI machine that wait was seen to time out after a
    /// redirect with the page already there; callers then wait for what the page shows.
    /// </summary>
    public static Task WaitForAddressAsync(this IPage page, string pattern) =>
        Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(pattern), new() { Timeout = 30_000 });

    /// <summary>Opens the customer's pay link as from the letter; the customer lands on the overview.</summary>
    public static async Task OpenPayLinkAsync(this IPage page, PayingCustomer customer)
    {
        var response = await page.GotoAsync(customer.PayLinkPath);
        response.ShouldNotBeNull().Status.ShouldBe(200);
        new Uri(page.Url).AbsolutePath.ShouldBe("/overview");
    }

    /// <summary>From the overview, "Betalen" leads to the page that asks which invoices to pay.</summary>
    public static async Task GoToPayAsync(this IPage page)
    {
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = "Betalen", Exact = true }).ClickAsync();
        await page.WaitForAddressAsync("/pay$");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Betalen");
    }

    /// <summary>The invoice's checkbox on the pay page, by its label "Factuur {number}: {amount}".</summary>
    public static ILocator InvoiceChoice(this IPage page, string invoiceNumber) =>
        page.GetByRole(AriaRole.Checkbox, new() { Name = $"Factuur {invoiceNumber}:" });

    /// <summary>The pay page's iDEAL button.</summary>
    public static ILocator IdealButton(this IPage page) =>
        page.GetByRole(AriaRole.Button, new() { Name = "Verder naar betalen", Exact = true });

    /// <summary>Presses "Verder naar betalen" and answers the provider's payment id (<c>tr_…</c>) from the checkout's address.</summary>
    public static async Task<string> ContinueToCheckoutAsync(this IPage page)
    {
        await page.IdealButton().ClickAsync();
        return await page.WaitForCheckoutAsync();
    }

    /// <summary>Waits for the sandbox's TEST MODE checkout and answers its payment id.</summary>
    public static async Task<string> WaitForCheckoutAsync(this IPage page)
    {
        await page.WaitForAddressAsync("/mollie-sandbox/checkout/tr_");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Test payment");
        var id = new Uri(page.Url).Segments[^1];
        id.ShouldStartWith("tr_");
        return id;
    }

    /// <summary>
    /// On the sandbox's checkout, answers as the bank would (<paramref name="status"/>: paid, failed, canceled, expired or
    /// open), and answers Portal's own payment id from the return page's address.
    /// </summary>
    public static async Task<Guid> ChooseCheckoutOutcomeAsync(this IPage page, string status)
    {
        var label = char.ToUpperInvariant(status[0]) + status[1..];
        await page.GetByRole(AriaRole.Button, new() { Name = label, Exact = true }).ClickAsync();
        await page.WaitForAddressAsync("/pay/return/[0-9a-f-]+$");
        await Assertions.Expect(page.Locator("[data-payment-status]")).ToBeVisibleAsync();
        return Guid.Parse(new Uri(page.Url).Segments[^1]);
    }
}
