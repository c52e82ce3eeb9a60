using Microsoft.Playwright;

namespace Portal.E2E.Infrastructure;

/// <summary>The two moves every walk through a customer flow makes: audit the page at 320 and 1280 px, and send its form on.</summary>
public static class StepAudit
{
    /// <summary>Axe and Portal's own page checks at both widths, added to <paramref name="problems"/>; the page is left at 1280 px.</summary>
    public static async Task AuditAsync(IPage page, string language, string organisation, string where, List<string> problems, bool failed = false)
    {
        foreach (var width in (int[])[320, 1280])
        {
            await page.SetViewportSizeAsync(width, 900);
            problems.AddRange((await PageAudit.CheckAsync(page, language, organisation, failed, $"{language} {where} at {width} px")).Problems);
        }
        await page.SetViewportSizeAsync(1280, 900);
    }

    /// <summary>Presses the first submit button of the page's main form and waits for <paramref name="address"/> (a pattern).</summary>
    public static async Task SubmitAsync(IPage page, string address)
    {
        await page.Locator("main form button[type=submit]").First.ClickAsync();
        await page.WaitForAddressAsync(address);
    }
}
