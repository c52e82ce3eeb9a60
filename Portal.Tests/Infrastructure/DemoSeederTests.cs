using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Portal.Infrastructure.Demo;
using Portal.Tests.Support;
using Shouldly;

namespace Portal.Tests.Infrastructure;

/// <summary>The demo organisation's key across restarts: whatever the settings, the next start comes up.</summary>
public class DemoSeederTests
{
    private const string ConfiguredKey = "pk_demo_configured_0123456789abcdef";

    /// <summary>One start of the app on a database that outlives it, seeding the demo, with or without a fixed key.</summary>
    private sealed class DemoNode(TestDatabase database, string? apiKey) : PortalFactory(database)
    {
        protected override IEnumerable<(string Key, string Value)> Settings =>
            apiKey is null ? [("Portal:Demo:Seed", "true")] : [("Portal:Demo:Seed", "true"), ("Portal:Demo:ApiKey", apiKey)];
    }

    private static async Task<HttpStatusCode> CallApiAsync(PortalFactory node, string key) =>
        (await node.CreateApiClient(key).GetAsync("/api/v1/invoices")).StatusCode;

    [Fact]
    public async Task Restart_WithConfiguredKey_ThenWithout_ThenWithAgain_ComesUpAndOnlyTheConfiguredKeyWorks()
    {
        using var database = new TestDatabase();
        await using (var first = new DemoNode(database, ConfiguredKey))
            (await CallApiAsync(first, ConfiguredKey)).ShouldBe(HttpStatusCode.OK);

        string randomKey;
        await using (var second = new DemoNode(database, null))
        {
            randomKey = second.Services.GetRequiredService<DemoLinks>().ApiKey!;
            randomKey.ShouldNotBe(ConfiguredKey);
            (await CallApiAsync(second, randomKey)).ShouldBe(HttpStatusCode.OK);
            (await CallApiAsync(second, ConfiguredKey)).ShouldBe(HttpStatusCode.Unauthorized);
        }

        await using var third = new DemoNode(database, ConfiguredKey);
        (await CallApiAsync(third, ConfiguredKey)).ShouldBe(HttpStatusCode.OK);
        third.Services.GetRequiredService<DemoLinks>().ApiKey.ShouldBe(ConfiguredKey);
        (await CallApiAsync(third, randomKey)).ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task EveryStart_ReusesTheDemoCustomersLinks_AndIssuesNoneForCustomersTheErpPushed()
    {
        using var database = new TestDatabase();
        IReadOnlyList<DemoLinks.Link> firstLinks;
        await using (var first = new DemoNode(database, ConfiguredKey))
        {
            firstLinks = first.Services.GetRequiredService<DemoLinks>().Links;
            firstLinks.Count.ShouldBe(4);
            (await first.CreateApiClient(ConfiguredKey).PutJsonAsync("/api/v1/customers/ERP-1", new { name = "Klant van het ERP" }))
                .StatusCode.ShouldBe(HttpStatusCode.Created);
        }
        await using var second = new DemoNode(database, ConfiguredKey);
        second.Services.GetRequiredService<DemoLinks>().Links.Select(l => l.Path).ShouldBe(firstLinks.Select(l => l.Path));
        var links = await second.WithScopeAsync(sp => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(
            sp.GetRequiredService<Portal.Infrastructure.Database.PortalDbContext>().PayLinks));
        links.ShouldBe(4);
        var open = await second.CreateBrowserClient().GetAsync(firstLinks[0].Path);
        open.StatusCode.ShouldBe(HttpStatusCode.SeeOther);
    }

    /// <summary>
    /// Issue 13's done-criterion on the demo itself: its customer with € 1.250 open sets up ten monthly terms by direct
    /// debit on the 25th and hears at once that it is agreed; the ERP learns it through the demo key. (The collection,
    /// the missed term and the break on the sandbox's clock are lived through in Chromium by PaymentPlanJourneyTests.)
    /// </summary>
    [Fact]
    public async Task TheDemoCustomerWithTwelveHundredFiftyOpen_AgreesTenTermsOnThe25th_AtOnce()
    {
        using var database = new TestDatabase();
        await using var node = new DemoNode(database, ConfiguredKey);
        var link = node.Services.GetRequiredService<DemoLinks>().Links.Single(l => l.CustomerName == "Daan Bakker");
        var browser = node.CreateBrowserClient();
        (await browser.GetAsync(link.Path)).StatusCode.ShouldBe(HttpStatusCode.SeeOther);
        var overview = await Html.ParseAsync(await browser.GetAsync("/overview"));
        overview.Text(".summary .lead").ShouldContain("€ 1.250,00");
        overview.QuerySelector("a[href='/plan']")!.TextContent.ShouldBe("Betaal in delen");

        await Arrangements.ArrangementPagesTests.ChooseAsync(browser, "10", invoices: ["2026-0090"]);
        var check = await Html.ParseAsync(await browser.GetAsync("/plan/check"));
        check.QuerySelectorAll("table.schedule tbody tr").Length.ShouldBe(10);
        check.QuerySelectorAll("table.schedule tbody tr").ShouldAllBe(r => r.TextContent.Contains("€ 125,00"));
        (await PayJourney.PostFormAsync(browser, "/plan/check")).Headers.Location!.OriginalString.ShouldBe("/plan/done");
        (await Html.ParseAsync(await browser.GetAsync("/plan/done"))).Text("h1").ShouldBe("Uw betaalregeling is afgesproken");

        var api = node.CreateApiClient(ConfiguredKey);
        var events = await Arrangements.ArrangementPagesTests.EventsAsync(api);
        events.Single(e => e.Type == "arrangement.created").Data.GetProperty("customerRef").GetString().ShouldBe("C-1004");
        var plan = (await (await api.GetAsync("/api/v1/arrangements?customerRef=C-1004")).JsonAsync()).GetProperty("items").EnumerateArray().Single();
        plan.GetProperty("status").GetString().ShouldBe("active");
        plan.GetProperty("terms").GetArrayLength().ShouldBe(10);
        foreach (var term in plan.GetProperty("terms").EnumerateArray())
            DateOnly.ParseExact(term.GetProperty("dueDate").GetString()!, "yyyy-MM-dd").Day.ShouldBeInRange(25, 31, "on the 25th or the business day after it");
    }

    /// <summary>
    /// Issue 14's first done-criterion on the demo: two of its customers take the two places of next Thursday 10:00–10:30
    /// and a third, who had the same page open, is refused the last one and shown the times still free; the ERP hears both.
    /// </summary>
    [Fact]
    public async Task TwoDemoCustomers_TakeNextThursdayTen_AndAThirdIsRefusedTheLastPlace()
    {
        using var database = new TestDatabase();
        await using var node = new DemoNode(database, ConfiguredKey);
        var links = node.Services.GetRequiredService<DemoLinks>().Links;
        var amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(node.Services.GetRequiredService<TimeProvider>().GetUtcNow(), amsterdam).DateTime);
        var thursday = today.AddDays(1);
        while (thursday.DayOfWeek != DayOfWeek.Thursday) thursday = thursday.AddDays(1);
        var ten = thursday.ToDateTime(new TimeOnly(10, 0));
        var slot = (ten - amsterdam.GetUtcOffset(ten)).ToString("yyyy-MM-dd'T'HH:mm'Z'", System.Globalization.CultureInfo.InvariantCulture);
        var day = "/callback/when?day=" + thursday.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var browsers = new List<HttpClient>();
        foreach (var name in new[] { "Sanne de Vries", "John Smith", "Fatma Yilmaz" })
        {
            var browser = node.CreateBrowserClient();
            (await browser.GetAsync(links.Single(l => l.CustomerName == name).Path)).StatusCode.ShouldBe(HttpStatusCode.SeeOther);
            (await PayJourney.PostFormAsync(browser, "/callback", ("Topic", "payment"), ("PhoneChoice", "file"))).StatusCode.ShouldBe(HttpStatusCode.SeeOther);
            (await Html.ParseAsync(await browser.GetAsync(day))).QuerySelectorAll("input[name=Slot]").Select(i => i.GetAttribute("value")).ShouldContain(slot);
            browsers.Add(browser);
        }
        // The third has the page with the slot open while the other two book it.
        var third = await Html.ParseAsync(await browsers[2].GetAsync(day));
        (await PayJourney.PostFormAsync(browsers[0], day, ("Slot", slot))).Headers.Location!.OriginalString.ShouldBe("/callback/done");
        (await PayJourney.PostFormAsync(browsers[1], day, ("Slot", slot))).Headers.Location!.OriginalString.ShouldBe("/callback/done");
        var token = third.QuerySelector("form#times input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var refused = await browsers[2].PostAsync("/callback/when", new FormUrlEncodedContent(
            [new("__RequestVerificationToken", token), new("Day", thursday.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)), new("Slot", slot)]));
        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await Html.ParseAsync(refused);
        page.Text(".error-summary a").ShouldBe("Deze tijd is net vol. Kies een andere tijd.");
        page.QuerySelectorAll("input[name=Slot]").Select(i => i.GetAttribute("value")).ShouldNotContain(slot);

        var api = node.CreateApiClient(ConfiguredKey);
        var events = await Arrangements.ArrangementPagesTests.EventsAsync(api);
        events.Where(e => e.Type == "callback.requested").Select(e => e.Data.GetProperty("customerRef").GetString()).ShouldBe(["C-1001", "C-1002"], ignoreOrder: true);
    }
}
