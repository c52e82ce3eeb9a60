using System.Globalization;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Portal.E2E.Infrastructure;

/// <summary>
/// The checks every customer page must pass at one width: axe (ACCEPTANCE 1) and the checks of
/// <c>Scripts/audit-page.js</c> (ACCEPTANCE 2, 3, 4, 5, 7, 8, 12). Answers the problems found, in words.
/// </summary>
public static class PageAudit
{
    private static readonly AxeRunOptions AxeOptions = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
        // Every rule still runs; only the violations come back with all their nodes, which keeps each run quick.
        ResultTypes = [ResultType.Violations],
    };

    public sealed record Outcome(string Title, IReadOnlyList<string> Problems);

    /// <summary>What audit-page.js answers; Playwright fills it through a parameterless constructor.</summary>
    private sealed class ScriptResult
    {
        public string Title { get; set; } = "";
        public string[] Problems { get; set; } = [];
    }

    // ACCEPTANCE 3 and 4: what a page sent back with errors starts its title with, and its error summary's heading.
    private static readonly Dictionary<string, (string Prefix, string? Heading)> Failed = new()
    {
        ["nl"] = ("Fout: ", "Er is een probleem"),
        ["en"] = ("Error: ", "There is a problem"),
        ["tr"] = ("Hata: ", null),
        ["pl"] = ("Błąd: ", null),
        ["ar"] = ("خطأ: ", null),
    };

    public static async Task<Outcome> CheckAsync(IPage page, string language, string organisation, bool failed, string where)
    {
        var rightToLeft = CultureInfo.GetCultureInfo(language).TextInfo.IsRightToLeft;
        var (errorPrefix, problemHeading) = Failed[language];
        var result = await page.EvaluateAsync<ScriptResult>(Scripts.Get("audit-page.js"),
            new { language, dir = rightToLeft ? "rtl" : "ltr", organisation, failed, errorPrefix, problemHeading });
        var problems = result.Problems.Select(p => $"{where}: {p}").ToList();

        var axe = await RunAxeAsync(page);
        if (axe.Violations.Length > 0) problems.Add(AxeReport.Describe(where, axe));
        return new Outcome(result.Title, problems);
    }

    /// <summary>
    /// Axe alone, with the same rules: for a page that is not Portal's own, such as the sandbox's checkout standing in
    /// for the bank's, where the page checks (the organisation's title, the help block) do not apply.
    /// </summary>
    public static async Task<IReadOnlyList<string>> AxeOnlyAsync(IPage page, string where)
    {
        var axe = await RunAxeAsync(page);
        return axe.Violations.Length > 0 ? [AxeReport.Describe(where, axe)] : [];
    }

    // RunAxe in Deque.AxeCore.Playwright 4.14 runs axe per frame and finishes in a new blank page: about 3 s a run
    // on a CI machine, too slow for every page × width × language. The legacy run (axe.run in the page) takes ~0.5 s.
#pragma warning disable CS0618 // RunAxeLegacy is marked obsolete; see above for why it is used on purpose.
    private static Task<AxeResult> RunAxeAsync(IPage page) => page.RunAxeLegacy(null, AxeOptions, null);
#pragma warning restore CS0618
}
