using Microsoft.Playwright;
using Portal.E2E.Infrastructure;
using Shouldly;

namespace Portal.E2E;

/// <summary>
/// A question and a dispute about an invoice in each language at 320 and 1280 px (axe and Portal's own page checks):
/// the form as shown and sent back empty, the dispute after its code, a file refused for its content, and the customer's
/// list once sent; and a question with a file sent with the keyboard alone (the file picked in the system's dialog).
/// </summary>
public sealed class QuestionTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    private const string Organisation = "Waterbedrijf Oost";

    private static Task AuditAsync(IPage page, string language, string where, List<string> problems, bool failed = false) =>
        StepAudit.AuditAsync(page, language, Organisation, where, problems, failed);

    private static Task SubmitAsync(IPage page, string address) => StepAudit.SubmitAsync(page, address);

    private static string WriteFile(string name, byte[] content)
    {
        var path = Path.Combine(Path.GetTempPath(), "portal-e2e-" + Guid.NewGuid().ToString("N")[..8] + "-" + name);
        File.WriteAllBytes(path, content);
        return path;
    }

    private static readonly byte[] Pdf = System.Text.Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n");

    [BrowserTheory]
    [InlineData("nl")]
    [InlineData("en")]
    [InlineData("tr")]
    [InlineData("pl")]
    [InlineData("ar")]
    public async Task Every_question_page_and_state_passes_at_320_and_1280(string language)
    {
        var problems = new List<string>();
        var customer = await TestData.AddPayingCustomerAsync(portal.Services, portal.Account.OrganisationId);
        var number = customer.Invoices[0].Number;
        await using var context = await portal.NewContextAsync(1280);
        var page = await context.NewPageAsync();
        await page.ChooseLanguageAsync(language);
        await page.OpenPayLinkAsync(customer);
        await page.GotoAsync("/invoices/" + number);
        await page.Locator($"main a[href='/invoices/{number}/question']").ClickAsync();
        await page.WaitForAddressAsync("/question$");
        await AuditAsync(page, language, "/invoices/{n}/question", problems);
        await SubmitAsync(page, "/question$");
        (await page.Locator(".error-summary").CountAsync()).ShouldBe(1, $"{language}: the question sent back empty shows no error summary");
        await AuditAsync(page, language, "/invoices/{n}/question (error)", problems, failed: true);
        await page.Locator("input[name=Reason][value=other]").CheckAsync();
        await page.Locator("textarea[name=Text]").FillAsync("Waarom is het bedrag hoger dan vorige maand?");
        await page.Locator("input[name=Upload]").SetInputFilesAsync(WriteFile("programma.pdf", [(byte)'M', (byte)'Z', 0x90, 0, 3, 0]));
        await SubmitAsync(page, "/question$");
        (await page.Locator(".error-summary a[href='#upload']").CountAsync()).ShouldBe(1, $"{language}: a program named .pdf was not refused");
        await AuditAsync(page, language, "/invoices/{n}/question (file refused)", problems, failed: true);
        await page.Locator("input[name=Upload]").SetInputFilesAsync(WriteFile("rekening.pdf", Pdf));
        await SubmitAsync(page, @"/questions\?sent=");
        await AuditAsync(page, language, "/questions (sent)", problems);

        await page.GotoAsync("/invoices/" + number);
        await page.Locator($"main a[href='/invoices/{number}/dispute']").ClickAsync();
        await page.WaitForAddressAsync(@"/verify\?for=dispute");
        await page.Locator("main form button[type=submit]").ClickAsync();
        await page.WaitForAddressAsync("/verify/code");
        await page.Locator("input[name=Code]").FillAsync(await TestData.LatestCodeAsync(portal.Services, portal.Account.OrganisationId));
        await SubmitAsync(page, "/dispute$");
        await AuditAsync(page, language, "/invoices/{n}/dispute", problems);
        await page.Locator("input[name=Reason][value=already-paid]").CheckAsync();
        await page.Locator("textarea[name=Text]").FillAsync("Ik heb dit al betaald op 3 november.");
        await SubmitAsync(page, @"/questions\?sent=");
        (await page.Locator(".question-card").CountAsync()).ShouldBe(2);
        await AuditAsync(page, language, "/questions (a question and a dispute)", problems);
        problems.ShouldBeEmpty(string.Join("\n", problems));
    }

    [BrowserFact]
    public async Task Keyboard_alone_sends_a_question_with_a_file()
    {
        var customer = await TestData.AddPayingCustomerAsync(portal.Services, portal.Account.OrganisationId);
        var number = customer.Invoices[0].Number;
        await using var context = await portal.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.OpenPayLinkAsync(customer);
        await page.GotoAsync("/invoices/" + number);
        await KeyboardTests.TabToAsync(page, page.Locator($"main a[href='/invoices/{number}/question']"));
        await KeyboardTests.PressEnterAndWaitAsync(page, "/question$");
        await KeyboardTests.TabToAsync(page, page.Locator("#reason-amount-wrong"));
        await page.Keyboard.PressAsync("Space");
        await KeyboardTests.ShouldShowFocusAsync(page);
        await KeyboardTests.TabToAsync(page, page.Locator("#text"));
        await page.Keyboard.TypeAsync("Het bedrag klopt niet.");
        // The file field is reached with Tab; the file itself is picked in the system's own dialog, which a test
        // cannot press keys in, so it is handed to the field directly.
        await KeyboardTests.TabToAsync(page, page.Locator("#upload"));
        await page.Locator("#upload").SetInputFilesAsync(WriteFile("meter.pdf", Pdf));
        await KeyboardTests.TabToAsync(page, page.Locator("main form button[type=submit]"));
        await KeyboardTests.PressEnterAndWaitAsync(page, @"/questions\?sent=");
        await Assertions.Expect(page.Locator("[data-question-sent]")).ToHaveCountAsync(1);
    }
}
