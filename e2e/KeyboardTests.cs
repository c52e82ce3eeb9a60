using Microsoft.Playwright;
using Portal.E2E.Infrastructure;
using Shouldly;

namespace Portal.E2E;

/// <summary>
/// A customer without a mouse (ACCEPTANCE 6) skips to the content, opens an invoice, goes back and switches to English
/// with Tab, Shift+Tab and Enter alone, and sees where the focus is at every step.
/// </summary>
public sealed class KeyboardTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    private const int MaxTabs = 15;

    // A visible focus ring: an outline of at least 2 px, or a box shadow. Answers what is missing, or "" when it shows.
    private const string FocusRingScript = """
        () => {
          const el = document.activeElement;
          if (!el || el === document.body) return "focus is nowhere";
          const s = getComputedStyle(el);
          const outline = s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2;
          return outline || s.boxShadow !== "none" ? ""
            : `no focus ring on ${el.outerHTML.slice(0, 100)}: outline ${s.outlineStyle} ${s.outlineWidth}, box-shadow ${s.boxShadow}`;
        }
        """;

    [BrowserFact]
    public async Task Keyboard_alone_skips_to_the_content_opens_an_invoice_goes_back_and_switches_to_English()
    {
        var account = portal.Account;
        await using var context = await portal.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.OpenPayLinkAsync(account);
        new Uri(page.Url).AbsolutePath.ShouldBe("/overview");

        // The first Tab shows the skip link; Enter takes the focus to the main content.
        await page.Keyboard.PressAsync("Tab");
        var skipLink = page.GetByRole(AriaRole.Link, new() { Name = "Ga naar de inhoud", Exact = true });
        await Assertions.Expect(skipLink).ToBeFocusedAsync();
        await Assertions.Expect(skipLink).ToBeInViewportAsync(new() { Ratio = 1 });
        await ShouldShowFocusAsync(page);
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Main)).ToBeFocusedAsync();
        await ShouldShowFocusAsync(page);

        var firstInvoice = page.GetByRole(AriaRole.Link,
            new() { Name = PortalPages.InvoiceLinkName(account.FirstInvoiceNumber, "nl"), Exact = true });
        await TabToAsync(page, firstInvoice);
        await PressEnterAndWaitAsync(page, $"/invoices/{System.Text.RegularExpressions.Regex.Escape(account.FirstInvoiceNumber)}$");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 }))
            .ToHaveTextAsync(PortalPages.InvoiceLinkName(account.FirstInvoiceNumber, "nl"));

        var back = page.GetByRole(AriaRole.Link, new() { Name = "Terug naar het overzicht", Exact = true });
        await TabToAsync(page, back);
        // Shift+Tab goes back one step, and Tab forward again.
        await page.Keyboard.PressAsync("Shift+Tab");
        (await back.EvaluateAsync<bool>("el => el === document.activeElement")).ShouldBeFalse("Shift+Tab did not move the focus back.");
        await ShouldShowFocusAsync(page);
        await TabToAsync(page, back);
        await PressEnterAndWaitAsync(page, "/overview$");

        var english = page.GetByRole(AriaRole.Navigation, new() { Name = "Taal" })
            .GetByRole(AriaRole.Link, new() { Name = "English", Exact = true });
        await TabToAsync(page, english);
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        new Uri(page.Url).AbsolutePath.ShouldBe("/overview");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("What you need to pay");
    }

    [BrowserFact]
    public async Task Keyboard_alone_chooses_a_collection_day_and_goes_on_to_the_account()
    {
        var account = portal.Account;
        await using var context = await portal.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.OpenPayLinkAsync(account);

        await TabToAsync(page, page.Locator("main a[href='/direct-debit']"));
        await PressEnterAndWaitAsync(page, "/direct-debit$");
        await TabToAsync(page, page.Locator("main a[href='/direct-debit/day']"));
        await PressEnterAndWaitAsync(page, "/direct-debit/day$");
        // Into the radio group with Tab, to the next day with the arrow key (which also chooses it), on with Enter.
        await TabToAsync(page, page.Locator("#day-0"));
        await page.Keyboard.PressAsync("ArrowDown");
        (await page.Locator("#day-1").IsCheckedAsync()).ShouldBeTrue("the arrow key did not choose the next day");
        await ShouldShowFocusAsync(page);
        await PressEnterAndWaitAsync(page, "/direct-debit/account$");
        await TabToAsync(page, page.Locator("#iban"));
    }

    /// <summary>Presses Tab until <paramref name="target"/> has the focus, checking the focus ring at every stop.</summary>
    internal static async Task TabToAsync(IPage page, ILocator target)
    {
        await Assertions.Expect(target).ToBeVisibleAsync();
        var stops = new List<string>();
        while (!await target.EvaluateAsync<bool>("el => el === document.activeElement"))
        {
            stops.Count.ShouldBeLessThan(MaxTabs, $"Tab did not reach {target} within {MaxTabs} presses; it stopped at: {string.Join(" → ", stops)}");
            await page.Keyboard.PressAsync("Tab");
            stops.Add(await page.EvaluateAsync<string>("() => document.activeElement.outerHTML.slice(0, 80)"));
            await ShouldShowFocusAsync(page);
        }
    }

    internal static async Task ShouldShowFocusAsync(IPage page)
    {
        var missing = await page.EvaluateAsync<string>(FocusRingScript);
        missing.ShouldBeEmpty();
    }

    internal static async Task PressEnterAndWaitAsync(IPage page, string url)
    {
        await page.Keyboard.PressAsync("Enter");
        try
        {
            await page.WaitForAddressAsync(url);
        }
        catch (PlaywrightException e)
        {
            var active = await page.EvaluateAsync<string>("() => document.activeElement?.outerHTML ?? 'none'");
            throw new TimeoutException($"Enter did not go to {url}. Still at {page.Url}; focus on {active}.", e);
        }
    }
}
