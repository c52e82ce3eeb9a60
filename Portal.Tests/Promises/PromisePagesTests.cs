using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Portal.Tests.Arrangements;
using Portal.Tests.Support;
using Shouldly;

namespace Portal.Tests.Promises;

/// <summary>
/// A promise to pay: the customer picks a day within the organisation's maximum; reminders wait until then; unpaid by
/// the day plus the grace days, the promise is broken, the ERP hears it and reminders go out again. The clock starts on
/// Sunday 22 November 2026; promises up to 14 days ahead, 3 days of grace.
/// </summary>
public class PromisePagesTests
{
    [Fact]
    public async Task APromiseWithinTheMaximum_HoldsReminders_UntilItsDateAndGrace_ThenItBreaks_AndTheErpHearsBoth()
    {
        await using var factory = new PortalFactory();
        var organisation = await factory.CreateOrganisationAsync();
        var api = factory.CreateApiClient(organisation.ApiKey);
        (await api.PutAsync("/api/v1/promise-settings", ApiJson.Raw("""{"enabled":true,"maximumDays":0}"""))).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var settings = await api.PutAsync("/api/v1/promise-settings", ApiJson.Raw("""{"enabled":true}"""));
        (await settings.JsonAsync()).GetProperty("maximumDays").GetInt32().ShouldBe(14);
        (await api.PutJsonAsync("/api/v1/customers/C-1", new { name = "Sanne de Vries", email = "sanne@example.nl" })).EnsureSuccessStatusCode();
        await organisation.AddInvoiceAsync("F-1", "C-1", 120_00, new DateOnly(2026, 11, 10));
        var browser = await organisation.OpenAsCustomerAsync("C-1");

        (await Html.ParseAsync(await browser.GetAsync("/cannot-pay"))).QuerySelector("main a[href='/promise']").ShouldNotBeNull();
        var page = await Html.ParseAsync(await browser.GetAsync("/promise"));
        page.QuerySelector(".lead")!.TextContent.ShouldContain("€ 120,00");
        page.QuerySelector("#promise-date-hint")!.TextContent.ShouldBe("Kies een dag van 23 november 2026 tot en met 6 december 2026.");
        page.QuerySelector("input[type=date]")!.GetAttribute("data-last").ShouldBe("2026-12-06");

        var empty = await PayJourney.PostFormAsync(browser, "/promise", ("Date", ""));
        (await Html.ParseAsync(empty)).QuerySelector(".error-summary a")!.TextContent.ShouldBe("Kies de dag waarop u betaalt.");
        var late = await PayJourney.PostFormAsync(browser, "/promise", ("Date", "2026-12-20"));
        (await Html.ParseAsync(late)).QuerySelector(".error-summary a")!.TextContent.ShouldBe("Kies een dag van 23 november 2026 tot en met 6 december 2026.");
        (await PayJourney.PostFormAsync(browser, "/promise", ("Date", "2026-12-01"))).Headers.Location!.OriginalString.ShouldBe("/promise?made=true");
        (await Html.ParseAsync(await browser.GetAsync("/promise?made=true"))).QuerySelector("[data-promise-date]")!.TextContent.Trim()
            .ShouldBe("U heeft beloofd om € 120,00 te betalen, uiterlijk op 1 december 2026.");

        var pause = (await (await api.GetAsync("/api/v1/invoices/F-1")).JsonAsync()).GetProperty("pause");
        pause.GetProperty("reason").GetString().ShouldBe("promise");
        pause.GetProperty("until").GetString().ShouldBe("2026-12-01");
        var reminder = await api.PostAsJsonAsync("/api/v1/messages", new { customerRef = "C-1", kind = "reminder" });
        reminder.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await reminder.Content.ReadAsStringAsync()).ShouldContain("paused (reason promise)");
        (await ArrangementPagesTests.EventsAsync(api)).Single(e => e.Type == "promise.created").Data.GetProperty("promisedDate").GetString().ShouldBe("2026-12-01");

        // The day itself and the grace days: still held. The day after: broken.
        factory.Clock.Advance(TimeSpan.FromDays(12)); // 4 December: the last day of grace
        await DirectDebit.CollectionRunTests.RunAsync(factory);
        (await ArrangementPagesTests.EventsAsync(api)).ShouldNotContain(e => e.Type == "promise.broken");
        factory.Clock.Advance(TimeSpan.FromDays(1));
        await DirectDebit.CollectionRunTests.RunAsync(factory);
        (await ArrangementPagesTests.EventsAsync(api)).Single(e => e.Type == "promise.broken").Data.GetProperty("status").GetString().ShouldBe("broken");
        (await (await api.GetAsync("/api/v1/invoices/F-1")).JsonAsync()).GetProperty("pause").ValueKind.ShouldBe(JsonValueKind.Null);
        (await api.PostAsJsonAsync("/api/v1/messages", new { customerRef = "C-1", kind = "reminder" })).StatusCode.ShouldBe(HttpStatusCode.Accepted);
    }

    [Fact]
    public async Task WithPromisesOff_ThePageIsNotFound_AndNotOffered()
    {
        await using var factory = new PortalFactory();
        var organisation = await factory.CreateOrganisationAsync();
        await organisation.AddCustomerAsync("C-1");
        await organisation.AddInvoiceAsync("F-1", "C-1", 50_00, new DateOnly(2026, 11, 10));
        var browser = await organisation.OpenAsCustomerAsync("C-1");
        (await browser.GetAsync("/promise")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Html.ParseAsync(await browser.GetAsync("/cannot-pay"))).QuerySelector("main a[href='/promise']").ShouldBeNull();
    }
}
