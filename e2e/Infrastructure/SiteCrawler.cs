using Microsoft.Playwright;
using Portal.Domain.PayLinks;
using Shouldly;

namespace Portal.E2E.Infrastructure;

/// <summary>
/// One page in one state as the crawler met it; <see cref="Failed"/> for a form sent back with errors. <see cref="Page"/>
/// names the page for the unique-title rule: the path of a page found by a link, or the status of an error page (two
/// ways to a 410 are the same page).
/// </summary>
public sealed record PageState(string Name, string Path, int Status, bool Branded, bool Failed = false)
{
    public string Page => Status == 200 ? Path.Split('?')[0] : Status.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>
/// Finds every page a customer can reach, so a page added later is checked without editing a list: it opens the pay
/// link, starts at the overview and follows every link to this site breadth-first; it sends every form it finds back
/// empty to see its error state and presses its buttons to find the pages they lead to. Then it adds the states no
/// link leads to: home, the payment result, 404, 401 and 410. Each page is visited once, in the language chosen, at
/// the width given.
/// </summary>
public sealed class SiteCrawler(PortalFixture portal)
{
    private const int MaxPages = 40;

    // Links to files rather than pages: the QR code, images, scripts and the like.
    private static readonly string[] FileExtensions = [".svg", ".png", ".jpg", ".jpeg", ".gif", ".ico", ".pdf", ".css", ".js", ".json", ".xml", ".txt"];

    public delegate Task Visit(IPage page, PageState state, IResponse response);

    /// <summary>The pay-link tokens the crawl made up or had issued, for the log check.</summary>
    public List<string> TokensUsed { get; } = [];

    /// <summary>Visits every page and answers the states visited, in order.</summary>
    public async Task<IReadOnlyList<PageState>> VisitEveryPageAsync(string language, int width, Visit visit)
    {
        var account = portal.Account;
        var visited = new List<PageState>();

        await using (var context = await portal.NewContextAsync(width))
        {
            var page = await context.NewPageAsync();
            await page.ChooseLanguageAsync(language);
            await page.OpenPayLinkAsync(account);
            // The one-time code flow is reached from the binding steps that need it (contact details, mandates,
            // disputes); until a page links to it, the crawl starts there too.
            const string stepUp = "/verify?for=contact-details&return=%2Foverview";
            var seen = new HashSet<string>(StringComparer.Ordinal) { "/overview", "/verify" };
            var queue = new Queue<string>(["/overview", stepUp]);
            while (queue.TryDequeue(out var path))
            {
                var state = new PageState(path, path, 200, Branded: true);
                // A link that leads on to another page (a dispute first asks for a code) is that page, crawled at its own address.
                var landed = await VisitAsync(page, state, visit, seen.Contains);
                if (landed == Landed.Page) visited.Add(state);
                foreach (var link in await SameSiteLinksAsync(page)) Enqueue(link);
                if (landed == Landed.Elsewhere)
                {
                    Enqueue(new UriBuilder(page.Url) { Fragment = "" }.Uri.ToString());
                    continue;
                }
                visited.AddRange(await FormExplorer.VisitSentEmptyAsync(page, state, visit));
                // Pages a form leads to, such as a bank transfer's details, are found by pressing its buttons.
                foreach (var url in await FormExplorer.PressEachButtonAsync(page, state.Path))
                {
                    if (IsPage(url, url)) Enqueue(url);
                }
            }

            void Enqueue(string url)
            {
                if (!seen.Add(new Uri(url).AbsolutePath)) return;
                seen.Count.ShouldBeLessThanOrEqualTo(MaxPages, $"The crawl found more than {MaxPages} pages; is a link generating new addresses?");
                queue.Enqueue(new Uri(url).PathAndQuery);
            }

            // The states no link leads to. Home and an unknown link with a session still show the organisation.
            if (!seen.Contains("/")) visited.Add(await VisitOrFailAsync(page, new PageState("home", "/", 200, Branded: true), visit));
            // The payment result is reached only back from the bank: through the sandbox's checkout, failed and still open.
            if (seen.Contains("/pay"))
            {
                foreach (var outcome in (string[])["failed", "open"]) visited.Add(await VisitPaymentResultAsync(page, outcome, visit));
            }
            // Setting up direct debit: the steps after the day need the answers before them, and agreeing needs a code.
            if (seen.Contains("/direct-debit/day")) visited.AddRange(await VisitDirectDebitStepsAsync(page, visit));
            var unknown = PayLinkToken.Create();
            TokensUsed.Add(unknown);
            visited.Add(await VisitOrFailAsync(page, new PageState("unknown pay link", "/p/" + unknown, 404, Branded: true), visit));
        }

        // Each in a browser of its own, so the customer's session above neither helps nor hides them.
        visited.Add(await VisitFreshAsync(language, width, new PageState("no session", "/overview", 401, Branded: false), visit));
        visited.Add(await VisitFreshAsync(language, width, new PageState("revoked pay link", account.RevokedPayLinkPath, 410, Branded: true), visit));
        visited.Add(await VisitRevokedSessionAsync(language, width, visit));
        foreach (var state in Enum.GetValues<DirectDebitState>())
        {
            var token = await TestData.AddDirectDebitCustomerAsync(portal.Services, account.OrganisationId, state);
            TokensUsed.Add(token);
            var (name, mustShow, mustNotShow) = state switch
            {
                DirectDebitState.Waiting => ("direct debit: waiting for the bank", "[data-mandate-status=pending]", ".failed-collection"),
                DirectDebitState.ChargedBack => ("direct debit: a collection came back", "[data-collection-status=charged-back]", (string?)null),
                _ => ("direct debit: a collection failed", "[data-collection-status=failed]", null),
            };
            visited.Add(await VisitAsCustomerAsync(language, width, token, new PageState(name, "/direct-debit", 200, Branded: true), visit, mustShow, mustNotShow));
        }
        return visited;
    }

