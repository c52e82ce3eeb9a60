using Microsoft.Playwright;
using Portal.E2E.Infrastructure;
using Shouldly;

namespace Portal.E2E;

/// <summary>A customer without a mouse tabs to an invoice, sees where the focus is, and opens it with Enter.</summary>
public sealed class KeyboardTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    private const int MaxTabs = 15;

    [BrowserFact]
    public async Task Tab_reaches_the_first_invoice_with_a_visible_focus_and_Enter_opens_it()
    {
        var account = portal.Account;
        await using var context = await portal.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.OpenPayLinkAsync(account);
        var firstInvoice = page.GetByRole(AriaRole.Link,
            new() { Name = PortalPages.InvoiceLinkName(account.FirstInvoiceNumber, "nl"), Exact = true });
        await Assertions.Expect(firstInvoice).ToBeVisibleAsync();

        var tabs = 0;
        while (!await IsFocusedAsync(firstInvoice))
        {
            tabs++;
            tabs.ShouldBeLessThanOrEqualTo(MaxTabs, $"Tab did not reach the first invoice link within {MaxTabs} presses.");
            await page.Keyboard.PressAsync("Tab");
        }

        var focus = await firstInvoice.EvaluateAsync<string[]>(
            "el => { const s = getComputedStyle(el); return [s.outlineStyle, s.outlineWidth, s.boxShadow]; }");
        var (outlineStyle, outlineWidth, boxShadow) = (focus[0], focus[1], focus[2]);
        var visibleOutline = outlineStyle != "none" && outlineWidth != "0px";
        (visibleOutline || boxShadow != "none").ShouldBeTrue(
            $"The focused invoice link shows no focus indicator (outline {outlineStyle} {outlineWidth}, box-shadow {boxShadow}).");

        await page.Keyboard.PressAsync("Enter");

        try
        {
            await page.WaitForURLAsync($"**/invoices/{account.FirstInvoiceNumber}");
        }
        catch (TimeoutException e)
        {
            var active = await page.EvaluateAsync<string>("() => document.activeElement?.outerHTML ?? 'none'");
            throw new TimeoutException($"Enter did not open the invoice. Still at {page.Url}; focus on {active}.", e);
        }
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 }))
            .ToHaveTextAsync(PortalPages.InvoiceLinkName(account.FirstInvoiceNumber, "nl"));
    }

    private static Task<bool> IsFocusedAsync(ILocator element) =>
        element.EvaluateAsync<bool>("el => el === document.activeElement");
}
