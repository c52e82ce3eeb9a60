using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.E2E.Infrastructure;
using Shouldly;

namespace Portal.E2E;

/// <summary>
/// "Ik kan niet betalen" in each language at 320 and 1280 px (axe and Portal's own page checks): the page, a promise to
/// pay (its form, sent back empty, made), the helper's form as shown and sent back empty, and the page once a
/// bewindvoerder is registered; and that form with the keyboard alone.
/// </summary>
public sealed class HardshipTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    private const string Organisation = "Waterbedrijf Oost";

    private static Task AuditAsync(IPage page, string language, string where, List<string> problems, bool failed = false) =>
        StepAudit.AuditAsync(page, language, Organisation, where, problems, failed);

    private static Task SubmitAsync(IPage page, string address) => StepAudit.SubmitAsync(page, address);

    [BrowserTheory]
    [InlineData("nl")]
    [InlineData("en")]
    [InlineData("tr")]
    [InlineData("pl")]
    [InlineData("ar")]
    public async Task Every_cannot_pay_page_and_state_passes_at_320_and_1280(string language)
    {
        var problems = new List<string>();
        await using (var scope = portal.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<Portal.Infrastructure.Promises.PromiseService>().SetPolicyAsync(portal.Account.OrganisationId,
                Portal.Domain.Promises.PromisePolicy.Default with { Enabled = true }, "test:e2e");
        var customer = await TestData.AddPayingCustomerAsync(portal.Services, portal.Account.OrganisationId);
        await using var context = await portal.NewContextAsync(1280);
        var page = await context.NewPageAsync();
        await page.ChooseLanguageAsync(language);
        await page.OpenPayLinkAsync(customer);
        await page.Locator("aside.help a[href='/cannot-pay']").ClickAsync();
        await page.WaitForAddressAsync("/cannot-pay$");
        await AuditAsync(page, language, "/cannot-pay", problems);

        // A promise to pay: the form, sent back empty, and the promise made.
        await page.Locator("main a[href='/promise']").ClickAsync();
        await page.WaitForAddressAsync("/promise$");
        await AuditAsync(page, language, "/promise", problems);
        await SubmitAsync(page, "/promise$");
        (await page.Locator(".error-summary").CountAsync()).ShouldBe(1, $"{language}: the promise sent back empty shows no error summary");
        await AuditAsync(page, language, "/promise (error)", problems, failed: true);
        var first = await page.Locator("input[name=Date]").GetAttributeAsync("data-first");
        await page.Locator("input[name=Date]").FillAsync(first!);
        await SubmitAsync(page, @"/promise\?made=true$");
        (await page.Locator("[data-promise-date]").CountAsync()).ShouldBe(1);
        await AuditAsync(page, language, "/promise (promised)", problems);
        await page.GotoAsync("/cannot-pay");
        await page.Locator("main a[href='/cannot-pay/helper']").ClickAsync();
        await page.WaitForAddressAsync("/cannot-pay/helper$");
        await AuditAsync(page, language, "/cannot-pay/helper", problems);
        await SubmitAsync(page, "/cannot-pay/helper$");
        (await page.Locator(".error-summary").CountAsync()).ShouldBe(1, $"{language}: the helper's form sent back empty shows no error summary");
        await AuditAsync(page, language, "/cannot-pay/helper (error)", problems, failed: true);
        await page.Locator("input[name=Role][value=administrator]").CheckAsync();
        await page.Locator("input[name=Name]").FillAsync("J. Jansen");
        await page.Locator("input[name=Contact]").FillAsync("050 123 4567");
        await SubmitAsync(page, @"/cannot-pay\?registered=true$");
        (await page.Locator("[data-hardship-status=active]").CountAsync()).ShouldBe(1);
        await AuditAsync(page, language, "/cannot-pay (registered)", problems);
        problems.ShouldBeEmpty(string.Join("\n", problems));
    }

    [BrowserFact]
    public async Task Keyboard_alone_registers_a_debt_counsellor()
    {
        var customer = await TestData.AddPayingCustomerAsync(portal.Services, portal.Account.OrganisationId);
        await using var context = await portal.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.OpenPayLinkAsync(customer);
        await KeyboardTests.TabToAsync(page, page.Locator("aside.help a[href='/cannot-pay']"));
        await KeyboardTests.PressEnterAndWaitAsync(page, "/cannot-pay$");
        await KeyboardTests.TabToAsync(page, page.Locator("main a[href='/cannot-pay/helper']"));
        await KeyboardTests.PressEnterAndWaitAsync(page, "/cannot-pay/helper$");
        await KeyboardTests.TabToAsync(page, page.Locator("#role-administrator"));
        await page.Keyboard.PressAsync("ArrowDown");
        (await page.Locator("input[name=Role][value=debtCounsellor]").IsCheckedAsync()).ShouldBeTrue("the arrow keys did not choose the debt counsellor");
        await KeyboardTests.ShouldShowFocusAsync(page);
        await KeyboardTests.TabToAsync(page, page.Locator("#helper-name"));
        await page.Keyboard.TypeAsync("M. de Boer");
        await KeyboardTests.TabToAsync(page, page.Locator("#helper-contact"));
        await page.Keyboard.TypeAsync("hulp@example.nl");
        await KeyboardTests.TabToAsync(page, page.Locator("main form button[type=submit]"));
        await KeyboardTests.PressEnterAndWaitAsync(page, @"/cannot-pay\?registered=true$");
        await Assertions.Expect(page.Locator("[data-hardship-status=active]")).ToHaveCountAsync(1);
    }
}