    private async Task<PageState> VisitFreshAsync(string language, int width, PageState state, Visit visit)
    {
        await using var context = await portal.NewContextAsync(width);
        var page = await context.NewPageAsync();
        await page.ChooseLanguageAsync(language);
        return await VisitOrFailAsync(page, state, visit);
    }

    /// <summary>Another customer's page, in a browser of their own that opened their pay link.</summary>
    private async Task<PageState> VisitAsCustomerAsync(string language, int width, string token, PageState state, Visit visit, string mustShow,
        string? mustNotShow)
    {
        await using var context = await portal.NewContextAsync(width);
        var page = await context.NewPageAsync();
        await page.ChooseLanguageAsync(language);
        (await page.GotoAsync("/p/" + token)).ShouldNotBeNull().Status.ShouldBe(200, "The customer's pay link did not open.");
        var visited = await VisitOrFailAsync(page, state, visit);
        (await page.Locator(mustShow).CountAsync()).ShouldBeGreaterThan(0, $"{state.Name}: the page does not show {mustShow}");
        if (mustNotShow is not null) (await page.Locator(mustNotShow).CountAsync()).ShouldBe(0, $"{state.Name}: the page shows {mustNotShow}");
        return visited;
    }

    /// <summary>A customer with a working session whose link is then revoked: the next page is the 410.</summary>
    private async Task<PageState> VisitRevokedSessionAsync(string language, int width, Visit visit)
    {
        var account = portal.Account;
        var link = await TestData.IssueLinkAsync(portal.Services, account.OrganisationId);
        TokensUsed.Add(link.Token);
        await using var context = await portal.NewContextAsync(width);
        var page = await context.NewPageAsync();
        await page.ChooseLanguageAsync(language);
        var opened = await page.GotoAsync("/p/" + link.Token);
        opened.ShouldNotBeNull().Status.ShouldBe(200, "A freshly issued pay link did not open.");
        await TestData.RevokeLinkAsync(portal.Services, account.OrganisationId, link.Id);
        return await VisitOrFailAsync(page, new PageState("session of a revoked pay link", "/overview", 410, Branded: true), visit);
    }

