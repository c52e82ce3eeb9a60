using System.Globalization;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Portal.E2E.Infrastructure;

/// <summary>
/// The checks every customer page must pass at one width: axe (ACCEPTANCE 1), the checks of
/// <c>Scripts/audit-page.js</c> (ACCEPTANCE 2, 3, 4, 5, 7, 8, 12), and ACCEPTANCE 34: no image, style sheet or script
/// the page loaded answered 4xx or 5xx, and the app logged no unhandled exception. Answers the problems found, in words.
/// </summary>
public static class PageAudit
{
    /// <summary>Sub-requests (not the page itself, whose 404 or 410 may be the point) that answered 4xx or 5xx, per page.</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IPage, System.Collections.Concurrent.ConcurrentQueue<string>> FailedLoads = new();

    /// <summary>The app's log of each watched context, to find unhandled exceptions in.</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IBrowserContext, Func<IReadOnlyList<string>>> Logs = new();

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> ReportedExceptions = new();

    /// <summary>Every page of the context is watched for failed sub-requests; <paramref name="log"/> is the app's log.</summary>
    public static void Watch(IBrowserContext context, Func<IReadOnlyList<string>> log)
    {
        Logs.AddOrUpdate(context, log);
        context.Response += (_, response) =>
        {
            if (response.Status < 400 || response.Request.ResourceType == "document") return;
            var page = response.Frame.Page;
            FailedLoads.GetOrCreateValue(page).Enqueue($"{response.Request.Method} {new Uri(response.Url).PathAndQuery} answered {response.Status}");
        };
    }

    /// <summary>What went wrong behind the page since the last check: failed loads of this page, unhandled exceptions anywhere.</summary>
    private static IEnumerable<string> BehindThePage(IPage page, string where)
    {
        if (FailedLoads.TryGetValue(page, out var failed))
            while (failed.TryDequeue(out var load)) yield return $"{where}: {load}";
        if (!Logs.TryGetValue(page.Context, out var log)) yield break;
        foreach (var line in log().Where(IsUnhandledException))
            if (ReportedExceptions.TryAdd(line, true)) yield return $"{where}: the app logged an unhandled exception: {line.Split('\n')[0]}";
    }

    /// <summary>An exception that reached ASP.NET Core's error handling or Kestrel, rather than one the app handled and logged on purpose.</summary>
    public static bool IsUnhandledException(string line) =>
        (line.StartsWith("Error ", StringComparison.Ordinal) || line.StartsWith("Critical ", StringComparison.Ordinal))
        && (line.Contains("ExceptionHandlerMiddleware", StringComparison.Ordinal) || line.Contains("DeveloperExceptionPageMiddleware", StringComparison.Ordinal)
            || line.Contains("Microsoft.AspNetCore.Server.Kestrel", StringComparison.Ordinal) || line.Contains("nhandled exception", StringComparison.Ordinal));

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
        problems.AddRange(BehindThePage(page, where));
        return new Outcome(result.Title, problems);
    }

    /// <summary>
    /// Axe alone, with the same rules: for a page that is not Portal's own, such as the sandbox's checkout standing in
    /// for the bank's, where the page checks (the organisation's title, the help block) do not apply.
    /// </summary>
    public static async Task<IReadOnlyList<string>> AxeOnlyAsync(IPage page, string where)
    {
        var axe = await RunAxeAsync(page);
        return [.. axe.Violations.Length > 0 ? [AxeReport.Describe(where, axe)] : Array.Empty<string>(), .. BehindThePage(page, where)];
    }

    // RunAxe in Deque.AxeCore.Playwright 4.14 runs axe per frame and finishes in a new blank page: about 3 s a run
    // on a CI machine, too slow for every page × width × language. The legacy run (axe.run in the page) takes ~0.5 s.
#pragma warning disable CS0618 // RunAxeLegacy is marked obsolete; see above for why it is used on purpose.
    private static Task<AxeResult> RunAxeAsync(IPage page) => page.RunAxeLegacy(null, AxeOptions, null);
#pragma warning restore CS0618
}
