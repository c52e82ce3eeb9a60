using Microsoft.Playwright;
using Portal.E2E.Infrastructure;
using Shouldly;
using Xunit.Abstractions;

namespace Portal.E2E;

/// <summary>
/// Every page a customer can reach in every state, found by crawling from the overview (forms sent back empty included)
/// plus the states no link leads to, passes axe's WCAG 2.0/2.1/2.2 A and AA rules and the page checks (language,
/// title, one h1, error summary, help block, no sideways scrolling, target sizes, forms) on a small phone (320 px) and
/// a desktop screen (1280 px): ACCEPTANCE 1–5, 7, 8 and 12. Markup does not depend on the database, but the five crawls
/// take only about two minutes on two cores, so they run on SQLite and on PostgreSQL alike. Each language class runs on
/// its own server and browser, side by side.
/// </summary>
public abstract class AccessibilityChecks(PortalFixture portal, ITestOutputHelper output)
{
    private static readonly int[] Widths = [320, 1280];

    /// <summary>Where the overview at 320 px is saved in each language, for a person to look at.</summary>
    public static readonly string ScreenshotDirectory = Path.Combine(Path.GetTempPath(), "e2e-shots");

    protected async Task CheckEveryPageAsync(string language)
    {
        var account = portal.Account;
        var problems = new List<string>();
        var pagesByTitle = new Dictionary<string, string>(StringComparer.Ordinal);

        var states = await new SiteCrawler(portal).VisitEveryPageAsync(language, Widths[0], async (page, state, response) =>
        {
            var where = $"{state.Name} ({language}, {new Uri(page.Url).PathAndQuery})";
            if (response.Status != state.Status) problems.Add($"{where}: answered {response.Status}, expected {state.Status}");
            var organisation = state.Branded ? account.OrganisationName : "Portal";
            foreach (var width in Widths)
            {
                await page.SetViewportSizeAsync(width, 800);
                var outcome = await PageAudit.CheckAsync(page, language, organisation, state.Failed, $"{where} at {width} px");
                problems.AddRange(outcome.Problems);
                if (pagesByTitle.TryGetValue(outcome.Title, out var other) && other != state.Page)
                    problems.Add($"{where}: the title \"{outcome.Title}\" is also the title of {other}");
                pagesByTitle[outcome.Title] = state.Page;
                if (width == 320 && state is { Path: "/overview", Status: 200 })
                {
                    await page.ScreenshotAsync(new PageScreenshotOptions
                    {
                        Path = Path.Combine(ScreenshotDirectory, $"overview-320-{language}.png"),
                        FullPage = true,
                    });
                }
            }
            await page.SetViewportSizeAsync(Widths[0], 800);
        });

        output.WriteLine($"{states.Count} page states in {language}:");
        foreach (var state in states) output.WriteLine($"  {state.Status} {state.Name}");

        // The crawl must have found the pages there are today, so it cannot pass by finding nothing.
        var found = states.Select(s => s.Path).ToList();
        found.ShouldContain("/overview");
        found.ShouldContain($"/invoices/{account.FirstInvoiceNumber}");
        found.ShouldContain($"/invoices/{account.SecondInvoiceNumber}");
        found.ShouldContain("/toegankelijkheid");
        found.ShouldContain("/privacy");
        found.ShouldContain(p => p.StartsWith("/verify?", StringComparison.Ordinal));
        found.ShouldContain(p => p.StartsWith("/verify/code?", StringComparison.Ordinal));
        found.ShouldContain("/direct-debit");
        found.ShouldContain("/direct-debit/day");
        found.ShouldContain("/direct-debit/account");
        found.ShouldContain("/direct-debit/check");
        found.ShouldContain("/direct-debit/done");
        found.ShouldContain("/direct-debit/stop");
        found.ShouldContain(p => p.StartsWith("/direct-debit/return/", StringComparison.Ordinal));
        states.Select(s => s.Status).Distinct().Order().ShouldBe([200, 401, 404, 410]);
        problems.ShouldBeEmpty($"{problems.Count} problem(s) on {states.Count} page states:{Environment.NewLine}"
                               + string.Join(Environment.NewLine, problems));
    }
}