    private static async Task<PageState> VisitPaymentResultAsync(IPage page, string outcome, Visit visit)
    {
        await page.GotoAsync("/pay");
        // The button by its value: the crawl runs in every language.
        await page.Locator("main form button[value=ideal]").ClickAsync();
        await page.WaitForCheckoutAsync();
        await page.ChooseCheckoutOutcomeAsync(outcome);
        var path = new Uri(page.Url).AbsolutePath;
        return await VisitOrFailAsync(page, new PageState($"payment result, {outcome}", path, 200, Branded: true), visit);
    }

    /// <summary>
    /// Through direct debit as a customer sets it up: a day, the account (also sent back empty), check your answers
    /// before and after the one-time code, the confirmation, direct debit on, the day page when changing, and stopping.
    /// </summary>
    private async Task<List<PageState>> VisitDirectDebitStepsAsync(IPage page, Visit visit)
    {
        var states = new List<PageState>();
        await page.GotoAsync("/direct-debit/day");
        await page.Locator("main form input[type=radio]").First.CheckAsync();
        await SubmitAsync(page, "/direct-debit/account");
        var account = new PageState("direct debit: the account", "/direct-debit/account", 200, Branded: true);
        states.Add(await VisitOrFailAsync(page, account, visit));
        states.AddRange(await FormExplorer.VisitSentEmptyAsync(page, account, visit));
        await page.GotoAsync("/direct-debit/account");
        await page.CheckAsync("#way-iban");
        await page.FillAsync("#iban", "NL91 ABNA 0417 1643 00");
        await page.FillAsync("#holder", "S. Jansen");
        await SubmitAsync(page, "/direct-debit/check");
        states.Add(await VisitOrFailAsync(page, new PageState("direct debit: check, before the code", "/direct-debit/check", 200, Branded: true), visit));

        await page.GotoAsync("/verify?for=mandate&return=%2Fdirect-debit%2Fcheck");
        await page.Locator("main form input[type=radio]").First.CheckAsync();
        await SubmitAsync(page, "/verify/code");
        await page.FillAsync("#code", await TestData.LatestCodeAsync(portal.Services, portal.Account.OrganisationId));
        await SubmitAsync(page, "/direct-debit/check");
        states.Add(await VisitOrFailAsync(page, new PageState("direct debit: check, code given", "/direct-debit/check", 200, Branded: true), visit));
        await SubmitAsync(page, "/direct-debit/done");
        states.Add(await VisitOrFailAsync(page, new PageState("direct debit: set up", "/direct-debit/done", 200, Branded: true), visit));
        states.Add(await VisitOrFailAsync(page, new PageState("direct debit: on", "/direct-debit", 200, Branded: true), visit));
        states.Add(await VisitOrFailAsync(page, new PageState("direct debit: another day", "/direct-debit/day", 200, Branded: true), visit));
        states.Add(await VisitOrFailAsync(page, new PageState("direct debit: stop?", "/direct-debit/stop", 200, Branded: true), visit));
        await SubmitAsync(page, "/direct-debit");
        states.Add(await VisitOrFailAsync(page, new PageState("direct debit: stopped", "/direct-debit?done=stopped", 200, Branded: true), visit));

        // The other way: a first iDEAL payment, here refused at the bank, so direct debit stays off.
        await page.GotoAsync("/direct-debit/day");
        await page.Locator("main form input[type=radio]").First.CheckAsync();
        await SubmitAsync(page, "/direct-debit/account");
        await page.CheckAsync("#way-ideal");
        await SubmitAsync(page, "/direct-debit/check");
        states.Add(await VisitOrFailAsync(page, new PageState("direct debit: check, by iDEAL", "/direct-debit/check", 200, Branded: true), visit));
        await page.Locator("main form button").First.ClickAsync();
        await page.WaitForCheckoutAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Failed", Exact = true }).ClickAsync();
        await page.WaitForAddressAsync("/direct-debit/return/[0-9a-f-]+$");
        states.Add(await VisitOrFailAsync(page, new PageState("direct debit: first payment failed", new Uri(page.Url).AbsolutePath, 200, Branded: true), visit));
        return states;
    }

