using Microsoft.Playwright;
using Portal.E2E.Infrastructure;
using Shouldly;

namespace Portal.E2E;

/// <summary>
/// ACCEPTANCE 1–5, 7, 8, 12 on the paying pages that the crawl of <see cref="AccessibilityChecks"/> cannot reach, at
/// 320 and 1280 px in Dutch: the sandbox's TEST MODE checkout (axe only, as it stands in for the bank's page), the
/// return page paid with its feedback form, that form sent back empty (axe only, see there), the thanks after
/// feedback, and the return page canceled and expired. The crawl already checks the pay page, its error state, the bank transfer page and the return
/// page failed and still open, in every language.
/// </summary>
public sealed class PayAccessibilityTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    private static readonly int[] Widths = [320, 1280];

    [BrowserFact]
    public async Task The_checkout_and_every_return_page_state_pass_axe_and_the_page_checks_at_320_and_1280_px()
    {
        var problems = new List<string>();
        await using var context = await portal.NewContextAsync(Widths[0]);
        var page = await context.NewPageAsync();

        await page.OpenPayLinkAsync(await portal.AddPayingCustomerAsync());
        await page.GoToPayAsync();
        await page.ContinueToCheckoutAsync();
        await CheckAsync(page, "sandbox checkout", problems, axeOnly: true);

        await page.ChooseCheckoutOutcomeAsync("paid");
        await Assertions.Expect(page.GetByRole(AriaRole.Group, new() { Name = "Hoe makkelijk was betalen?" })).ToBeVisibleAsync();
        await CheckAsync(page, "paid, with the feedback form", problems);

        var send = page.GetByRole(AriaRole.Button, new() { Name = "Verstuur", Exact = true });
        await send.ClickAsync();
        await Assertions.Expect(page.Locator("[data-error-summary]")).ToContainTextAsync("Kies een cijfer of schrijf iets.");
        await CheckAsync(page, "feedback sent empty", problems, failed: true);

        await page.GetByRole(AriaRole.Radio, new() { Name = "8", Exact = true }).CheckAsync();
        await send.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Dank voor uw mening. Daarmee maken we betalen makkelijker.");
        await CheckAsync(page, "thanks for the feedback", problems);

        // Another customer, whose payments do not go through.
        await page.OpenPayLinkAsync(await portal.AddPayingCustomerAsync());
        foreach (var outcome in (string[])["canceled", "expired"])
        {
            await page.GotoAsync("/pay");
            await page.ContinueToCheckoutAsync();
            await page.ChooseCheckoutOutcomeAsync(outcome);
            await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Probeer opnieuw", Exact = true })).ToBeVisibleAsync();
            await CheckAsync(page, $"payment {outcome}", problems);
        }

        problems.ShouldBeEmpty($"{problems.Count} problem(s):{Environment.NewLine}{string.Join(Environment.NewLine, problems)}");
    }

    private async Task CheckAsync(IPage page, string state, List<string> problems, bool failed = false, bool axeOnly = false)
    {
        foreach (var width in Widths)
        {
            await page.SetViewportSizeAsync(width, 800);
            var where = $"{state} ({new Uri(page.Url).AbsolutePath}) at {width} px";
            problems.AddRange(axeOnly
                ? await PageAudit.AxeOnlyAsync(page, where)
                : (await PageAudit.CheckAsync(page, "nl", portal.Account.OrganisationName, failed, where)).Problems);
        }
        await page.SetViewportSizeAsync(Widths[0], 800);
    }
}
