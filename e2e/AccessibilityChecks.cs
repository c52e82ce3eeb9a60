using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Portal.Domain.PayLinks;
using Portal.E2E.Infrastructure;
using Shouldly;

namespace Portal.E2E;

/// <summary>
/// Every page a customer can meet passes axe's WCAG 2.0/2.1/2.2 A and AA rules on a small phone (320 px) and on a
/// desktop screen (1280 px). The Dutch and English subclasses run side by side, each on its own server and browser.
/// </summary>
public abstract class AccessibilityChecks(PortalFixture portal, string language)
{
    private static readonly int[] Widths = [320, 1280];

    [BrowserTheory]
    [InlineData("overview")]
    [InlineData("invoice")]
    [InlineData("unknown-link-404")]
    [InlineData("revoked-link-410")]
    [InlineData("no-session-401")]
    [InlineData("home")]
    public async Task Page_has_no_axe_violations_at_320_and_1280_px(string which)
    {
        await using var context = await portal.NewContextAsync(Widths[0]);
        var page = await context.NewPageAsync();
        await page.ChooseLanguageAsync(language);

        var (response, expectedStatus) = await OpenAsync(page, which);

        response.ShouldNotBeNull();
        response.Status.ShouldBe(expectedStatus, $"{which} answered {page.Url}");
        (await page.HtmlLanguageAsync()).ShouldBe(language);
        var report = new List<string>();
        foreach (var width in Widths)
        {
            await page.SetViewportSizeAsync(width, 800);
            var result = await page.RunAxe(new AxeRunOptions
            {
                RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
                // Every rule still runs; only the violations come back with all their nodes, which keeps each run quick.
                ResultTypes = [ResultType.Violations],
            });
            if (result.Violations.Length > 0) report.Add(AxeReport.Describe($"{which} ({language}, {width} px, {page.Url})", result));
        }
        report.ShouldBeEmpty(string.Join(Environment.NewLine, report));
    }

    private async Task<(IResponse? Response, int Status)> OpenAsync(IPage page, string which)
    {
        var account = portal.Account;
        switch (which)
        {
            case "overview":
                return (await page.OpenPayLinkAsync(account), 200);
            case "invoice":
                await page.OpenPayLinkAsync(account);
                return (await page.GotoAsync($"/invoices/{account.FirstInvoiceNumber}"), 200);
            case "unknown-link-404":
                return (await page.GotoAsync("/p/" + PayLinkToken.Create()), 404);
            case "revoked-link-410":
                return (await page.GotoAsync(account.RevokedPayLinkPath), 410);
            case "no-session-401":
                return (await page.GotoAsync("/overview"), 401);
            case "home":
                return (await page.GotoAsync("/"), 200);
            default:
                throw new ArgumentOutOfRangeException(nameof(which), which, "Not a page this test knows.");
        }
    }
}
