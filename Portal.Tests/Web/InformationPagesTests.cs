using System.Net;
using Portal.Tests.Support;
using Shouldly;

namespace Portal.Tests.Web;

public class InformationPagesTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Theory]
    [InlineData("/toegankelijkheid", "Toegankelijkheid")]
    [InlineData("/privacy", "Privacy")]
    public async Task EveryPagesFooter_LinksTheStatementAndPrivacyPages(string href, string heading)
    {
        var client = factory.CreateBrowserClient();
        foreach (var page in new[] { "/", "/overview", "/p/unknown" })
        {
            var document = await Html.ParseAsync(await client.GetAsync(page));
            document.QuerySelectorAll(".site-footer a").Select(a => a.GetAttribute("href")).ShouldContain(href, page);
        }
        var response = await client.GetAsync(href);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Html.ParseAsync(response)).Text("h1").ShouldBe(heading);
    }

    [Fact]
    public async Task StatementPage_WithASession_ShowsTheOrganisationsHelpBlock()
    {
        var organisation = await factory.CreateOrganisationAsync("Gemeente Voorbeeld");
        await organisation.AddCustomerAsync("C-1");
        var browser = await organisation.OpenAsCustomerAsync("C-1");

        var page = await Html.ParseAsync(await browser.GetAsync("/toegankelijkheid"));
        page.Title.ShouldBe("Toegankelijkheid – Gemeente Voorbeeld");
        page.Text(".help").ShouldContain("020 765 43 21");
    }

    [Fact]
    public async Task ReadAloud_IsOfferedOnlyThroughScript_WithNativeButtons()
    {
        var page = await Html.ParseAsync(await factory.CreateBrowserClient().GetAsync("/privacy"));
        var controls = page.QuerySelector("[data-read-aloud]")!;
        controls.HasAttribute("hidden").ShouldBeTrue();
        controls.QuerySelector("button[data-action=play]")!.TextContent.ShouldBe("Lees voor");
        page.QuerySelectorAll("script").Select(s => s.GetAttribute("src")).ShouldAllBe(src => src != null && src.StartsWith("/js/"));
    }
}
