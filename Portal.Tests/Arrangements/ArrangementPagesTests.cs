using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Messages;
using Portal.Infrastructure.Database;
using Portal.Infrastructure.Messages;
using Portal.Tests.Support;
using Shouldly;

namespace Portal.Tests.Arrangements;

/// <summary>
/// A customer with € 1.250 open sets up a payment plan on their pay link: inside the policy it is agreed at once,
/// outside it a request the organisation answers through the API (approve, reject or a counter-proposal the customer
/// accepts). The clock stands on Sunday 22 November 2026; direct debit on the 1st, 15th and 25th with a lead of 5 days.
/// </summary>
public class ArrangementPagesTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    public const string Policy = """{"enabled":true,"minimumTermAmount":25,"maximumTerms":12,"maximumMonths":12,"maximumTotal":5000,"minimumDownPaymentPercent":0,"noPlanAfterBrokenMonths":6,"approveWithinPolicy":true}""";

    internal static async Task<(TestOrganisation Organisation, HttpClient Api, HttpClient Browser)> OpenAsync(PortalFactory factory, string customerRef = "C-1")
    {
        var organisation = await factory.CreateOrganisationAsync();
        var api = factory.CreateApiClient(organisation.ApiKey);
        (await api.PutAsync("/api/v1/direct-debit-settings", ApiJson.Raw(
            """{"enabled":true,"allowedDays":[1,15,25],"leadBusinessDays":5,"creditorId":"NL57ZZZ999999999999"}"""))).EnsureSuccessStatusCode();
        (await api.PutAsync("/api/v1/arrangement-policy", ApiJson.Raw(Policy))).EnsureSuccessStatusCode();
        (await api.PutJsonAsync($"/api/v1/customers/{customerRef}", new { name = "Sanne de Vries", email = "sanne@example.nl" })).EnsureSuccessStatusCode();
        await organisation.AddInvoiceAsync("F-1", customerRef, 1_000_00, new DateOnly(2026, 11, 10));
        await organisation.AddInvoiceAsync("F-2", customerRef, 250_00, new DateOnly(2026, 12, 10));
        return (organisation, api, await organisation.OpenAsCustomerAsync(customerRef));
    }

    /// <summary>The steps up to the check page: all invoices, then the choice of terms, then how it is paid.</summary>
    internal static async Task ChooseAsync(HttpClient browser, string terms, string? perTerm = null, string way = "directDebit", string day = "25",
        string[]? invoices = null)
    {
        var chosen = (invoices ?? ["F-1", "F-2"]).Select(n => ("Invoices", n)).ToArray();
        (await PayJourney.PostFormAsync(browser, "/plan/invoices", chosen)).Headers.Location!.OriginalString.ShouldBe("/plan/terms");
        (await PayJourney.PostFormAsync(browser, "/plan/terms", ("Choice", terms), ("PerTerm", perTerm ?? ""))).Headers.Location!.OriginalString.ShouldBe("/plan/how");
        var how = await PayJourney.PostFormAsync(browser, "/plan/how", ("Way", way));
        if (way == "directDebit")
        {
            how.Headers.Location!.OriginalString.ShouldBe("/plan/day");
            (await PayJourney.PostFormAsync(browser, "/plan/day", ("Day", day))).Headers.Location!.OriginalString.ShouldBe("/plan/check");
        }
        else how.Headers.Location!.OriginalString.ShouldBe("/plan/check");
    }

    internal static async Task<List<(string Type, JsonElement Data)>> EventsAsync(HttpClient api) =>
        (await (await api.GetAsync("/api/v1/events?limit=1000")).JsonAsync()).GetProperty("items").EnumerateArray()
            .Select(e => (e.GetProperty("type").GetString()!, e.GetProperty("data"))).ToList();

    private Task<(MessageKind Kind, string Text)[]> MessagesAsync(TestOrganisation organisation) => factory.WithScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<PortalDbContext>();
        var service = sp.GetRequiredService<MessageService>();
        return (await db.Messages.AsNoTracking().Where(m => m.OrganisationId == organisation.Id).OrderBy(m => m.Id).ToListAsync())
            .Select(m => (m.Kind, service.Content(m).Text)).ToArray();
    });

    private static string Squash(string text) => Regex.Replace(text, @"\s+", " ").Trim();

    [Fact]
    public async Task InsideThePolicy_TenTermsByDirectDebitOnThe25th_AreAgreedAtOnce_AndTheErpLearnsIt()
    {
        var (organisation, api, browser) = await OpenAsync(factory);
        var overview = await Html.ParseAsync(await browser.GetAsync("/overview"));
        overview.QuerySelector("a[href='/plan']")!.TextContent.ShouldBe("Betaal in delen");

        (await browser.GetAsync("/plan/terms")).Headers.Location!.OriginalString.ShouldBe("/plan/invoices", "a step before its turn leads to the first one");
        await PayJourney.PostFormAsync(browser, "/plan/invoices", ("Invoices", "F-1"), ("Invoices", "F-2"));
        var terms = await Html.ParseAsync(await browser.GetAsync("/plan/terms"));
        terms.QuerySelectorAll("input[name=Choice]").Select(i => i.GetAttribute("value")).ShouldBe([.. Enumerable.Range(2, 11).Select(n => n.ToString()), "other"]);
        Squash(terms.QuerySelector("label[for=terms-8]")!.TextContent).ShouldStartWith("10 delen van € 125,00");

        await ChooseAsync(browser, "10");
        var check = await Html.ParseAsync(await browser.GetAsync("/plan/check"));
        check.QuerySelectorAll("table.schedule tbody tr").Select(r => Squash(r.TextContent)).ShouldBe([
            "Deel 1 28 december 2026 € 125,00", "Deel 2 25 januari 2027 € 125,00", "Deel 3 25 februari 2027 € 125,00", "Deel 4 25 maart 2027 € 125,00",
            "Deel 5 26 april 2027 € 125,00", "Deel 6 25 mei 2027 € 125,00", "Deel 7 25 juni 2027 € 125,00", "Deel 8 26 juli 2027 € 125,00",
            "Deel 9 25 augustus 2027 € 125,00", "Deel 10 27 september 2027 € 125,00"]);
        check.Text("form button").ShouldBe("Akkoord");

        var agreed = await PayJourney.PostFormAsync(browser, "/plan/check");
        agreed.Headers.Location!.OriginalString.ShouldBe("/plan/done");
        var done = await Html.ParseAsync(await browser.GetAsync("/plan/done"));
        done.Text("h1").ShouldBe("Uw betaalregeling is afgesproken");
        done.QuerySelector("a[href='/direct-debit/account']").ShouldNotBeNull("paid by direct debit without a mandate: that comes next");

        var events = await EventsAsync(api);
        var created = events.Single(e => e.Type == "arrangement.created").Data;
        created.GetProperty("status").GetString().ShouldBe("active");
        created.GetProperty("total").GetDecimal().ShouldBe(1250m);
        created.GetProperty("paidBy").GetString().ShouldBe("directDebit");
        created.GetProperty("invoiceNumbers").EnumerateArray().Select(n => n.GetString()).ShouldBe(["F-1", "F-2"]);

        var list = await (await api.GetAsync("/api/v1/arrangements?customerRef=C-1&status=active")).JsonAsync();
        var plan = list.GetProperty("items").EnumerateArray().Single();
        plan.GetProperty("terms").GetArrayLength().ShouldBe(10);
        plan.GetProperty("terms")[0].GetProperty("dueDate").GetString().ShouldBe("2026-12-28");
        plan.GetProperty("terms")[0].GetProperty("status").GetString().ShouldBe("planned");
        var one = await (await api.GetAsync($"/api/v1/arrangements/{plan.GetProperty("id").GetString()}")).JsonAsync();
        one.GetProperty("collectionDay").GetInt32().ShouldBe(25);

        // The invoices are paused: the ERP sees why, and a reminder asked for them is skipped with that reason.
        var invoice = await (await api.GetAsync("/api/v1/invoices/F-1")).JsonAsync();
        invoice.GetProperty("pause").GetProperty("reason").GetString().ShouldBe("arrangement");
        var reminder = await api.PostAsJsonAsync("/api/v1/messages", new { customerRef = "C-1", kind = "reminder", invoiceNumbers = new[] { "F-1" } });
        reminder.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await reminder.Content.ReadAsStringAsync()).ShouldContain("paused (reason arrangement)");

        var messages = await MessagesAsync(organisation);
        var confirmation = messages.Single(m => m.Kind == MessageKind.ArrangementConfirmation).Text;
        confirmation.ShouldContain("U betaalt € 1.250,00 in delen.");
        confirmation.ShouldContain("28 december 2026: € 125,00");
        confirmation.ShouldContain("/p/");

        // The agreement is kept as evidence, and the audit trail holds its digest.
        var (evidence, audited) = await factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<PortalDbContext>();
            var stored = await db.Arrangements.AsNoTracking().SingleAsync(a => a.OrganisationId == organisation.Id);
            var record = await db.AuditRecords.AsNoTracking().SingleAsync(r => r.OrganisationId == organisation.Id && r.Action == "arrangement.created");
            return (stored.Evidence, record.Outcome);
        });
        evidence.ShouldContain("Deel 10: 27 september 2027, € 125,00");
        evidence.ShouldContain("Dit plan past in onze regels.");
        audited.ShouldBe("evidence sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(evidence))));

        var page = await Html.ParseAsync(await browser.GetAsync("/plan"));
        page.Text("h1").ShouldBe("Uw betaalregeling");
        page.Text(".lead").ShouldBe("U heeft 0 van de 10 delen betaald.");
        (await Html.ParseAsync(await browser.GetAsync("/overview"))).Text(".plan-note p").ShouldStartWith("U betaalt in delen. Het volgende deel is € 125,00 op 28 december 2026.");
        (await browser.GetAsync("/plan/invoices")).Headers.Location!.OriginalString.ShouldBe("/plan", "one plan at a time");
    }

    [Fact]
    public async Task APayLinkOrReminder_WhereItSaysCallUs_AlsoOffersAPlan_WhoseLinkOpensItsFirstStep_AndNotWhenPlansAreOff()
    {
        var (organisation, api, _) = await OpenAsync(factory);
        (await api.PostAsJsonAsync("/api/v1/messages", new { customerRef = "C-1", kind = "reminder" })).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var text = (await MessagesAsync(organisation)).Single(m => m.Kind == MessageKind.Reminder).Text;
        text.ShouldContain("Bel ons op");
        var offer = Regex.Match(text, @"Of betaal in delen\. Dat regelt u hier zelf:\n(\S+/p/\S+\?to=plan)\n");
        offer.Success.ShouldBeTrue(text);

        var browser = factory.CreateBrowserClient();
        var opened = await browser.GetAsync(new Uri(offer.Groups[1].Value).PathAndQuery);
        opened.Headers.Location!.OriginalString.ShouldBe("/plan");
        (await browser.GetAsync("/plan")).Headers.Location!.OriginalString.ShouldBe("/plan/invoices");

        (await api.PutAsync("/api/v1/arrangement-policy", ApiJson.Raw(Policy.Replace("\"enabled\":true", "\"enabled\":false")))).EnsureSuccessStatusCode();
        (await api.PostAsJsonAsync("/api/v1/messages", new { customerRef = "C-1", kind = "pay-link" })).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var off = (await MessagesAsync(organisation)).Single(m => m.Kind == MessageKind.PayLink).Text;
        off.ShouldContain("Bel ons op");
        off.ShouldNotContain("in delen");
        off.ShouldNotContain("?to=plan");
    }

    [Fact]
    public async Task OutsideThePolicy_ItIsARequest_TheOrganisationApproves_AndTheCustomerIsTold()
    {
        var (organisation, api, browser) = await OpenAsync(factory);
        await ChooseAsync(browser, "other", "50", way: "payLink");
        var check = await Html.ParseAsync(await browser.GetAsync("/plan/check"));
        check.QuerySelectorAll("table.schedule tbody tr").Length.ShouldBe(25);
        check.Text("[data-plan-decision=request] li").ShouldBe("U kunt in hoogstens 12 delen betalen. Een regeling duurt hoogstens 12 maanden.");
        check.Text("form button").ShouldBe("Vraag dit plan aan");
        (await PayJourney.PostFormAsync(browser, "/plan/check")).Headers.Location!.OriginalString.ShouldBe("/plan/done");
        (await Html.ParseAsync(await browser.GetAsync("/plan/done"))).Text("h1").ShouldBe("We hebben uw vraag gekregen");

        var requested = (await EventsAsync(api)).Single(e => e.Type == "arrangement.requested").Data;
        requested.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()).ShouldBe(["tooManyTerms", "tooManyMonths"]);
        var id = requested.GetProperty("arrangementId").GetString();
        (await MessagesAsync(organisation)).Select(m => m.Kind).ShouldContain(MessageKind.ArrangementRequested);
        (await (await api.GetAsync("/api/v1/invoices/F-2")).JsonAsync()).GetProperty("pause").GetProperty("reason").GetString().ShouldBe("arrangement");

        var approved = await api.PostAsync($"/api/v1/arrangements/{id}/approve", null);
        approved.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await approved.JsonAsync()).GetProperty("status").GetString().ShouldBe("active");
        (await api.PostAsync($"/api/v1/arrangements/{id}/approve", null)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await EventsAsync(api)).ShouldContain(e => e.Type == "arrangement.created" && e.Data.GetProperty("arrangementId").GetString() == id);
        (await MessagesAsync(organisation)).Select(m => m.Kind).ShouldContain(MessageKind.ArrangementConfirmation);
        (await Html.ParseAsync(await browser.GetAsync("/plan"))).Text("h1").ShouldBe("Uw betaalregeling");
    }

    [Fact]
    public async Task ACounterProposal_IsAcceptedOnThePayLink_AndARejectionSaysWhy()
    {
        var (organisation, api, browser) = await OpenAsync(factory);
        await ChooseAsync(browser, "other", "40", way: "payLink");
        (await PayJourney.PostFormAsync(browser, "/plan/check")).Headers.Location!.OriginalString.ShouldBe("/plan/done");
        var id = (await EventsAsync(api)).Single(e => e.Type == "arrangement.requested").Data.GetProperty("arrangementId").GetString();

        var wrong = await api.PostAsJsonAsync($"/api/v1/arrangements/{id}/counter-proposal", new { terms = new[] { new { dueDate = "2027-01-04", amount = 100m } } });
        wrong.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await wrong.JsonAsync()).GetProperty("errors").GetProperty("terms")[0].GetString()!.ShouldContain("total is 1250.00");
        var terms = Enumerable.Range(0, 5).Select(i => new { dueDate = new DateOnly(2027, 1 + i, 5).ToString("yyyy-MM-dd"), amount = 250m }).ToArray();
        (await api.PostAsJsonAsync($"/api/v1/arrangements/{id}/counter-proposal", new { terms, reason = "Vijf delen van € 250 kan wel." }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        (await MessagesAsync(organisation)).Single(m => m.Kind == MessageKind.ArrangementCounterProposal).Text.ShouldContain("5 januari 2027: € 250,00");

        var page = await Html.ParseAsync(await browser.GetAsync("/plan"));
        page.Text("h1").ShouldBe("Wij doen u een ander voorstel");
        page.Text(".quote").ShouldBe("Vijf delen van € 250 kan wel.");
        (await PayJourney.PostFormAsync(browser, "/plan?handler=Accept")).Headers.Location!.OriginalString.ShouldBe("/plan/done");
        var accepted = await (await api.GetAsync($"/api/v1/arrangements/{id}")).JsonAsync();
        accepted.GetProperty("status").GetString().ShouldBe("active");
        accepted.GetProperty("terms").GetArrayLength().ShouldBe(5);

        // Another customer asks for a plan; the organisation says no, and the customer reads why.
        var (other, otherApi, otherBrowser) = await OpenAsync(factory, "C-2");
        await ChooseAsync(otherBrowser, "other", "40", way: "payLink");
        await PayJourney.PostFormAsync(otherBrowser, "/plan/check");
        var otherId = (await EventsAsync(otherApi)).Single(e => e.Type == "arrangement.requested").Data.GetProperty("arrangementId").GetString();
        (await api.PostAsync($"/api/v1/arrangements/{otherId}/approve", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound, "another organisation's plan");
        (await otherApi.PostAsJsonAsync($"/api/v1/arrangements/{otherId}/reject", new { reason = "" })).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await otherApi.PostAsJsonAsync($"/api/v1/arrangements/{otherId}/reject", new { reason = "Wij hebben eerst een gesprek nodig." })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var rejected = await Html.ParseAsync(await otherBrowser.GetAsync("/plan"));
        rejected.Text("h1").ShouldBe("Uw betaalregeling kan niet");
        rejected.Text(".quote").ShouldBe("Wij hebben eerst een gesprek nodig.");
        (await MessagesAsync(other)).Single(m => m.Kind == MessageKind.ArrangementRejected).Text.ShouldContain("Dit is de reden: Wij hebben eerst een gesprek nodig.");
        (await (await otherApi.GetAsync("/api/v1/invoices/F-1")).JsonAsync()).GetProperty("pause").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task TheCustomerPaysTheNextTermEarly_ThenTheRestAtOnce_AndAnotherCustomerSeesNoneOfIt()
    {
        var (organisation, api, browser) = await OpenAsync(factory);
        await ChooseAsync(browser, "10", way: "payLink");
        (await PayJourney.PostFormAsync(browser, "/plan/check")).Headers.Location!.OriginalString.ShouldBe("/plan/done");

        var early = await PayJourney.PostFormAsync(browser, "/plan?handler=Pay", ("What", "next"));
        early.StatusCode.ShouldBe(HttpStatusCode.SeeOther);
        (await browser.GetAsync(await PayJourney.ChooseAtCheckoutAsync(browser, early.Headers.Location!, "paid"))).EnsureSuccessStatusCode();
        (await EventsAsync(api)).Where(e => e.Type == "instalment.paid").Select(e => e.Data.GetProperty("number").GetInt32()).ShouldBe([1]);
        var plan = (await (await api.GetAsync("/api/v1/arrangements?customerRef=C-1")).JsonAsync()).GetProperty("items")[0];
        plan.GetProperty("amountPaid").GetDecimal().ShouldBe(125m, "the term, not the minimum part or the whole");
        (await Html.ParseAsync(await browser.GetAsync("/plan"))).Text(".lead").ShouldBe("U heeft 1 van de 10 delen betaald.");

        var rest = await PayJourney.PostFormAsync(browser, "/plan?handler=Pay", ("What", "rest"));
        (await browser.GetAsync(await PayJourney.ChooseAtCheckoutAsync(browser, rest.Headers.Location!, "paid"))).EnsureSuccessStatusCode();
        var events = await EventsAsync(api);
        events.Count(e => e.Type == "instalment.paid").ShouldBe(10);
        events.Single(e => e.Type == "arrangement.completed").Data.GetProperty("status").GetString().ShouldBe("completed");
        (await Html.ParseAsync(await browser.GetAsync("/plan"))).Text("h1").ShouldBe("Uw betaalregeling is klaar");

        // Another customer of the same organisation: their pages know nothing of this plan.
        await organisation.AddCustomerAsync("C-9");
        await organisation.AddInvoiceAsync("F-9", "C-9", 300_00, new DateOnly(2026, 12, 1));
        var other = await organisation.OpenAsCustomerAsync("C-9");
        (await other.GetAsync("/plan")).Headers.Location!.OriginalString.ShouldBe("/plan/invoices");
        (await Html.ParseAsync(await other.GetAsync("/overview"))).QuerySelector(".plan-note").ShouldBeNull();
    }

    [Theory]
    [InlineData("""{"enabled":true,"minimumTermAmount":0,"maximumTerms":12,"maximumMonths":12,"maximumTotal":5000,"minimumDownPaymentPercent":0,"noPlanAfterBrokenMonths":6,"approveWithinPolicy":true}""", "minimumTermAmount")]
    [InlineData("""{"enabled":true,"minimumTermAmount":25,"maximumTerms":1,"maximumMonths":12,"maximumTotal":5000,"minimumDownPaymentPercent":0,"noPlanAfterBrokenMonths":6,"approveWithinPolicy":true}""", "maximumTerms")]
    [InlineData("""{"enabled":true,"minimumTermAmount":25,"maximumTerms":12,"maximumMonths":12,"maximumTotal":5000,"minimumDownPaymentPercent":95,"noPlanAfterBrokenMonths":6,"approveWithinPolicy":true}""", "minimumDownPaymentPercent")]
    [InlineData("""{"enabled":true,"minimumTermAmount":25,"maximumTerms":12,"maximumMonths":12,"maximumTotal":5000,"minimumDownPaymentPercent":0,"noPlanAfterBrokenMonths":6}""", "approveWithinPolicy")]
    public async Task APolicyThatBreaksARule_Is422NamingTheField_AndChangesNothing(string body, string field)
    {
        var organisation = await factory.CreateOrganisationAsync();
        var api = factory.CreateApiClient(organisation.ApiKey);
        var response = await api.PutAsync("/api/v1/arrangement-policy", ApiJson.Raw(body));
        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await response.JsonAsync()).GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue();
        (await (await api.GetAsync("/api/v1/arrangement-policy")).JsonAsync()).GetProperty("enabled").GetBoolean().ShouldBeFalse();
    }
}
