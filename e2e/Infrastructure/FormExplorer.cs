using Microsoft.Playwright;
using Shouldly;

namespace Portal.E2E.Infrastructure;

/// <summary>
/// What the crawler does with the forms on a page, so a form added later is covered too: it sends each back empty to
/// see its error state, and presses each of its buttons to find the pages it leads to.
/// </summary>
public static class FormExplorer
{
    private const string Forms = "main form";
    private const string SubmitButtons = "button[type=submit], input[type=submit], button:not([type])";

    // Empties every field a customer fills in; answers whether there was any.
    private const string ClearFormScript = """
        form => {
          const fields = Array.from(form.elements).filter((el) =>
            el.matches("input:not([type=hidden]):not([type=submit]):not([type=button]):not([type=reset]), select, textarea"));
          for (const el of fields) {
            if (el.type === "checkbox" || el.type === "radio") el.checked = false;
            else if (el.tagName === "SELECT") el.selectedIndex = -1;
            else el.value = "";
          }
          return fields.length > 0;
        }
        """;

    /// <summary>
    /// Sends each form on the page back with nothing filled in or chosen, which a customer form must answer with its
    /// error state on the same page (ACCEPTANCE 4), and visits that. A form with nothing to fill in is a button that
    /// acts, so it is left alone here.
    /// </summary>
    public static async Task<List<PageState>> VisitSentEmptyAsync(IPage page, PageState state, SiteCrawler.Visit visit)
    {
        var states = new List<PageState>();
        var count = await page.Locator(Forms).CountAsync();
        for (var i = 0; i < count; i++)
        {
            if (i > 0) await page.GotoAsync(state.Path);
            var form = page.Locator(Forms).Nth(i);
            if (!await form.EvaluateAsync<bool>(ClearFormScript)) continue;
            var response = await page.RunAndWaitForResponseAsync(() => form.Locator(SubmitButtons).First.ClickAsync(),
                r => r.Request.IsNavigationRequest && r.Request.Method == "POST");
            // Playwright's own wait for the load state was seen to time out on a busy CI machine with the page already
            // loaded (its lifecycle event missed after the POST's navigation); the document's own readyState is polled instead.
            await page.WaitForFunctionAsync("() => document.readyState === 'complete'", null, new() { PollingInterval = 100 });
            var failed = new PageState($"{state.Path}, form {i + 1} sent empty", state.Path, 200, state.Branded, Failed: true);
            new Uri(page.Url).AbsolutePath.ShouldBe(state.Path.Split('?')[0], $"{failed.Name} did not come back to the same page.");
            await visit(page, failed, response);
            states.Add(failed);
        }
        return states;
    }

    /// <summary>Presses every button of every form on the page, each time on a fresh copy; answers where each led.</summary>
    public static async Task<List<string>> PressEachButtonAsync(IPage page, string path)
    {
        var found = new List<string>();
        // The page is still the one at path, or its error state: the same forms either way.
        var forms = await page.Locator(Forms).CountAsync();
        for (var i = 0; i < forms; i++)
        {
            await page.GotoAsync(path);
            var buttons = await page.Locator(Forms).Nth(i).Locator(SubmitButtons).CountAsync();
            for (var j = 0; j < buttons; j++)
            {
                if (j > 0) await page.GotoAsync(path);
                // The new page has no marker: that is how a navigation to the same address is told apart too.
                await page.EvaluateAsync("() => { window.__beforeSubmit = true; }");
                await page.Locator(Forms).Nth(i).Locator(SubmitButtons).Nth(j).ClickAsync();
                await page.WaitForFunctionAsync("() => !window.__beforeSubmit && document.readyState === 'complete'");
                found.Add(page.Url);
            }
        }
        return found;
    }
}
