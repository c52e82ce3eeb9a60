using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.E2E.Infrastructure;
using Portal.Infrastructure.PayLinks;
using Shouldly;

namespace Portal.E2E;

/// <summary>
/// "Mijn gegevens" and the letter code in each language at 320 and 1280 px (axe and Portal's own page checks): the
/// details masked, after the code in full, sent back with a wrong postcode, a new e-mail address waiting for its code
/// (sent back empty, then confirmed), and saved; /code as shown, sent back empty, and the code and postcode opening
/// the customer's pages. And both with the keyboard alone.
/// </summary>
public sealed class ContactTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    private const string Organisation = "Waterbedrijf Oost";

    private static Task AuditAsync(IPage page, string language, string where, List<string> problems, bool failed = false, string organisation = Organisation) =>
        StepAudit.AuditAsync(page, language, organisation, where, problems, failed);

    private static Task SubmitAsync(IPage page, string address) => StepAudit.SubmitAsync(page, address);

    /// <summary>A new link of the customer with a letter code, as the ERP asks for it to print on a letter.</summary>
    private async Task<string> LetterCodeAsync(PayingCustomer customer)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var made = await scope.ServiceProvider.GetRequiredService<PayLinkService>()
            .CreateAsync(portal.Account.OrganisationId, customer.CustomerRef, null, null, "test:e2e", letterCode: true);
        return made.Link!.LetterCode!;
    }

    [BrowserTheory]
    [InlineData("nl")]
    [InlineData("en")]
    [InlineData("tr")]
    [InlineData("pl")]
    [InlineData("ar")]
    public async Task Every_contact_and_letter_code_page_and_state_passes_at_320_and_1280(string language)
    {
        var problems = new List<string>();
        var customer = await TestData.AddPayingCustomerAsync(portal.Services, portal.Account.OrganisationId);
        var letterCode = await LetterCodeAsync(customer);
        await using var context = await portal.NewContextAsync(1280);
        var page = await context.NewPageAsync();
        await page.ChooseLanguageAsync(language);

        await page.GotoAsync("/code");
        await AuditAsync(page, language, "/code", problems, organisation: "Portal");
        await SubmitAsync(page, "/code$");
        (await page.Locator(".error-summary a").CountAsync()).ShouldBe(2, $"{language}: /code sent back empty names both fields");
        await AuditAsync(page, language, "/code (error)", problems, failed: true, organisation: "Portal");
        await page.Locator("input[name=Code]").FillAsync(letterCode.ToLowerInvariant());
        await page.Locator("input[name=Postcode]").FillAsync("1234ab");
        await SubmitAsync(page, "/overview$");

        await page.Locator("aside.help a[href='/contact']").ClickAsync();
        await page.WaitForAddressAsync("/contact$");
        await AuditAsync(page, language, "/contact (masked)", problems);
        await page.Locator("main a.button").ClickAsync();
        await page.WaitForAddressAsync(@"/verify\?for=contact-details");
        await page.Locator("main form button[type=submit]").ClickAsync();
        await page.WaitForAddressAsync("/verify/code");
        await page.Locator("input[name=Code]").FillAsync(await TestData.LatestCodeAsync(portal.Services, portal.Account.OrganisationId));
        await SubmitAsync(page, "/contact$");
        await AuditAsync(page, language, "/contact (form)", problems);
        await page.Locator("input[name=PostalCode]").FillAsync("12345");
        await SubmitAsync(page, "/contact$");
        (await page.Locator(".error-summary a[href='#postal-code']").CountAsync()).ShouldBe(1, $"{language}: a wrong postcode was not refused");
        await AuditAsync(page, language, "/contact (error)", problems, failed: true);
        await page.Locator("input[name=PostalCode]").FillAsync("5678 CD");
        await page.Locator("input[name=Email]").FillAsync($"nieuw-{language}@example.org");
        await SubmitAsync(page, "/contact/confirm$");
        await AuditAsync(page, language, "/contact/confirm", problems);
        await SubmitAsync(page, "/contact/confirm$");
        (await page.Locator(".error-summary").CountAsync()).ShouldBe(1, $"{language}: the confirmation sent back empty shows no error summary");
        await AuditAsync(page, language, "/contact/confirm (error)", problems, failed: true);
        await page.Locator("input[name=EmailCode]").FillAsync(await TestData.LatestCodeAsync(portal.Services, portal.Account.OrganisationId));
        await SubmitAsync(page, @"/contact\?saved=true$");
        (await page.Locator(".notice[role=status]").CountAsync()).ShouldBe(1);
        await AuditAsync(page, language, "/contact (saved)", problems);
        problems.ShouldBeEmpty(string.Join("\n", problems));
    }

    [BrowserFact]
    public async Task Keyboard_alone_opens_the_letter_code_and_changes_the_address()
    {
        var customer = await TestData.AddPayingCustomerAsync(portal.Services, portal.Account.OrganisationId);
        var letterCode = await LetterCodeAsync(customer);
        await using var context = await portal.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/code");
        await KeyboardTests.TabToAsync(page, page.Locator("#code"));
        await page.Keyboard.TypeAsync(letterCode);
        await KeyboardTests.TabToAsync(page, page.Locator("#postcode"));
        await page.Keyboard.TypeAsync("1234 AB");
        await KeyboardTests.TabToAsync(page, page.Locator("main form button[type=submit]"));
        await KeyboardTests.PressEnterAndWaitAsync(page, "/overview$");

        await KeyboardTests.TabToAsync(page, page.Locator("aside.help a[href='/contact']"));
        await KeyboardTests.PressEnterAndWaitAsync(page, "/contact$");
        await KeyboardTests.TabToAsync(page, page.Locator("main a.button"));
        await KeyboardTests.PressEnterAndWaitAsync(page, @"/verify\?for=contact-details");
        await KeyboardTests.TabToAsync(page, page.Locator("main form button[type=submit]"));
        await KeyboardTests.PressEnterAndWaitAsync(page, "/verify/code");
        await KeyboardTests.TabToAsync(page, page.Locator("#code"));
        await page.Keyboard.TypeAsync(await TestData.LatestCodeAsync(portal.Services, portal.Account.OrganisationId));
        await KeyboardTests.TabToAsync(page, page.Locator("main form button[type=submit]").First);
        await KeyboardTests.PressEnterAndWaitAsync(page, "/contact$");
        await KeyboardTests.TabToAsync(page, page.Locator("#line1"));
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync("Kerkstraat 12");
        await KeyboardTests.TabToAsync(page, page.Locator("#channel-0"));
        await page.Keyboard.PressAsync("ArrowDown");
        await KeyboardTests.ShouldShowFocusAsync(page);
        await KeyboardTests.TabToAsync(page, page.Locator("main form button[type=submit]"));
        await KeyboardTests.PressEnterAndWaitAsync(page, @"/contact\?saved=true$");
        await Assertions.Expect(page.Locator(".notice[role=status]")).ToHaveCountAsync(1);
    }
}
