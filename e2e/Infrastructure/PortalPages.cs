using Microsoft.Playwright;
using Shouldly;

namespace Portal.E2E.Infrastructure;

/// <summary>Steps a customer takes in the browser, shared by the journeys.</summary>
public static class PortalPages
{
    /// <summary>Chooses the page language the way a customer does: the <c>?lang=</c> switch, which stores it in a cookie.</summary>
    public static async Task ChooseLanguageAsync(this IPage page, string language)
    {
        await page.GotoAsync("/?lang=" + language);
        (await page.HtmlLanguageAsync()).ShouldBe(language);
    }

    /// <summary>Opens the pay link as from the letter, and answers the page the customer lands on.</summary>
    public static async Task<IResponse> OpenPayLinkAsync(this IPage page, SeededAccount account)
    {
        var response = await page.GotoAsync(account.PayLinkPath);
        response.ShouldNotBeNull();
        return response;
    }

    public static async Task<string> HtmlLanguageAsync(this IPage page) =>
        await page.Locator("html").GetAttributeAsync("lang") ?? "";

    /// <summary>The visible text of the main content, with white space made plain.</summary>
    public static async Task<string> MainTextAsync(this IPage page) =>
        Texts.Normalise(await page.GetByRole(AriaRole.Main).InnerTextAsync());

    public static string InvoiceLinkName(string invoiceNumber, string language) =>
        (language == "en" ? "Invoice " : "Factuur ") + invoiceNumber;
}
