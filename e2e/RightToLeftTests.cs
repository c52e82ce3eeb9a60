using Microsoft.Playwright;
using Portal.E2E.Infrastructure;
using Shouldly;

namespace Portal.E2E;

/// <summary>In Arabic the pages read right to left on a small phone, without sideways scrolling or overlapping parts.</summary>
public sealed class RightToLeftTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    // Answers what is wrong with the right-to-left layout, or nothing.
    private const string LayoutScript = """
        () => {
          const problems = [];
          const root = document.documentElement;
          if (root.dir !== "rtl") problems.push(`<html dir="${root.dir}">`);
          const main = document.querySelector("main");
          if (getComputedStyle(main).direction !== "rtl") problems.push("main is not laid out right to left");
          if (root.scrollWidth > root.clientWidth) problems.push(`scrolls sideways: ${root.scrollWidth} px in ${root.clientWidth} px`);
          const parts = ["header.brand-bar", "main", "aside.help", "footer.site-footer"].map((s) => [s, document.querySelector(s).getBoundingClientRect()]);
          for (let i = 0; i + 1 < parts.length; i++) {
            if (parts[i][1].bottom > parts[i + 1][1].top + 0.5) problems.push(`${parts[i][0]} overlaps ${parts[i + 1][0]}`);
          }
          for (const [selector, box] of parts) {
            if (box.left < -0.5 || box.right > root.clientWidth + 0.5) problems.push(`${selector} sticks out sideways`);
          }
          // The heading starts at the right edge of the content, where Arabic starts.
          const range = document.createRange();
          range.selectNodeContents(document.querySelector("h1"));
          const heading = range.getBoundingClientRect();
          const content = main.getBoundingClientRect();
          if (Math.abs(heading.right - content.right) > 1) problems.push(`the heading ends at ${heading.right} px, not at the right edge ${content.right} px`);
          if (heading.left < content.left - 0.5) problems.push("the heading sticks out on the left");
          return problems;
        }
        """;

    [BrowserFact]
    public async Task Arabic_overview_and_invoice_read_right_to_left_at_320_px_without_layout_faults()
    {
        var account = portal.Account;
        await using var context = await portal.NewContextAsync(width: 320);
        var page = await context.NewPageAsync();
        await page.ChooseLanguageAsync("ar");
        await page.OpenPayLinkAsync(account);

        var problems = new List<string>();
        foreach (var (name, path) in new[] { ("overview", "/overview"), ("invoice", $"/invoices/{account.FirstInvoiceNumber}") })
        {
            (await page.GotoAsync(path)).ShouldNotBeNull().Status.ShouldBe(200);
            problems.AddRange((await page.EvaluateAsync<string[]>(LayoutScript)).Select(p => $"{path}: {p}"));
            await page.ScreenshotAsync(new PageScreenshotOptions
            {
                Path = Path.Combine(AccessibilityChecks.ScreenshotDirectory, $"{name}-320-ar.png"),
                FullPage = true,
            });
        }
        problems.ShouldBeEmpty(string.Join(Environment.NewLine, problems));

        // Left-to-right data stays in one piece inside the Arabic text.
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(account.FirstInvoiceNumber);
    }
}