    /// <summary>Presses the first button of the page's first form and waits for the page it leads to.</summary>
    private static async Task SubmitAsync(IPage page, string expectedPath)
    {
        await page.Locator("main form").First.Locator("button[type=submit], button:not([type])").First.ClickAsync();
        // By polling the address: WaitForURL also waits for a load state, which a busy CI machine was seen to miss.
        await page.WaitForAddressAsync(System.Text.RegularExpressions.Regex.Escape(expectedPath) + "([?#]|$)");
        await page.WaitForFunctionAsync("() => document.readyState === 'complete'", null, new() { PollingInterval = 100 });
    }

    private static async Task<PageState> VisitOrFailAsync(IPage page, PageState state, Visit visit)
    {
        (await VisitAsync(page, state, visit)).ShouldBe(Landed.Page, $"{state.Name} ({state.Path}) did not answer a page.");
        return state;
    }

    /// <summary>Opens the page and hands it to <paramref name="visit"/>; false when the address is not an HTML page.</summary>
    private enum Landed { Page, NotAPage, Elsewhere }

    /// <param name="known">Given, a redirect to a page it knows is not visited here: that page is, at its own address.</param>
    private static async Task<Landed> VisitAsync(IPage page, PageState state, Visit visit, Func<string, bool>? known = null)
    {
        var response = await page.GotoAsync(state.Path);
        response.ShouldNotBeNull($"{state.Path} gave no response.");
        var type = await response.HeaderValueAsync("content-type") ?? "";
        if (!type.StartsWith("text/html", StringComparison.OrdinalIgnoreCase)) return Landed.NotAPage;
        var at = new Uri(page.Url).AbsolutePath;
        if (known is not null && at != state.Path.Split('?')[0] && known(at)) return Landed.Elsewhere;
        await visit(page, state, response);
        return Landed.Page;
    }

    /// <summary>The absolute addresses of the links on the page that lead to another page of this site.</summary>
    private async Task<IEnumerable<string>> SameSiteLinksAsync(IPage page)
    {
        var links = await page.EvaluateAsync<string[][]>(
            "() => Array.from(document.querySelectorAll('a[href]'), a => [a.getAttribute('href'), a.href])");
        return links.Where(l => IsPage(l[0], l[1])).Select(l => new UriBuilder(l[1]) { Fragment = "" }.Uri.ToString());
    }

    private bool IsPage(string attribute, string href)
    {
        if (attribute.StartsWith('#') || !Uri.TryCreate(href, UriKind.Absolute, out var uri)) return false;
        if (uri.Scheme is not ("http" or "https")) return false; // tel:, mailto:
        if (!string.Equals(uri.Authority, portal.BaseAddress.Authority, StringComparison.OrdinalIgnoreCase)) return false;
        var path = uri.AbsolutePath;
        if (uri.Query.Contains("lang=", StringComparison.Ordinal)) return false; // the language switch: the same page
        if (path.StartsWith("/p/", StringComparison.Ordinal)) return false; // pay links trade a token for a session
        if (path.StartsWith("/api/", StringComparison.Ordinal)) return false; // the ERP's, not the customer's
        if (path.StartsWith("/mollie-sandbox/", StringComparison.Ordinal)) return false; // the bank's checkout, elsewhere in production
        return !FileExtensions.Any(e => path.EndsWith(e, StringComparison.OrdinalIgnoreCase));
    }
}
