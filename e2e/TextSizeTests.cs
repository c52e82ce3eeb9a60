using Portal.E2E.Infrastructure;
using Shouldly;

namespace Portal.E2E;

/// <summary>A customer who sets the text twice as large (WCAG 1.4.4) on a small phone still reads everything.</summary>
public sealed class TextSizeTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    [BrowserFact]
    public async Task Every_page_at_200_percent_text_on_320_px_neither_scrolls_sideways_nor_clips_text()
    {
        var problems = new List<string>();
        var states = await new SiteCrawler(portal).VisitEveryPageAsync("nl", 320, async (page, state, _) =>
        {
            var result = await page.EvaluateAsync<TextSizeResult>(Scripts.Get("text-size.js"));
            var where = $"{state.Name} ({new Uri(page.Url).PathAndQuery})";
            if (Math.Abs(result.Scale - 2) > 0.01) problems.Add($"{where}: the text grew {result.Scale:0.##} times, not 2");
            problems.AddRange(result.Problems.Select(p => $"{where}: {p}"));
        });

        states.Count.ShouldBeGreaterThanOrEqualTo(9);
        problems.ShouldBeEmpty(string.Join(Environment.NewLine, problems));
    }

    /// <summary>What text-size.js answers.</summary>
    private sealed class TextSizeResult
    {
        public double Scale { get; set; }
        public string[] Problems { get; set; } = [];
    }
}
