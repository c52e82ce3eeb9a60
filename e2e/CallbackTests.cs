using Microsoft.Playwright;
using Portal.E2E.Infrastructure;
using Shouldly;

namespace Portal.E2E;

/// <summary>
/// "Bel mij terug" in each language at 320 and 1280 px (axe and Portal's own page checks): the first step as shown and
/// sent back empty, the days, the times of a day and that sent back empty, the confirmation, moving it, and cancelled;
/// and the whole booking with the keyboard alone. Choices are found by their values, so the walk is the same in every
/// language. An app of its own: call-backs are switched on for its organisation every day, so there are always slots.
/// </summary>
public sealed class CallbackTests(PortalFixture portal) : IClassFixture<PortalFixture>
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
    public async Task Every_callback_page_and_state_passes_at_320_and_1280(string language)
    {
        var problems = new List<string>();
        var customer = await TestData.AddCallbackCustomerAsync(portal.Services, portal.Account.OrganisationId);
        await using var context = await portal.NewContextAsync(1280);
        var page = await context.NewPageAsync();
        await page.ChooseLanguageAsync(language);
        await page.OpenPayLinkAsync(customer);
        await page.Locator("aside.help a[href='/callback']").ClickAsync();
        await page.WaitForAddressAsync("/callback$");
        await AuditAsync(page, language, "/callback", problems);
        await SubmitAsync(page, "/callback$");
        (await page.Locator(".error-summary").CountAsync()).ShouldBe(1, $"{language} /callback: sent back empty, it shows no error summary");
        await AuditAsync(page, language, "/callback (error)", problems, failed: true);
        await page.Locator("input[name=Topic][value=payment]").CheckAsync();
        await page.Locator("input[name=PhoneChoice][value=file]").CheckAsync();
        await page.Locator("select[name=Language]").SelectOptionAsync(language);
        await SubmitAsync(page, "/callback/when$");
        await AuditAsync(page, language, "/callback/when (days)", problems);

        await page.Locator("#day-0").ClickAsync();
        await page.WaitForAddressAsync(@"/callback/when\?day=");
        await AuditAsync(page, language, "/callback/when (times)", problems);
        await SubmitAsync(page, "/callback/when$");
        (await page.Locator(".error-summary").CountAsync()).ShouldBe(1, $"{language} /callback/when: sent back without a time, it shows no error summary");
        await AuditAsync(page, language, "/callback/when (error)", problems, failed: true);
        await page.Locator("#slot-0").CheckAsync();
        await SubmitAsync(page, "/callback/done$");
        (await page.Locator("[data-callback-slot]").CountAsync()).ShouldBe(1);
        await AuditAsync(page, language, "/callback/done", problems);

        await page.Locator("main a[href='/callback/when']").ClickAsync();
        await page.WaitForAddressAsync("/callback/when$");
        await AuditAsync(page, language, "/callback/when (moving)", problems);
        await page.GotoAsync("/callback/done");
        await page.Locator("main form button[type=submit]").ClickAsync();
        await page.WaitForAddressAsync(@"/callback/done\?cancelled=true$");
        await AuditAsync(page, language, "/callback/done (cancelled)", problems);
        problems.ShouldBeEmpty(string.Join("\n", problems));
    }

    [BrowserFact]
    public async Task Keyboard_alone_books_a_callback_from_the_help_block()
    {
        var customer = await TestData.AddCallbackCustomerAsync(portal.Services, portal.Account.OrganisationId);
        await using var context = await portal.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.OpenPayLinkAsync(customer);
        await KeyboardTests.TabToAsync(page, page.Locator("aside.help a[href='/callback']"));
        await KeyboardTests.PressEnterAndWaitAsync(page, "/callback$");
        await KeyboardTests.TabToAsync(page, page.Locator("#topic-payment"));
        await page.Keyboard.PressAsync("ArrowDown");
        (await page.Locator("input[name=Topic][value=payment-plan]").IsCheckedAsync()).ShouldBeTrue("the arrow keys did not choose a topic");
        await KeyboardTests.ShouldShowFocusAsync(page);
        await KeyboardTests.TabToAsync(page, page.Locator("#phone-file"));
        await page.Keyboard.PressAsync("Space");
        await KeyboardTests.TabToAsync(page, page.Locator("main form button[type=submit]"));
        await KeyboardTests.PressEnterAndWaitAsync(page, "/callback/when$");
        await KeyboardTests.TabToAsync(page, page.Locator("#day-0"));
        await KeyboardTests.PressEnterAndWaitAsync(page, @"/callback/when\?day=");
        await KeyboardTests.TabToAsync(page, page.Locator("#slot-0"));
        await page.Keyboard.PressAsync("Space");
        await KeyboardTests.TabToAsync(page, page.Locator("main form button[type=submit]"));
        await KeyboardTests.PressEnterAndWaitAsync(page, "/callback/done$");
        await Assertions.Expect(page.Locator("[data-callback-slot]")).ToHaveCountAsync(1);
    }
}
