using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Callbacks;
using Portal.Domain.Messages;
using Portal.Infrastructure.Callbacks;
using Portal.Infrastructure.Customers;
using Portal.Infrastructure.Database;
using Portal.Infrastructure.Messages;
using Portal.Tests.Arrangements;
using Portal.Tests.Support;
using Shouldly;

namespace Portal.Tests.Callbacks;

/// <summary>
/// "Bel mij terug": a customer books one of the organisation's slots on their pay link, moves or cancels it, and the
/// organisation works from the list. The clock stands on Sunday 22 November 2026, 10:00 in Amsterdam; the organisation
/// calls on weekdays 09:00–17:00 in half hours, two customers per slot, booked two hours ahead.
/// </summary>
public class CallbackPagesTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    public const string Settings = """
        {"openingHours":{"monday":[{"from":"09:00","to":"17:00"}],"tuesday":[{"from":"09:00","to":"17:00"}],"wednesday":[{"from":"09:00","to":"17:00"}],
         "thursday":[{"from":"09:00","to":"12:00"},{"from":"13:00","to":"17:00"}],"friday":[{"from":"09:00","to":"17:00"}]},
         "slotMinutes":30,"capacityPerSlot":2,"leadMinutes":120,"closedDates":["2026-11-24"],"timeZone":"Europe/Amsterdam"}
        """;

    /// <summary>Thursday 26 November 2026, 10:00–10:30 in Amsterdam, as the time page posts it (UTC).</summary>
    public const string ThursdayTen = "2026-11-26T09:00Z";

    internal static async Task<(TestOrganisation Organisation, HttpClient Api)> OrganisationAsync(PortalFactory factory)
    {
        var organisation = await factory.CreateOrganisationAsync();
        var api = factory.CreateApiClient(organisation.ApiKey);
        (await api.PutAsync("/api/v1/callback-settings", ApiJson.Raw(Settings))).EnsureSuccessStatusCode();
        return (organisation, api);
    }

    internal static async Task<HttpClient> CustomerAsync(TestOrganisation organisation, HttpClient api, string customerRef, string phone = "+31611223344")
    {
        (await api.PutJsonAsync($"/api/v1/customers/{customerRef}", new { name = "Sanne de Vries", email = "sanne@example.nl", phone })).EnsureSuccessStatusCode();
        await organisation.AddInvoiceAsync("F-" + customerRef, customerRef, 120_00, new DateOnly(2026, 11, 10));
        return await organisation.OpenAsCustomerAsync(customerRef);
    }

    internal static async Task<HttpResponseMessage> BookAsync(HttpClient browser, string slot = ThursdayTen, string topic = "payment", string phone = "file",
        string otherPhone = "", string language = "")
    {
        (await PayJourney.PostFormAsync(browser, "/callback", ("Topic", topic), ("PhoneChoice", phone), ("OtherPhone", otherPhone), ("Language", language)))
            .Headers.Location!.OriginalString.ShouldBe("/callback/when");
        return await PayJourney.PostFormAsync(browser, "/callback/when?day=" + slot[..10], ("Slot", slot));
    }

    private static async Task<HttpResponseMessage> CancelAsync(HttpClient browser)
    {
        var page = await Html.ParseAsync(await browser.GetAsync("/callback/done"));
        var token = page.QuerySelector("form[action*=Cancel] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        return await browser.PostAsync("/callback/done?handler=Cancel", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
    }

    private static async Task<JsonElement[]> ListAsync(HttpClient api, string query = "") =>
        [.. (await (await api.GetAsync("/api/v1/callback-requests" + query)).JsonAsync()).GetProperty("items").EnumerateArray()];

    [Fact]
    public async Task ACustomer_BooksThursdayTenOnTheNumberOnFile_SeesItConfirmed_AndTheErpGetsItWithTheNumberInFull()
    {
        var (organisation, api) = await OrganisationAsync(factory);
        var browser = await CustomerAsync(organisation, api, "C-1");

        var overview = await Html.ParseAsync(await browser.GetAsync("/overview"));
        overview.QuerySelector("aside.help a[href='/callback']")!.TextContent.ShouldBe("Bel mij terug");

        var form = await Html.ParseAsync(await browser.GetAsync("/callback"));
        form.QuerySelector("label[for=phone-file]")!.TextContent.ShouldContain("06-••••3344");
        form.QuerySelector("body")!.TextContent.ShouldNotContain("1122", Case.Sensitive, "the number on file is shown masked");
        form.QuerySelectorAll("input[name=Topic]").Select(i => i.GetAttribute("value")).ShouldBe(["payment", "payment-plan", "invoice", "other"]);

        var empty = await PayJourney.PostFormAsync(browser, "/callback", ("PhoneChoice", "other"), ("OtherPhone", "12"));
        empty.StatusCode.ShouldBe(HttpStatusCode.OK);
        var errors = await Html.ParseAsync(empty);
        errors.QuerySelectorAll(".error-summary a").Select(a => a.TextContent).ShouldBe(
            ["Kies waar u over wilt praten.", "Dit nummer klopt niet. Vul een nummer in zoals 06 12345678."]);

        (await PayJourney.PostFormAsync(browser, "/callback", ("Topic", "payment-plan"), ("PhoneChoice", "file"), ("Language", "tr")))
            .Headers.Location!.OriginalString.ShouldBe("/callback/when");
        var days = await Html.ParseAsync(await browser.GetAsync("/callback/when"));
        days.QuerySelectorAll(".day-list a").Select(a => a.TextContent).Take(4).ShouldBe(
            ["maandag 23 november", "woensdag 25 november", "donderdag 26 november", "vrijdag 27 november"], "Tuesday the 24th is closed");
        var times = await Html.ParseAsync(await browser.GetAsync("/callback/when?day=2026-11-26"));
        var labels = times.QuerySelectorAll("input[name=Slot] + label").Select(l => l.TextContent).ToList();
        labels.Count.ShouldBe(14, "09:00–12:00 and 13:00–17:00");
        labels[2].ShouldBe("Tussen 10:00 en 10:30");
        labels.ShouldNotContain("Tussen 12:00 en 12:30");

        var booked = await PayJourney.PostFormAsync(browser, "/callback/when?day=2026-11-26", ("Slot", ThursdayTen));
        booked.Headers.Location!.OriginalString.ShouldBe("/callback/done");
        var done = await Html.ParseAsync(await browser.GetAsync("/callback/done"));
        done.QuerySelector("h1")!.TextContent.ShouldBe("Wij bellen u terug");
        done.QuerySelector(".lead")!.TextContent.Trim().ShouldBe("Wij bellen u op donderdag 26 november, tussen 10:00 en 10:30.");
        done.QuerySelector(".check-answers")!.TextContent.ShouldContain("Türkçe");
        (await browser.GetAsync("/callback")).Headers.Location!.OriginalString.ShouldBe("/callback/done", "one call-back at a time");

        var item = (await ListAsync(api)).Single();
        item.GetProperty("customerRef").GetString().ShouldBe("C-1");
        item.GetProperty("status").GetString().ShouldBe("requested");
        item.GetProperty("topic").GetString().ShouldBe("payment-plan");
        item.GetProperty("phone").GetString().ShouldBe("+31611223344");
        item.GetProperty("language").GetString().ShouldBe("tr");
        item.GetProperty("slot").GetProperty("start").GetString().ShouldBe("2026-11-26T10:00:00+01:00");
        item.GetProperty("slot").GetProperty("end").GetString().ShouldBe("2026-11-26T10:30:00+01:00");

        var events = await ArrangementPagesTests.EventsAsync(api);
        var requested = events.Single(e => e.Type == "callback.requested").Data;
        requested.GetProperty("phone").GetString().ShouldBe("+31611223344");
        requested.GetProperty("slotStart").GetString().ShouldBe("2026-11-26T10:00:00+01:00");

        var message = await factory.WithScopeAsync(async sp =>
        {
            var m = await sp.GetRequiredService<PortalDbContext>().Messages.AsNoTracking()
                .SingleAsync(m => m.OrganisationId == organisation.Id && m.Kind == MessageKind.CallbackConfirmation);
            return sp.GetRequiredService<MessageService>().Content(m).Text;
        });
        message.ShouldContain("Wij bellen u op 26 november 2026, tussen 10:00–10:30.");

        factory.LogLines.ShouldNotContain(l => l.Contains("611223344") || l.Contains("201234567"), "no phone number in a log line");
    }

    [Fact]
    public async Task FiftyCustomers_TakingTheLastPlaceOfASlotAtOnce_OnlyOneGetsIt()
    {
        var (organisation, api) = await OrganisationAsync(factory);
        var first = await CustomerAsync(organisation, api, "FIRST");
        (await BookAsync(first)).Headers.Location!.OriginalString.ShouldBe("/callback/done");

        var refs = Enumerable.Range(1, 50).Select(i => $"RUSH-{i}").ToList();
        foreach (var customerRef in refs)
            (await api.PutJsonAsync($"/api/v1/customers/{customerRef}", new { name = "Klant " + customerRef, phone = "+31612345678" })).EnsureSuccessStatusCode();
        var ids = await factory.WithScopeAsync(sp => sp.GetRequiredService<PortalDbContext>().Customers
            .Where(c => c.OrganisationId == organisation.Id && refs.Contains(c.CustomerRef)).Select(c => c.Id).ToListAsync());
        var start = new DateTime(2026, 11, 26, 9, 0, 0, DateTimeKind.Utc);

        var outcomes = await Task.WhenAll(ids.Select(id => Task.Run(() => factory.WithScopeAsync(async sp =>
            (await sp.GetRequiredService<CallbackService>().BookAsync(new CustomerScope(organisation.Id, id, null, "test"), CallbackTopic.Payment,
                "+31612345678", null, start)).Outcome))));

        outcomes.Count(o => o == CallbackService.Outcome.Booked).ShouldBe(1);
        outcomes.Count(o => o == CallbackService.Outcome.Full).ShouldBe(49);
        (await ListAsync(api, "?status=requested&from=2026-11-26T10:00:00%2B01:00&to=2026-11-26T10:30:00%2B01:00")).Length.ShouldBe(2);

        // A customer who opens the time page now is not offered it; one who had it open is told it is full.
        var late = await CustomerAsync(organisation, api, "LATE");
        (await PayJourney.PostFormAsync(late, "/callback", ("Topic", "other"), ("PhoneChoice", "file"))).StatusCode.ShouldBe(HttpStatusCode.SeeOther);
        var times = await Html.ParseAsync(await late.GetAsync("/callback/when?day=2026-11-26"));
        times.QuerySelectorAll("input[name=Slot]").Select(i => i.GetAttribute("value")).ShouldNotContain(ThursdayTen);
        var refused = await PayJourney.PostFormAsync(late, "/callback/when?day=2026-11-26", ("Slot", ThursdayTen));
        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Html.ParseAsync(refused)).QuerySelector(".error-summary a")!.TextContent.ShouldBe("Deze tijd is net vol. Kies een andere tijd.");
    }

    [Fact]
    public async Task MovingACallback_FreesItsPlace_CancellingEndsIt_AndTheErpHearsBoth_WhileAnotherCustomerSeesNoneOfIt()
    {
        var (organisation, api) = await OrganisationAsync(factory);
        var sanne = await CustomerAsync(organisation, api, "C-1");
        var other = await CustomerAsync(organisation, api, "C-2", phone: "+31687654321");
        (await BookAsync(sanne, phone: "other", otherPhone: "020 123 4567")).Headers.Location!.OriginalString.ShouldBe("/callback/done");
        (await BookAsync(other)).Headers.Location!.OriginalString.ShouldBe("/callback/done");

        // Sanne moves to Friday 14:00; her Thursday place is free again.
        var friday = await Html.ParseAsync(await sanne.GetAsync("/callback/when?day=2026-11-27"));
        friday.QuerySelector(".lead")!.TextContent.ShouldContain("donderdag 26 november, tussen 10:00 en 10:30");
        (await PayJourney.PostFormAsync(sanne, "/callback/when?day=2026-11-27", ("Slot", "2026-11-27T13:00Z"))).Headers.Location!.OriginalString.ShouldBe("/callback/done");
        var thursday = await ListAsync(api, "?status=requested&from=2026-11-26&to=2026-11-27");
        thursday.Select(c => c.GetProperty("customerRef").GetString()).ShouldBe(["C-2"]);

        var mine = (await ListAsync(api)).Single(c => c.GetProperty("customerRef").GetString() == "C-1");
        mine.GetProperty("phone").GetString().ShouldBe("+31201234567");
        mine.GetProperty("slot").GetProperty("start").GetString().ShouldBe("2026-11-27T14:00:00+01:00");

        (await CancelAsync(sanne)).Headers.Location!.OriginalString.ShouldBe("/callback/done?cancelled=true");
        (await Html.ParseAsync(await sanne.GetAsync("/callback/done?cancelled=true"))).QuerySelector("h1")!.TextContent.ShouldBe("De afspraak is afgezegd");
        (await browserHasNone(sanne)).ShouldBeTrue();

        var events = (await ArrangementPagesTests.EventsAsync(api)).Where(e => e.Data.GetProperty("customerRef").GetString() == "C-1").Select(e => e.Type);
        events.ShouldBe(["callback.requested", "callback.changed", "callback.cancelled"]);

        // The other customer's call-back is theirs alone: still Thursday, untouched.
        var theirs = await Html.ParseAsync(await other.GetAsync("/callback/done"));
        theirs.QuerySelector(".lead")!.TextContent.ShouldContain("donderdag 26 november");
        theirs.QuerySelector(".check-answers")!.TextContent.ShouldContain("06-••••4321");

        var id = mine.GetProperty("id").GetString();
        (await api.PostAsync($"/api/v1/callback-requests/{id}/done", null)).StatusCode.ShouldBe(HttpStatusCode.Conflict, "a cancelled call-back is not done");
        var otherId = (await ListAsync(api, "?status=requested")).Single().GetProperty("id").GetString();
        var doneResponse = await api.PostAsync($"/api/v1/callback-requests/{otherId}/done", ApiJson.Raw("""{"outcome":"Regeling besproken"}"""));
        doneResponse.StatusCode.ShouldBe(HttpStatusCode.OK);
        var doneJson = await doneResponse.JsonAsync();
        doneJson.GetProperty("status").GetString().ShouldBe("done");
        doneJson.GetProperty("outcome").GetString().ShouldBe("Regeling besproken");
        (await other.GetAsync("/callback/done")).Headers.Location!.OriginalString.ShouldBe("/callback", "a done call-back no longer waits");
        (await api.GetAsync($"/api/v1/callback-requests/{Guid.NewGuid()}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        factory.LogLines.ShouldNotContain(l => l.Contains("201234567") || l.Contains("687654321"), "no phone number in a log line");

        async Task<bool> browserHasNone(HttpClient b) => (await b.GetAsync("/callback/done")).Headers.Location?.OriginalString == "/callback";
    }

    [Fact]
    public async Task TheSettings_ReadBackAsPut_AndBadOnesAreRefusedFieldByField_AndWithoutHoursThereIsNoCallback()
    {
        var (organisation, api) = await OrganisationAsync(factory);
        var settings = await (await api.GetAsync("/api/v1/callback-settings")).JsonAsync();
        settings.GetProperty("openingHours").GetProperty("thursday")[1].GetProperty("from").GetString().ShouldBe("13:00");
        settings.GetProperty("capacityPerSlot").GetInt32().ShouldBe(2);
        settings.GetProperty("closedDates")[0].GetString().ShouldBe("2026-11-24");

        var bad = await api.PutAsync("/api/v1/callback-settings", ApiJson.Raw(
            """{"openingHours":{"maandag":[],"friday":[{"from":"17:00","to":"9:00"}]},"slotMinutes":1,"capacityPerSlot":0,"closedDates":["25-12-2026"],"timeZone":"Nowhere"}"""));
        bad.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var fields = (await bad.JsonAsync()).GetProperty("errors").EnumerateObject().Select(p => p.Name).ToList();
        fields.ShouldBe(["openingHours.maandag", "openingHours.friday[0].to", "closedDates[0]"], ignoreOrder: true);
        (await api.GetAsync("/api/v1/callback-requests?status=open")).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await api.GetAsync("/api/v1/callback-requests?from=tomorrow")).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);

        (await api.PutAsync("/api/v1/callback-settings", ApiJson.Raw("""{"openingHours":{}}"""))).EnsureSuccessStatusCode();
        var browser = await CustomerAsync(organisation, api, "C-1");
        (await Html.ParseAsync(await browser.GetAsync("/overview"))).QuerySelector("a[href='/callback']").ShouldBeNull();
        (await browser.GetAsync("/callback")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
