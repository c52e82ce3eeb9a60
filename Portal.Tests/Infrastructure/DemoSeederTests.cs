using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
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

    /// <summary>Keeps what the ERP's webhook endpoint receives.</summary>
    private sealed class ErpReceiver : HttpMessageHandler
    {
        public List<string> Bodies { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            var body = await request.Content!.ReadAsStringAsync(ct);
            lock (Bodies) Bodies.Add(body);
            return new HttpResponseMessage(HttpStatusCode.OK);
        }
    }

    /// <summary>
    /// Issue 14's done-criterion for one demo customer, the way she would do it: Sanne de Vries opens her invoices with
    /// the letter code and postcode the demo printed, changes her e-mail address with a code to the old one and one to
    /// the new, disputes the overdue invoice with a PDF and sees its reminders stop, registers her bewindvoerder and asks
    /// to be called back on Thursday 10:00; the ERP learns each from its feed and from its webhook endpoint.
    /// </summary>
    [Fact]
    public async Task TheDemoCustomer_OpensByLetterCode_ChangesHerEmail_Disputes_RegistersABewindvoerder_AndTheErpHearsEach()
    {
        using var database = new TestDatabase();
        await using var node = new DemoNode(database, ConfiguredKey);
        var erp = new ErpReceiver();
        node.ErpWebhookHandler = erp;
        var letter = node.Services.GetRequiredService<DemoLinks>().LetterCode!;
        letter.CustomerName.ShouldBe("Sanne de Vries");
        var api = node.CreateApiClient(ConfiguredKey);
        (await api.PostAsync("/api/v1/webhook-endpoints", ApiJson.Raw("""{"url":"https://203.0.113.10/erp/hook"}"""))).EnsureSuccessStatusCode();
        var organisationId = await node.WithScopeAsync(sp => sp.GetRequiredService<Portal.Infrastructure.Database.PortalDbContext>().Organisations
            .Where(o => o.Name == DemoSeeder.OrganisationName).Select(o => o.Id).SingleAsync());
        var organisation = new TestOrganisation(node, organisationId, ConfiguredKey);

        var browser = node.CreateBrowserClient();
        var opened = await PayJourney.PostFormAsync(browser, "/code", ("Code", letter.Code), ("Postcode", letter.Postcode));
        opened.Headers.Location!.OriginalString.ShouldBe("/overview");
        (await Html.ParseAsync(await browser.GetAsync("/overview"))).QuerySelector("a[href='/invoices/2026-0088']").ShouldNotBeNull();

        await Web.ContactPagesTests.ProveAsync(organisation, browser);
        (await PayJourney.PostFormAsync(browser, "/contact", Web.ContactPagesTests.Form(email: "sanne.nieuw@example.org", language: "nl")))
            .Headers.Location!.OriginalString.ShouldBe("/contact/confirm");
        var code = await node.WithScopeAsync(sp =>
        {
            var message = sp.GetRequiredService<Portal.Infrastructure.Database.PortalDbContext>().Messages
                .Where(m => m.OrganisationId == organisationId && m.Recipient == "sanne.nieuw@example.org").OrderByDescending(m => m.Id).First();
            var text = sp.GetRequiredService<Portal.Infrastructure.Messages.MessageService>().Content(message).Text;
            return Task.FromResult(System.Text.RegularExpressions.Regex.Match(text, @"\b\d{6}\b").Value);
        });
        (await PayJourney.PostFormAsync(browser, "/contact/confirm", ("EmailCode", code))).Headers.Location!.OriginalString.ShouldBe("/contact?saved=true");

        await Questions.QuestionPagesTests.ProveAsync(node, organisation, browser, "/invoices/2026-0088/dispute");
        (await Questions.QuestionPagesTests.AskAsync(browser, "/invoices/2026-0088/dispute", "already-paid", "Betaald op 3 november.",
            (Questions.QuestionPagesTests.Pdf, "bewijs.pdf", "application/pdf"))).StatusCode.ShouldBe(HttpStatusCode.SeeOther);
        var reminder = await api.PostAsJsonAsync("/api/v1/messages", new { customerRef = "C-1001", kind = "reminder", invoiceNumbers = new[] { "2026-0088" } });
        reminder.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await reminder.Content.ReadAsStringAsync()).ShouldContain("paused (reason dispute)");

        (await PayJourney.PostFormAsync(browser, "/cannot-pay/helper", ("Role", "administrator"), ("Name", "J. Jansen"),
            ("HelperOrganisation", "Bewind Noord"), ("Contact", "050 123 4567"))).Headers.Location!.OriginalString.ShouldBe("/cannot-pay?registered=true");

        var amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");
        var thursday = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(node.Services.GetRequiredService<TimeProvider>().GetUtcNow(), amsterdam).DateTime).AddDays(1);
        while (thursday.DayOfWeek != DayOfWeek.Thursday) thursday = thursday.AddDays(1);
        var ten = thursday.ToDateTime(new TimeOnly(10, 0));
        var slot = (ten - amsterdam.GetUtcOffset(ten)).ToString("yyyy-MM-dd'T'HH:mm'Z'", System.Globalization.CultureInfo.InvariantCulture);
        (await PayJourney.PostFormAsync(browser, "/callback", ("Topic", "payment"), ("PhoneChoice", "file"))).StatusCode.ShouldBe(HttpStatusCode.SeeOther);
        (await PayJourney.PostFormAsync(browser, "/callback/when?day=" + thursday.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ("Slot", slot))).Headers.Location!.OriginalString.ShouldBe("/callback/done");

        string[] expected = ["customer.contact_changed", "dispute.opened", "hardship.registered", "callback.requested"];
        var feed = await Arrangements.ArrangementPagesTests.EventsAsync(api);
        foreach (var type in expected)
            feed.Single(e => e.Type == type).Data.GetProperty("customerRef").GetString().ShouldBe("C-1001", type);
        feed.Single(e => e.Type == "customer.contact_changed").Data.GetProperty("email").GetString().ShouldBe("sanne.nieuw@example.org");

        await node.WithScopeAsync(sp => sp.GetRequiredService<Portal.Infrastructure.Events.WebhookDispatcher>().RunAsync());
        var delivered = erp.Bodies.Select(b => System.Text.Json.JsonDocument.Parse(b).RootElement.GetProperty("type").GetString()).ToList();
        delivered.ShouldBeSubsetOf(feed.Select(e => e.Type));
        foreach (var type in expected) delivered.ShouldContain(type);
    }
}
