using System.Net;
using AngleSharp.Dom;
using Portal.Tests.Support;
using Shouldly;

namespace Portal.Tests.Web;

public class CustomerPagesTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private async Task<(TestOrganisation Org, HttpClient Browser)> OpenAsync(string? language = null, IReadOnlyList<string>? scope = null)
    {
        var organisation = await factory.CreateOrganisationAsync("Waterbedrijf Oost");
        await organisation.AddCustomerAsync("C-1", "Sanne de Vries", language);
        await organisation.AddInvoiceAsync("F-1", "C-1", 12550, new DateOnly(2026, 12, 1), "Water november");
        await organisation.AddCustomerAsync("C-2", "Iemand Anders");
        await organisation.AddInvoiceAsync("F-2", "C-2", 9999, new DateOnly(2026, 12, 1));
        var link = await organisation.CreatePayLinkAsync("C-1", scope);
        var browser = factory.CreateBrowserClient();
        (await browser.GetAsync($"/p/{link.Token}")).StatusCode.ShouldBe(HttpStatusCode.SeeOther);
        return (organisation, browser);
    }

    private static async Task<IDocument> PageAsync(HttpClient browser, string url)
    {
        var response = await browser.GetAsync(url);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return await Html.ParseAsync(response);
    }

    [Fact]
    public async Task Overview_SaysWhatToPayAndByWhen_InDutch()
    {
        var (_, browser) = await OpenAsync();
        var page = await PageAsync(browser, "/overview");

        page.DocumentElement.GetAttribute("lang").ShouldBe("nl");
        page.Title.ShouldBe("Wat u moet betalen – Waterbedrijf Oost");
        page.Text(".summary .lead").ShouldBe("U moet nog € 125,50 betalen. Betaal vóór 1 december 2026.");
        page.Text(".brand-bar").ShouldContain("Waterbedrijf Oost");
        page.QuerySelectorAll(".invoice-list a").Select(a => a.GetAttribute("href")).ShouldBe(["/invoices/F-1"]);
        page.Text(".help").ShouldContain("020 765 43 21");
    }

    [Fact]
    public async Task Overview_OverdueInvoice_IsSaidKindly()
    {
        var (organisation, browser) = await OpenAsync();
        await organisation.AddInvoiceAsync("F-3", "C-1", 5000, new DateOnly(2026, 11, 1));
        var page = await PageAsync(browser, "/overview");
        page.Text(".summary .lead").ShouldBe("U moet nog € 175,50 betalen. Betaal zo snel als het kan.");
        page.Text(".overdue-note").ShouldContain("Dat kan gebeuren");

        var invoice = await PageAsync(browser, "/invoices/F-3");
        invoice.Text(".status").ShouldBe("U moet nog € 50,00 betalen. Betaal zo snel als het kan.");
        invoice.Text(".overdue-note").ShouldContain("Dat kan gebeuren");
    }

    [Fact]
    public async Task LanguageSwitch_ToEnglish_AndBack()
    {
        var (_, browser) = await OpenAsync();
        var switching = await browser.GetAsync("/overview?lang=en");
        switching.StatusCode.ShouldBe(HttpStatusCode.SeeOther);
        switching.Headers.Location!.OriginalString.ShouldBe("/overview");

        var page = await PageAsync(browser, "/overview");
        page.DocumentElement.GetAttribute("lang").ShouldBe("en");
        page.Text(".summary .lead").ShouldBe("You still need to pay €125.50. Please pay by 1 December 2026.");
        page.QuerySelector("a[hreflang=nl]")!.TextContent.ShouldBe("Nederlands");

        await browser.GetAsync("/overview?lang=nl");
        (await PageAsync(browser, "/overview")).DocumentElement.GetAttribute("lang").ShouldBe("nl");
    }

    [Fact]
    public async Task Overview_CustomersStoredLanguage_IsTheDefault()
    {
        var (_, browser) = await OpenAsync(language: "en");
        (await PageAsync(browser, "/overview")).Text("h1").ShouldBe("What you need to pay");
    }

    [Fact]
    public async Task InvoicePage_ShowsLinesAndTotals()
    {
        var (_, browser) = await OpenAsync();
        var page = await PageAsync(browser, "/invoices/F-1");
        page.Text("h1").ShouldBe("Factuur F-1");
        page.Title.ShouldBe("Factuur F-1 – Waterbedrijf Oost");
        page.Text("table.lines tbody").ShouldContain("Water november");
        page.Text("table.lines tfoot").ShouldContain("€ 125,50");
        page.Text(".status").ShouldBe("U moet nog € 125,50 betalen. Betaal vóór 1 december 2026.");
        page.Text(".help").ShouldContain("020 765 43 21");
    }

    [Fact]
    public async Task InvoicePage_AnotherCustomersInvoice_Is404()
    {
        var (_, browser) = await OpenAsync();
        (await browser.GetAsync("/invoices/F-2")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await browser.GetAsync("/invoices/does-not-exist")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ScopedLink_ShowsOnlyItsInvoices()
    {
        var organisation = await factory.CreateOrganisationAsync();
        await organisation.AddCustomerAsync("C-1");
        await organisation.AddInvoiceAsync("F-1", "C-1", 1000, new DateOnly(2026, 12, 1));
        await organisation.AddInvoiceAsync("F-9", "C-1", 2000, new DateOnly(2026, 12, 1));
        var link = await organisation.CreatePayLinkAsync("C-1", ["F-9"]);
        var browser = factory.CreateBrowserClient();
        await browser.GetAsync($"/p/{link.Token}");

        (await PageAsync(browser, "/overview")).QuerySelectorAll(".invoice-list a").Select(a => a.GetAttribute("href")).ShouldBe(["/invoices/F-9"]);
        (await browser.GetAsync("/invoices/F-1")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Pages_SendPrivacyAndSecurityHeaders()
    {
        var (_, browser) = await OpenAsync();
        var response = await browser.GetAsync("/overview");
        response.Headers.GetValues("Referrer-Policy").ShouldBe(["no-referrer"]);
        response.Headers.CacheControl!.NoStore.ShouldBeTrue();
        response.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        foreach (var part in new[] { "default-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "'nonce-" })
            csp.ShouldContain(part);
        csp.ShouldNotContain("unsafe-inline");
    }

    [Fact]
    public async Task Health_LiveAndReady()
    {
        var client = factory.CreateClient();
        (await client.GetAsync("/health/live")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetStringAsync("/health/ready")).ShouldBe("Healthy");
    }
}
