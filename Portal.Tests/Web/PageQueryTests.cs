using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Infrastructure.Database;
using Portal.Tests.Support;
using Shouldly;

namespace Portal.Tests.Web;

/// <summary>
/// A customer page asks the database twice at most: once for the session with its organisation's version stamp,
/// once for what the page shows. The brand is kept in memory, and a change to it shows on the next page, on every node.
/// </summary>
public class PageQueryTests(PageQueryTests.CountingFactory factory) : IClassFixture<PageQueryTests.CountingFactory>
{
    /// <summary>The app, counting the commands each request path sends to the database.</summary>
    public sealed class CountingFactory : PortalFactory
    {
        public ConcurrentDictionary<string, ConcurrentQueue<string>> Commands { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.ConfigureDbContext<PortalDbContext>((sp, db) =>
            {
                var http = sp.GetRequiredService<IHttpContextAccessor>();
                db.AddInterceptors(new BeforeEveryCommand(command =>
                {
                    if (http.HttpContext?.Request is { } request)
                        Commands.GetOrAdd(request.Path + request.QueryString, _ => new()).Enqueue(command.CommandText);
                }));
            }));
        }

        public async Task<(HttpResponseMessage Response, string[] Commands)> GetCountedAsync(HttpClient client, string path)
        {
            Commands.TryRemove(path, out _);
            var response = await client.GetAsync(path);
            return (response, Commands.TryGetValue(path, out var sent) ? sent.ToArray() : []);
        }
    }

    private async Task<(TestOrganisation Organisation, HttpClient Browser)> OpenAsync(string name)
    {
        var organisation = await factory.CreateOrganisationAsync(name);
        await organisation.AddCustomerAsync("C-1");
        await organisation.AddInvoiceAsync("F-1", "C-1", 12550, new DateOnly(2026, 12, 1), "Water november");
        await organisation.AddInvoiceAsync("F-2", "C-1", 4000, new DateOnly(2026, 12, 20), "Water december");
        return (organisation, await organisation.OpenAsCustomerAsync("C-1"));
    }

    [Theory]
    [InlineData("/overview")]
    [InlineData("/invoices/F-1")]
    public async Task CustomerPage_AsksTheDatabaseTwice_OnceTheBrandIsKept(string path)
    {
        var (_, browser) = await OpenAsync("Twee Vragen " + path.Length);
        (await browser.GetAsync(path)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var (response, commands) = await factory.GetCountedAsync(browser, path);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        commands.Length.ShouldBeLessThanOrEqualTo(2, string.Join("\n---\n", commands));
        commands[0].ShouldContain("PayLinks");
        commands[0].ShouldContain("Organisations");
    }

    [Theory]
    [InlineData("/direct-debit")]
    [InlineData("/direct-debit/day")]
    public async Task DirectDebitPage_AsksTheDatabaseTwice(string path)
    {
        var (organisation, browser) = await OpenAsync("Automatisch " + path.Length);
        await factory.WithScopeAsync(async sp =>
        {
            await sp.GetRequiredService<Portal.Infrastructure.DirectDebit.DirectDebitService>().SetPolicyAsync(organisation.Id,
                new Portal.Domain.DirectDebit.DirectDebitPolicy(true, [1, 25], 5, 1, "NL57ZZZ999999999999"), "test");
            return true;
        });
        (await browser.GetAsync(path)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var (response, commands) = await factory.GetCountedAsync(browser, path);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        commands.Length.ShouldBeLessThanOrEqualTo(2, string.Join("\n---\n", commands));
    }

    [Fact]
    public async Task PaymentPlanPages_AskTheDatabaseTwice_FromTheFirstStepToTheRunningPlan()
    {
        var (_, _, browser) = await Arrangements.ArrangementPagesTests.OpenAsync(factory);
        await Arrangements.ArrangementPagesTests.ChooseAsync(browser, "10");
        foreach (var path in new[] { "/plan/invoices", "/plan/terms", "/plan/how", "/plan/day", "/plan/check" })
            await AsksTwiceAsync(browser, path);

        (await PayJourney.PostFormAsync(browser, "/plan/check")).Headers.Location!.OriginalString.ShouldBe("/plan/done");
        foreach (var path in new[] { "/plan/done", "/plan", "/overview" })
            await AsksTwiceAsync(browser, path);
    }

    [Fact]
    public async Task CallbackPages_AskTheDatabaseTwice_FromTheFirstStepToTheConfirmation()
    {
        var (organisation, api) = await Callbacks.CallbackPagesTests.OrganisationAsync(factory);
        var browser = await Callbacks.CallbackPagesTests.CustomerAsync(organisation, api, "C-1");
        await AsksTwiceAsync(browser, "/callback");
        (await PayJourney.PostFormAsync(browser, "/callback", ("Topic", "payment"), ("PhoneChoice", "file"))).StatusCode.ShouldBe(HttpStatusCode.SeeOther);
        foreach (var path in new[] { "/callback/when", "/callback/when?day=2026-11-26" })
            await AsksTwiceAsync(browser, path);
        (await PayJourney.PostFormAsync(browser, "/callback/when?day=2026-11-26", ("Slot", Callbacks.CallbackPagesTests.ThursdayTen)))
            .Headers.Location!.OriginalString.ShouldBe("/callback/done");
        foreach (var path in new[] { "/callback/done", "/overview" })
            await AsksTwiceAsync(browser, path);
    }

    [Fact]
    public async Task QuestionPages_AskTheDatabaseTwice()
    {
        var (organisation, _, browser) = await Questions.QuestionPagesTests.OpenAsync(factory);
        await AsksTwiceAsync(browser, "/invoices/F-1/question");
        (await Questions.QuestionPagesTests.AskAsync(browser, "/invoices/F-1/question", "other", "Waarom zo hoog?",
            (Questions.QuestionPagesTests.Pdf, "a.pdf", "application/pdf"))).StatusCode.ShouldBe(HttpStatusCode.SeeOther);
        await AsksTwiceAsync(browser, "/questions");
        await Questions.QuestionPagesTests.ProveAsync(factory, organisation, browser, "/invoices/F-2/dispute");
        await AsksTwiceAsync(browser, "/invoices/F-2/dispute");
    }

    [Fact]
    public async Task CannotPayAndPromisePages_AskTheDatabaseTwice()
    {
        var (_, api, browser) = await Questions.QuestionPagesTests.OpenAsync(factory);
        (await api.PutAsync("/api/v1/promise-settings", ApiJson.Raw("""{"enabled":true}"""))).EnsureSuccessStatusCode();
        foreach (var path in new[] { "/cannot-pay", "/cannot-pay/helper", "/promise" })
            await AsksTwiceAsync(browser, path);
        (await PayJourney.PostFormAsync(browser, "/promise", ("Date", "2026-11-30"))).StatusCode.ShouldBe(HttpStatusCode.SeeOther);
        await AsksTwiceAsync(browser, "/promise");
    }

    [Fact]
    public async Task ContactPages_AskTheDatabaseTwice_BeforeAndAfterTheCode()
    {
        var (organisation, _, browser) = await ContactPagesTests.OpenAsync(factory);
        await AsksTwiceAsync(browser, "/contact");
        await ContactPagesTests.ProveAsync(organisation, browser);
        await AsksTwiceAsync(browser, "/contact");
        (await PayJourney.PostFormAsync(browser, "/contact", ContactPagesTests.Form(email: "nieuw@example.nl")))
            .Headers.Location!.OriginalString.ShouldBe("/contact/confirm");
        await AsksTwiceAsync(browser, "/contact/confirm");
    }

    private async Task AsksTwiceAsync(HttpClient browser, string path)
    {
        (await browser.GetAsync(path)).StatusCode.ShouldBe(HttpStatusCode.OK, path);
        var (response, commands) = await factory.GetCountedAsync(browser, path);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, path);
        commands.Length.ShouldBeLessThanOrEqualTo(2, path + "\n" + string.Join("\n---\n", commands));
    }

    [Fact]
    public async Task ApiRead_OfAnInvoiceWithItsPayments_AsksTwice()
    {
        var (organisation, _) = await OpenAsync("Api Leest");
        var api = factory.CreateApiClient(organisation.ApiKey);
        (await api.GetAsync("/api/v1/invoices/F-1")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var (response, commands) = await factory.GetCountedAsync(api, "/api/v1/invoices/F-1");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        commands.Length.ShouldBe(2, string.Join("\n---\n", commands));
        (await response.Content.ReadAsStringAsync()).ShouldContain("\"payments\":[]");
    }

    [Fact]
    public async Task Overview_InItsOneQuery_ShowsEveryOpenInvoice()
    {
        var (_, browser) = await OpenAsync("Alles In Een");
        await browser.GetAsync("/overview");
        var (response, commands) = await factory.GetCountedAsync(browser, "/overview");
        var page = await Html.ParseAsync(response);

        commands.Length.ShouldBe(2);
        page.QuerySelectorAll(".invoice-list a").Select(a => a.GetAttribute("href")).ShouldBe(["/invoices/F-1", "/invoices/F-2"]);
        page.Text(".summary .lead").ShouldContain("€ 165,50");
    }

    [Fact]
    public async Task BrandChange_ShowsOnTheNextPage_OfEveryNode()
    {
        using var database = new TestDatabase();
        await using var node = new PortalFactory(database);
        await using var otherNode = new PortalFactory(database);
        var organisation = await node.CreateOrganisationAsync("Oude Naam");
        await organisation.AddCustomerAsync("C-1");
        await organisation.AddInvoiceAsync("F-1", "C-1", 12550, new DateOnly(2026, 12, 1));
        var browser = await organisation.OpenAsCustomerAsync("C-1");
        var otherBrowser = await (organisation with { Factory = otherNode }).OpenAsCustomerAsync("C-1");
        foreach (var client in new[] { browser, otherBrowser })
            (await Html.ParseAsync(await client.GetAsync("/overview"))).Text(".brand-bar").ShouldContain("Oude Naam");

        var api = node.CreateApiClient(organisation.ApiKey);
        var profile = await api.GetFromJsonAsync<Dictionary<string, object>>("/api/v1/organisation");
        profile!["name"] = "Nieuwe Naam";
        profile["brandColour"] = "#7A1F1F";
        (await api.PutAsJsonAsync("/api/v1/organisation", profile)).StatusCode.ShouldBe(HttpStatusCode.OK);

        foreach (var client in new[] { browser, otherBrowser })
        {
            var page = await Html.ParseAsync(await client.GetAsync("/overview"));
            page.Text(".brand-bar").ShouldContain("Nieuwe Naam");
            var css = page.QuerySelector("link[href*='brand.css']")!.GetAttribute("href")!;
            (await client.GetStringAsync(css)).ShouldContain("#7A1F1F");
        }
    }

    [Fact]
    public async Task BrandAssets_AskedForWithTheCurrentStamp_AreKeptForAYear()
    {
        var (_, browser) = await OpenAsync("Bewaar Mij");
        var page = await Html.ParseAsync(await browser.GetAsync("/overview"));
        var css = page.QuerySelector("link[href*='brand.css']")!.GetAttribute("href")!;
        css.ShouldContain("?v=");

        var current = await browser.GetAsync(css);
        current.Headers.CacheControl!.ToString().ShouldBe("public, max-age=31536000, immutable");
        var old = await browser.GetAsync(css.Split('?')[0] + "?v=1");
        old.StatusCode.ShouldBe(HttpStatusCode.OK);
        old.Headers.CacheControl!.NoCache.ShouldBeTrue();
    }
}
