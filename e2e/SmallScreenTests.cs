using Portal.E2E.Infrastructure;
using Shouldly;

namespace Portal.E2E;

/// <summary>On a small phone (320 CSS px, WCAG 1.4.10 reflow) the customer reads everything without scrolling sideways.</summary>
public sealed class SmallScreenTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    [BrowserTheory]
    [InlineData("nl")]
    [InlineData("en")]
    public async Task Overview_and_invoice_do_not_scroll_sideways_at_320_px(string language)
    {
        var account = portal.Account;
        await using var context = await portal.NewContextAsync(width: 320);
        var page = await context.NewPageAsync();
        await page.ChooseLanguageAsync(language);

        await page.OpenPayLinkAsync(account);
        new Uri(page.Url).AbsolutePath.ShouldBe("/overview");
        await ShouldNotScrollSidewaysAsync(page);

        await page.GotoAsync($"/invoices/{account.FirstInvoiceNumber}");
        new Uri(page.Url).AbsolutePath.ShouldBe($"/invoices/{account.FirstInvoiceNumber}");
        await ShouldNotScrollSidewaysAsync(page);
    }

    private static async Task ShouldNotScrollSidewaysAsync(Microsoft.Playwright.IPage page)
    {
        var widths = await page.EvaluateAsync<int[]>(
            "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        widths[0].ShouldBeLessThanOrEqualTo(widths[1],
            $"{page.Url} is {widths[0]} px wide in a {widths[1]} px viewport, so it scrolls sideways.");
    }
}
