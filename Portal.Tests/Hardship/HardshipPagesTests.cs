using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Infrastructure.Database;
using Portal.Tests.Arrangements;
using Portal.Tests.Support;
using Shouldly;

namespace Portal.Tests.Hardship;

/// <summary>
/// "Ik kan niet betalen": what is possible and where free help is, and a customer registering that a bewindvoerder
/// handles their money, which holds every invoice of theirs (no reminder, no direct debit) until the organisation ends it.
/// </summary>
public class HardshipPagesTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static async Task<(TestOrganisation Organisation, HttpClient Api, HttpClient Browser)> OpenAsync(PortalFactory factory, string customerRef = "C-1")
    {
        var organisation = await factory.CreateOrganisationAsync();
        var api = factory.CreateApiClient(organisation.ApiKey);
        (await api.PutJsonAsync($"/api/v1/customers/{customerRef}", new { name = "Sanne de Vries", email = "sanne@example.nl" })).EnsureSuccessStatusCode();
        await organisation.AddInvoiceAsync("F-1", customerRef, 64_20, new DateOnly(2026, 12, 10));
        await organisation.AddInvoiceAsync("F-2", customerRef, 30_00, new DateOnly(2026, 11, 10));
        return (organisation, api, await organisation.OpenAsCustomerAsync(customerRef));
    }

    private static async Task<JsonElement> PauseAsync(HttpClient api, string number) =>
        (await (await api.GetAsync($"/api/v1/invoices/{number}")).JsonAsync()).GetProperty("pause");

    [Fact]
    public async Task ACustomer_RegistersTheirBewindvoerder_AndNothingOfTheirsIsRemindedOrCollected_UntilTheOrganisationEndsIt()
    {
        var (organisation, api, browser) = await OpenAsync(factory);
        (await api.PutAsync("/api/v1/direct-debit-settings", ApiJson.Raw(
            """{"enabled":true,"allowedDays":[1,25],"leadBusinessDays":5,"creditorId":"NL57ZZZ999999999999"}"""))).EnsureSuccessStatusCode();
        (await api.PostAsync("/api/v1/customers/C-1/mandates", ApiJson.Raw(
            """{"iban":"NL91 ABNA 0417 1643 00","accountHolder":"S. de Vries","signatureDate":"2026-11-01","mandateReference":"ERP-M-H1","collectionDay":25}""")))
            .EnsureSuccessStatusCode();

        var overview = await Html.ParseAsync(await browser.GetAsync("/overview"));
        overview.QuerySelector("aside.help a[href='/cannot-pay']")!.TextContent.ShouldBe("Kijk wat wel kan");
        var page = await Html.ParseAsync(await browser.GetAsync("/cannot-pay"));
        page.QuerySelector("h1")!.TextContent.ShouldBe("Ik kan niet betalen");
        page.QuerySelector("main a[href='https://www.geldfit.nl']").ShouldNotBeNull("Portal's default points at public debt help");
        page.QuerySelector("main a[href='/plan']").ShouldBeNull("plans are off for this organisation");

        var empty = await PayJourney.PostFormAsync(browser, "/cannot-pay/helper", ("Contact", "geen idee"));
        empty.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Html.ParseAsync(empty)).QuerySelectorAll(".error-summary a").Select(a => a.TextContent).ShouldBe([
            "Kies wie uw geldzaken regelt.", "Vul de naam in.",
            "Dit klopt niet. Vul een nummer in zoals 06 12345678, of een e-mailadres zoals naam@voorbeeld.nl."]);
        var sent = await PayJourney.PostFormAsync(browser, "/cannot-pay/helper", ("Role", "administrator"), ("Name", "J. Jansen"),
            ("HelperOrganisation", "Bewind Noord"), ("Contact", "050 123 4567"));
        sent.Headers.Location!.OriginalString.ShouldBe("/cannot-pay?registered=true");
        var after = await Html.ParseAsync(await browser.GetAsync("/cannot-pay?registered=true"));
        after.QuerySelector("[data-hardship-registered]").ShouldNotBeNull();
        after.QuerySelector("[data-hardship-status=active]")!.TextContent.ShouldBe("U heeft doorgegeven dat bewindvoerder J. Jansen uw geldzaken regelt.");
        (await browser.GetAsync("/cannot-pay/helper")).Headers.Location!.OriginalString.ShouldBe("/cannot-pay", "one registration at a time");

        var item = (await (await api.GetAsync("/api/v1/hardship-registrations?status=active")).JsonAsync()).GetProperty("items").EnumerateArray().Single();
        item.GetProperty("role").GetString().ShouldBe("administrator");
        item.GetProperty("helperName").GetString().ShouldBe("J. Jansen");
        item.GetProperty("helperOrganisation").GetString().ShouldBe("Bewind Noord");
        item.GetProperty("helperContact").GetString().ShouldBe("+31501234567");
        (await ArrangementPagesTests.EventsAsync(api)).Single(e => e.Type == "hardship.registered").Data.GetProperty("customerRef").GetString().ShouldBe("C-1");

        foreach (var number in new[] { "F-1", "F-2" }) (await PauseAsync(api, number)).GetProperty("reason").GetString().ShouldBe("hardship");
        var reminder = await api.PostAsJsonAsync("/api/v1/messages", new { customerRef = "C-1", kind = "reminder" });
        reminder.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await reminder.Content.ReadAsStringAsync()).ShouldContain("paused (reason hardship)");
        await DirectDebit.CollectionRunTests.RunAsync(factory);
        (await CollectionCountAsync(organisation.Id)).ShouldBe(0, "nothing of theirs is collected");

        var id = item.GetProperty("id").GetString();
        var ended = await api.PostAsync($"/api/v1/hardship-registrations/{id}/end", ApiJson.Raw("""{"reason":"Bewind opgeheven"}"""));
        ended.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ended.JsonAsync()).GetProperty("status").GetString().ShouldBe("ended");
        (await api.PostAsync($"/api/v1/hardship-registrations/{id}/end", null)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await PauseAsync(api, "F-1")).ValueKind.ShouldBe(JsonValueKind.Null);
        (await api.PostAsJsonAsync("/api/v1/messages", new { customerRef = "C-1", kind = "reminder" })).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        await DirectDebit.CollectionRunTests.RunAsync(factory);
        (await CollectionCountAsync(organisation.Id)).ShouldBeGreaterThan(0, "collected again once it ended");
        (await ArrangementPagesTests.EventsAsync(api)).Single(e => e.Type == "hardship.ended").Data.GetProperty("reason").GetString().ShouldBe("Bewind opgeheven");

        factory.LogLines.ShouldNotContain(l => l.Contains("501234567") || l.Contains("Jansen"), "no helper's contact in a log line");
    }

    private Task<int> CollectionCountAsync(long organisationId) =>
        factory.WithScopeAsync(sp => sp.GetRequiredService<PortalDbContext>().Collections.CountAsync(c => c.OrganisationId == organisationId));

    [Fact]
    public async Task TheOrganisationsOwnHelp_IsShownInsteadOfTheDefault_AndABadLinkIsRefusedByField()
    {
        var (_, api, browser) = await OpenAsync(factory);
        var bad = await api.PutAsync("/api/v1/hardship-settings", ApiJson.Raw("""{"helpText":"Bel ons.","helpLinks":[{"text":"Hulp","url":"http://example.org"}]}"""));
        bad.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await bad.JsonAsync()).GetProperty("errors").EnumerateObject().Select(p => p.Name).ShouldBe(["helpLinks[0].url"]);

        (await api.PutAsync("/api/v1/hardship-settings", ApiJson.Raw(
            """{"helpText":"Wij werken samen met de schuldhulp van de gemeente Groningen.","helpLinks":[{"text":"Schuldhulp Groningen","url":"https://gemeente.groningen.nl/schulden"}]}""")))
            .EnsureSuccessStatusCode();
        var page = await Html.ParseAsync(await browser.GetAsync("/cannot-pay"));
        page.QuerySelector(".organisation-text")!.TextContent.ShouldBe("Wij werken samen met de schuldhulp van de gemeente Groningen.");
        page.QuerySelector("main a[href='https://gemeente.groningen.nl/schulden']")!.TextContent.ShouldBe("Schuldhulp Groningen");
        page.QuerySelector("main a[href='https://www.geldfit.nl']").ShouldBeNull();

        var reset = await api.PutAsync("/api/v1/hardship-settings", ApiJson.Raw("{}"));
        (await reset.JsonAsync()).GetProperty("isDefault").GetBoolean().ShouldBeTrue();
        (await Html.ParseAsync(await browser.GetAsync("/cannot-pay"))).QuerySelector("main a[href='https://www.geldfit.nl']").ShouldNotBeNull();
    }

    [Fact]
    public async Task APlanOfACustomerWithABewindvoerder_StandsStill_NoTermIsRemindedMissedOrCollected()
    {
        await using var own = new PortalFactory();
        var (_, api, browser) = await ArrangementPagesTests.OpenAsync(own);
        await ArrangementPagesTests.ChooseAsync(browser, "10", way: "payLink");
        (await PayJourney.PostFormAsync(browser, "/plan/check")).Headers.Location!.OriginalString.ShouldBe("/plan/done");
        (await PayJourney.PostFormAsync(browser, "/cannot-pay/helper", ("Role", "administrator"), ("Name", "J. Jansen"), ("Contact", "050 123 4567")))
            .StatusCode.ShouldBe(HttpStatusCode.SeeOther);

        own.Clock.Advance(TimeSpan.FromDays(120));
        await own.WithScopeAsync(sp => sp.GetRequiredService<Portal.Infrastructure.Arrangements.ArrangementRun>().RunAsync());
        await DirectDebit.CollectionRunTests.RunAsync(own);

        var plan = (await (await api.GetAsync("/api/v1/arrangements")).JsonAsync()).GetProperty("items")[0];
        plan.GetProperty("status").GetString().ShouldBe("active", "the plan stands still while the bewindvoerder handles the money");
        plan.GetProperty("terms").EnumerateArray().ShouldAllBe(t => t.GetProperty("status").GetString() == "planned");
        (await ArrangementPagesTests.EventsAsync(api)).Select(e => e.Type).ShouldNotContain(t => t == "instalment.missed" || t == "arrangement.broken");
    }
}
