using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.E2E.Infrastructure;
using Portal.Infrastructure.Arrangements;
using Shouldly;

namespace Portal.E2E;

/// <summary>
/// Every page and state of a payment plan in each language, at 320 and 1280 px (axe and Portal's own page checks): each
/// step as first shown and sent back empty, check your answers inside and outside the policy, agreed, running,
/// requested, the organisation's counter-proposal, and rejected. Buttons and choices are found by their values, so the
/// walk is the same in every language. An app of its own: plans are switched on for its organisation.
/// </summary>
public sealed class PaymentPlanAccessibilityTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    private const string Organisation = "Waterbedrijf Oost";

    private static Task AuditAsync(IPage page, string language, string where, List<string> problems, bool failed = false) =>
        StepAudit.AuditAsync(page, language, Organisation, where, problems, failed);

    private static Task SubmitAsync(IPage page, string address) => StepAudit.SubmitAsync(page, address);

    /// <summary>A step as shown, then sent back empty (its error state), then answered with <paramref name="answer"/>.</summary>
    private static async Task StepAsync(IPage page, string language, string step, string next, List<string> problems, Func<Task> clear, Func<Task> answer)
    {
        await AuditAsync(page, language, step, problems);
        await clear();
        await SubmitAsync(page, step + "$");
        (await page.Locator(".error-summary").CountAsync()).ShouldBe(1, $"{language} {step}: sent back empty, it shows no error summary");
        await AuditAsync(page, language, step + " (error)", problems, failed: true);
        await answer();
        await SubmitAsync(page, next);
    }

    private static Task NoChoiceAsync() => Task.CompletedTask;

    [BrowserTheory]
    [InlineData("nl")]
    [InlineData("en")]
    [InlineData("tr")]
    [InlineData("pl")]
    [InlineData("ar")]
    public async Task Every_plan_page_and_state_passes_at_320_and_1280(string language)
    {
        var problems = new List<string>();
        var inside = await TestData.AddPlanCustomerAsync(portal.Services, portal.Account.OrganisationId);
        await using (var context = await portal.NewContextAsync(1280))
        {
            var page = await context.NewPageAsync();
            await page.ChooseLanguageAsync(language);
            await page.OpenPayLinkAsync(inside);
            await page.GotoAsync("/plan/invoices");
            await StepAsync(page, language, "/plan/invoices", "/plan/terms$", problems,
                async () => { foreach (var box in await page.Locator("input[name=Invoices]").AllAsync()) await box.UncheckAsync(); },
                async () => { foreach (var box in await page.Locator("input[name=Invoices]").AllAsync()) await box.CheckAsync(); });
            await StepAsync(page, language, "/plan/terms", "/plan/how$", problems, NoChoiceAsync,
                () => page.Locator("input[name=Choice][value='10']").CheckAsync());
            await StepAsync(page, language, "/plan/how", "/plan/day$", problems, NoChoiceAsync,
                () => page.Locator("input[name=Way][value=directDebit]").CheckAsync());
            await StepAsync(page, language, "/plan/day", "/plan/check$", problems, NoChoiceAsync,
                () => page.Locator("input[name=Day][value='25']").CheckAsync());
            await AuditAsync(page, language, "/plan/check (inside the policy)", problems);
            await SubmitAsync(page, "/plan/done$");
            await AuditAsync(page, language, "/plan/done (agreed)", problems);
            await page.GotoAsync("/plan");
            (await page.Locator("[data-plan-status=active]").CountAsync()).ShouldBe(1);
            await AuditAsync(page, language, "/plan (running)", problems);
            await page.GotoAsync("/overview");
            await AuditAsync(page, language, "/overview (a plan runs)", problems);
        }

        var outside = await TestData.AddPlanCustomerAsync(portal.Services, portal.Account.OrganisationId);
        await using (var context = await portal.NewContextAsync(1280))
        {
            var page = await context.NewPageAsync();
            await page.ChooseLanguageAsync(language);
            await page.OpenPayLinkAsync(outside);
            await page.GotoAsync("/plan/invoices");
            await SubmitAsync(page, "/plan/terms$");
            await page.Locator("input[name=Choice][value=other]").CheckAsync();
            await page.Locator("input[name=PerTerm]").FillAsync("40");
            await SubmitAsync(page, "/plan/how$");
            await page.Locator("input[name=Way][value=payLink]").CheckAsync();
            await SubmitAsync(page, "/plan/check$");
            (await page.Locator("[data-plan-decision=request]").CountAsync()).ShouldBe(1);
            await AuditAsync(page, language, "/plan/check (outside the policy)", problems);
            await SubmitAsync(page, "/plan/done$");
            await AuditAsync(page, language, "/plan/done (requested)", problems);
            await page.GotoAsync("/plan");
            await AuditAsync(page, language, "/plan (requested)", problems);

            await using var scope = portal.Services.CreateAsyncScope();
            var plans = scope.ServiceProvider.GetRequiredService<ArrangementService>();
            var (items, _) = await plans.ListAsync(portal.Account.OrganisationId, outside.CustomerRef, null, null, 1);
            var id = items.ShouldHaveSingleItem().Id;
            var first = Portal.Domain.DirectDebit.CollectionCalendar.Earliest(
                DateOnly.FromDateTime(scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime), 10);
            var terms = Enumerable.Range(0, 5).Select(i => (Portal.Domain.DirectDebit.Target2Calendar.OnOrAfter(first.AddMonths(i)), 250_00L)).ToList();
            (await plans.CounterAsync(portal.Account.OrganisationId, id, terms, "Vijf delen van € 250 kan wel.", "e2e")).Outcome
                .ShouldBe(ArrangementService.Answer.Done);
            await page.GotoAsync("/plan");
            (await page.Locator("[data-plan-status=countered]").CountAsync()).ShouldBe(1);
            await AuditAsync(page, language, "/plan (counter-proposal)", problems);
            (await plans.RejectAsync(portal.Account.OrganisationId, id, "Wij hebben eerst een gesprek nodig.", "e2e")).Outcome
                .ShouldBe(ArrangementService.Answer.Done);
            await page.GotoAsync("/plan");
            (await page.Locator("[data-plan-status=rejected]").CountAsync()).ShouldBe(1);
            await AuditAsync(page, language, "/plan (rejected)", problems);
        }
        problems.ShouldBeEmpty(string.Join("\n", problems));
    }

    [BrowserFact]
    public async Task Keyboard_alone_sets_up_a_plan_from_the_overview_to_agreed()
    {
        var customer = await TestData.AddPlanCustomerAsync(portal.Services, portal.Account.OrganisationId);
        await using var context = await portal.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.OpenPayLinkAsync(customer);
        await KeyboardTests.TabToAsync(page, page.Locator("main a[href='/plan']"));
        await KeyboardTests.PressEnterAndWaitAsync(page, "/plan/invoices$");
        await KeyboardTests.TabToAsync(page, page.Locator("main form button[type=submit]"));
        await KeyboardTests.PressEnterAndWaitAsync(page, "/plan/terms$");
        // Into the radio group with Tab, along it with the arrow keys (which choose), on with Enter.
        await KeyboardTests.TabToAsync(page, page.Locator("#terms-0"));
        for (var i = 0; i < 8; i++) await page.Keyboard.PressAsync("ArrowDown");
        (await page.Locator("input[name=Choice][value='10']").IsCheckedAsync()).ShouldBeTrue("the arrow keys did not choose ten terms");
        await KeyboardTests.ShouldShowFocusAsync(page);
        await KeyboardTests.PressEnterAndWaitAsync(page, "/plan/how$");
        await KeyboardTests.TabToAsync(page, page.Locator("#way-dd"));
        await page.Keyboard.PressAsync("Space");
        await KeyboardTests.PressEnterAndWaitAsync(page, "/plan/day$");
        await KeyboardTests.TabToAsync(page, page.Locator("#day-0"));
        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("ArrowDown");
        (await page.Locator("input[name=Day][value='25']").IsCheckedAsync()).ShouldBeTrue("the arrow keys did not choose the 25th");
        await KeyboardTests.PressEnterAndWaitAsync(page, "/plan/check$");
        await KeyboardTests.TabToAsync(page, page.Locator("main form button[type=submit]"));
        await KeyboardTests.PressEnterAndWaitAsync(page, "/plan/done$");
        await Assertions.Expect(page.Locator("[data-plan-status=active]")).ToHaveCountAsync(1);
    }
}
