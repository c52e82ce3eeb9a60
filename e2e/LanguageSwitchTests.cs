using Microsoft.Playwright;
using Portal.E2E.Infrastructure;
using Shouldly;

namespace Portal.E2E;

/// <summary>A customer who reads English better switches the language with the link in the header, and back again.</summary>
public sealed class LanguageSwitchTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    [BrowserFact]
    public async Task Switching_to_English_and_back_changes_the_text_and_the_page_language()
    {
        var account = portal.Account;
        await using var context = await portal.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.OpenPayLinkAsync(account);
        (await page.HtmlLanguageAsync()).ShouldBe("nl");
        var languages = page.GetByRole(AriaRole.Navigation, new() { Name = "Taal" });

        await languages.GetByRole(AriaRole.Link, new() { Name = "English", Exact = true }).ClickAsync();

        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        new Uri(page.Url).AbsolutePath.ShouldBe("/overview");
        page.Url.ShouldNotContain("lang=");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("What you need to pay");
        var english = await page.MainTextAsync();
        english.ShouldContain($"You still need to pay {Texts.EnglishAmount(account.TotalDueMinor)}.");
        english.ShouldContain($"Please pay by {Texts.EnglishDate(account.PayBefore)}.");
        english.ShouldContain("You still need to pay €125.50.");
        await Assertions.Expect(page.GetByRole(AriaRole.Link,
            new() { Name = PortalPages.InvoiceLinkName(account.FirstInvoiceNumber, "en"), Exact = true })).ToBeVisibleAsync();

        // The choice holds on the next page too.
        await page.GotoAsync($"/invoices/{account.FirstInvoiceNumber}");
        (await page.HtmlLanguageAsync()).ShouldBe("en");
        await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = "What is on the invoice" })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Language" })
            .GetByRole(AriaRole.Link, new() { Name = "Nederlands", Exact = true }).ClickAsync();

        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "nl");
        new Uri(page.Url).AbsolutePath.ShouldBe($"/invoices/{account.FirstInvoiceNumber}");
        await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = "Wat er op de factuur staat" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Terug naar het overzicht" }).ClickAsync();
        await page.WaitForAddressAsync("/overview$");
        await Assertions.Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync($"U moet nog {Texts.DutchAmount(account.TotalDueMinor)} betalen.");
    }
}
