using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Tests.Support;
using Shouldly;

namespace Portal.Tests.Web;

public class LanguageTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private async Task<HttpClient> OpenAsync(string? storedLanguage = null)
    {
        var organisation = await factory.CreateOrganisationAsync("Waterbedrijf Oost");
        await organisation.AddCustomerAsync("C-1", "Ahmet Yildiz", storedLanguage);
        await organisation.AddInvoiceAsync("F-1", "C-1", 12550, new DateOnly(2026, 12, 1));
        var browser = await organisation.OpenAsCustomerAsync("C-1");
        return browser;
    }

    [Theory]
    [InlineData("tr", "ltr", "Ödemeniz gereken tutar: €125,50. Lütfen 1 Aralık 2026 tarihinden önce ödeyin.")]
    [InlineData("pl", "ltr", "Musisz jeszcze zapłacić 125,50 €. Zapłać do 1 grudnia 2026.")]
    // In right-to-left text the amount is isolated (U+2068 … U+2069) so it is not reordered.
    [InlineData("ar", "rtl", "عليك أن تدفع \u2068125٫50 €\u2069. يُرجى الدفع قبل 1 ديسمبر 2026.")]
    public async Task Overview_InEveryLanguage_SaysAmountAndDateInThatLanguage(string language, string direction, string sentence)
    {
        var browser = await OpenAsync();
        (await browser.GetAsync($"/overview?lang={language}")).StatusCode.ShouldBe(HttpStatusCode.SeeOther);
        var page = await Html.ParseAsync(await browser.GetAsync("/overview"));
        page.DocumentElement.GetAttribute("lang").ShouldBe(language);
        page.DocumentElement.GetAttribute("dir").ShouldBe(direction);
        page.Text(".summary .lead").ShouldBe(sentence);
    }

    [Fact]
    public async Task AnOrganisationOfferingDutchAndEnglish_OffersOnlyThose_AndAnotherLanguageFallsBackToItsDefault()
    {
        var organisation = await factory.CreateOrganisationAsync("Gemeente Test");
        await factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<Portal.Infrastructure.Database.PortalDbContext>();
            var stored = await db.Organisations.FirstAsync(o => o.Id == organisation.Id);
            stored.SetLanguages(["nl", "en"]);
            return await db.SaveChangesAsync();
        });
        await organisation.AddCustomerAsync("C-1", "Ahmet Yildiz", "tr");
        await organisation.AddInvoiceAsync("F-1", "C-1", 12550, new DateOnly(2026, 12, 1));
        var browser = await organisation.OpenAsCustomerAsync("C-1");

        // Stored Turkish is not offered: Dutch, the organisation's first language.
        var page = await Html.ParseAsync(await browser.GetAsync("/overview"));
        page.DocumentElement.GetAttribute("lang").ShouldBe("nl");
        page.QuerySelectorAll(".language-switch li").Select(li => li.TextContent.Trim()).ShouldBe(["Nederlands", "English"]);

        // Asking for Polish gives Dutch too; English is offered and chosen.
        await browser.GetAsync("/overview?lang=pl");
        (await Html.ParseAsync(await browser.GetAsync("/overview"))).DocumentElement.GetAttribute("lang").ShouldBe("nl");
        await browser.GetAsync("/overview?lang=en");
        (await Html.ParseAsync(await browser.GetAsync("/overview"))).DocumentElement.GetAttribute("lang").ShouldBe("en");
    }

    [Fact]
    public async Task Overview_StoredTurkish_IsShownInTurkish_WithEverySwitchInItsOwnLanguage()
    {
        var browser = await OpenAsync("tr");
        var page = await Html.ParseAsync(await browser.GetAsync("/overview"));
        page.DocumentElement.GetAttribute("lang").ShouldBe("tr");
        page.QuerySelectorAll(".language-switch a").Select(a => (a.GetAttribute("lang"), a.TextContent))
            .ShouldBe([("nl", "Nederlands"), ("en", "English"), ("pl", "Polski"), ("ar", "العربية")]);
    }

    [Fact]
    public async Task UnknownLanguage_IsIgnored()
    {
        var browser = await OpenAsync();
        await browser.GetAsync("/overview?lang=xx");
        var page = await Html.ParseAsync(await browser.GetAsync("/overview"));
        page.DocumentElement.GetAttribute("lang").ShouldBe("nl");
    }

    [Theory]
    [InlineData("//evil.example/")]
    [InlineData("/%5Cevil.example/")]
    public async Task LanguageSwitch_OnAPathThatReadsAsAnotherSite_DoesNotRedirectThere(string path)
    {
        var response = await factory.CreateBrowserClient().SendAsync(new HttpRequestMessage(HttpMethod.Get, new Uri($"https://localhost{path}?lang=en")));
        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Headers.Location.ShouldBeNull();
    }

    [Fact]
    public async Task LanguageSwitch_KeepsThePathAndTheRestOfTheQuery()
    {
        var browser = await OpenAsync();
        var response = await browser.GetAsync("/overview?lang=en&page=2");
        response.StatusCode.ShouldBe(HttpStatusCode.SeeOther);
        response.Headers.Location!.OriginalString.ShouldBe("/overview?page=2");
    }

    [Fact]
    public async Task Api_LangParameter_IsLeftToTheApi()
    {
        var organisation = await factory.CreateOrganisationAsync("Waterbedrijf West");
        var response = await factory.CreateApiClient(organisation.ApiKey).GetAsync("/api/v1/invoices?lang=en");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.Contains("Set-Cookie").ShouldBeFalse();
    }
}
