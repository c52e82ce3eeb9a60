using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Messages;
using Portal.Infrastructure.Database;
using Portal.Infrastructure.Messages;
using Portal.Tests.Support;
using Shouldly;

namespace Portal.Tests.DirectDebit;

/// <summary>
/// A customer turns on direct debit from their pay link: picks a day (only the organisation's, each with its first
/// date), gives an IBAN, checks the answers, proves it is them with a one-time code and agrees; later changes the day
/// and stops. The ERP hears every step. The test clock stands on Sunday 22 November 2026, the lead is 5 business days.
/// </summary>
public class DirectDebitPagesTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Iban = "NL91 ABNA 0417 1643 00";

    private async Task<(TestOrganisation Organisation, HttpClient Api, HttpClient Browser)> OpenAsync(bool enabled = true)
    {
        var organisation = await factory.CreateOrganisationAsync();
        var api = factory.CreateApiClient(organisation.ApiKey);
        (await api.PutAsync("/api/v1/direct-debit-settings", ApiJson.Raw(
            $$"""{"enabled":{{(enabled ? "true" : "false")}},"allowedDays":[1,15,25],"leadBusinessDays":5,"creditorId":"NL57ZZZ999999999999"}"""))).EnsureSuccessStatusCode();
        (await api.PutJsonAsync("/api/v1/customers/C-1", new { name = "Sanne de Vries", email = "sanne@example.nl" })).EnsureSuccessStatusCode();
        await organisation.AddInvoiceAsync("F-1", "C-1", 64_20, new DateOnly(2026, 12, 10));
        return (organisation, api, await organisation.OpenAsCustomerAsync("C-1"));
    }

    private static async Task<List<(string Type, JsonElement Data)>> EventsAsync(HttpClient api) =>
        (await (await api.GetAsync("/api/v1/events")).JsonAsync()).GetProperty("items").EnumerateArray()
            .Select(e => (e.GetProperty("type").GetString()!, e.GetProperty("data"))).ToList();

    private Task<string> LatestCodeAsync(TestOrganisation organisation) => factory.WithScopeAsync(sp =>
    {
        var db = sp.GetRequiredService<PortalDbContext>();
        var message = db.Messages.Where(m => m.OrganisationId == organisation.Id && m.Kind == MessageKind.OneTimeCode).OrderByDescending(m => m.Id).First();
        return Task.FromResult(Regex.Match(sp.GetRequiredService<MessageService>().Content(message).Text, @"\b\d{6}\b").Value);
    });

    /// <summary>Day, account and a proved code: the check page is ready to agree.</summary>
    private async Task AnswerAndProveAsync(TestOrganisation organisation, HttpClient browser)
    {
        (await PayJourney.PostFormAsync(browser, "/direct-debit/day", ("Day", "25"))).Headers.Location!.OriginalString.ShouldBe("/direct-debit/account");
        (await PayJourney.PostFormAsync(browser, "/direct-debit/account", ("Way", "iban"), ("Iban", Iban), ("AccountHolder", "S. de Vries")))
            .Headers.Location!.OriginalString.ShouldBe("/direct-debit/check");
        (await PayJourney.PostFormAsync(browser, "/verify?for=mandate&return=%2Fdirect-debit%2Fcheck", ("Channel", "email"))).StatusCode.ShouldBe(HttpStatusCode.SeeOther);
        var entered = await PayJourney.PostFormAsync(browser, "/verify/code?for=mandate&return=%2Fdirect-debit%2Fcheck", ("Code", await LatestCodeAsync(organisation)));
        entered.Headers.Location!.OriginalString.ShouldBe("/direct-debit/check");
    }

    [Fact]
    public async Task TheDayPage_OffersOnlyTheOrganisationsDays_EachWithItsFirstCollection()
    {
        var (_, _, browser) = await OpenAsync();
        var overview = await Html.ParseAsync(await browser.GetAsync("/overview"));
        overview.QuerySelector("a[href='/direct-debit']")!.TextContent.ShouldBe("Betaal automatisch op een dag die u kiest");

        var page = await Html.ParseAsync(await browser.GetAsync("/direct-debit/day"));
        page.Text("legend").ShouldBe("Op welke dag van de maand mogen we afschrijven?");
        page.QuerySelectorAll("input[type=radio][name=Day]").Select(i => i.GetAttribute("value")).ShouldBe(["1", "15", "25"]);
        var labels = page.QuerySelectorAll("fieldset label").Select(l => Regex.Replace(l.TextContent, @"\s+", " ").Trim()).ToList();
        // From Sunday 22 November the notice needs 5 business days: the 1st and 15th of December can still be kept;
        // 25 December is a TARGET2 closing day and 26/27 a weekend, so the 25th starts on Monday the 28th.
        labels.ShouldBe(["De 1e van de maand Eerste keer: 1 december 2026", "De 15e van de maand Eerste keer: 15 december 2026",
            "De 25e van de maand Eerste keer: 28 december 2026"]);

        var wrong = await PayJourney.PostFormAsync(browser, "/direct-debit/day", ("Day", "7"));
        wrong.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Html.ParseAsync(wrong)).Text(".error-summary a").ShouldBe("Kies een dag van de maand.");
    }

    [Fact]
    public async Task AWrongIban_IsNamedInPlainWords_AndNothingGoesFurther()
    {
        var (_, _, browser) = await OpenAsync();
        await PayJourney.PostFormAsync(browser, "/direct-debit/day", ("Day", "25"));
        var wrong = await PayJourney.PostFormAsync(browser, "/direct-debit/account", ("Way", "iban"), ("Iban", "NL91 ABNA 0417 1643 01"), ("AccountHolder", ""));
        wrong.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await Html.ParseAsync(wrong);
        page.QuerySelectorAll(".error-summary a").Select(a => (a.GetAttribute("href"), a.TextContent)).ShouldBe([
            ("#iban", "Dit IBAN klopt niet. Kijk goed naar de letters en cijfers."), ("#holder", "Vul de naam van de rekeninghouder in.")]);
        page.QuerySelector("#iban")!.GetAttribute("aria-invalid").ShouldBe("true");
        (await browser.GetAsync("/direct-debit/check")).Headers.Location!.OriginalString.ShouldBe("/direct-debit/account");
    }

    [Fact]
    public async Task SettingUp_NeedsACode_ThenTheMandateIsMade_TheCustomerIsToldTheSchedule_AndTheErpHearsIt()
    {
        var (organisation, api, browser) = await OpenAsync();
        (await PayJourney.PostFormAsync(browser, "/direct-debit/day", ("Day", "25"))).StatusCode.ShouldBe(HttpStatusCode.SeeOther);
        (await PayJourney.PostFormAsync(browser, "/direct-debit/account", ("Way", "iban"), ("Iban", Iban), ("AccountHolder", "S. de Vries"))).StatusCode.ShouldBe(HttpStatusCode.SeeOther);

        var check = await Html.ParseAsync(await browser.GetAsync("/direct-debit/check"));
        check.Text(".check-answers").ShouldContain("NL91 •••• 4300");
        check.Text(".check-answers").ShouldContain("Eerste keer: 28 december 2026");
        check.Text(".consent").ShouldContain("NL57ZZZ999999999999");
        check.QuerySelector("form[method=post] button").ShouldBeNull("agreeing waits for the code");
        check.QuerySelector("a[href^='/verify?for=mandate']").ShouldNotBeNull();
        // The page has no agree button yet; a post made by hand (with the session's antiforgery token) is sent to the code.
        var token = (await Html.ParseAsync(await browser.GetAsync("/direct-debit/account"))).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var early = await browser.PostAsync("/direct-debit/check", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
        early.Headers.Location!.OriginalString.ShouldStartWith("/verify?for=mandate", customMessage: "agreeing without the code leads to the code");
        (await factory.WithScopeAsync(sp => sp.GetRequiredService<PortalDbContext>().Mandates.CountAsync(m => m.OrganisationId == organisation.Id))).ShouldBe(0);

        await AnswerAndProveAsync(organisation, browser);
        var ready = await Html.ParseAsync(await browser.GetAsync("/direct-debit/check"));
        ready.Text("form button").ShouldBe("Akkoord");
        var agreed = await PayJourney.PostFormAsync(browser, "/direct-debit/check");
        agreed.Headers.Location!.OriginalString.ShouldBe("/direct-debit/done");

        var done = await Html.ParseAsync(await browser.GetAsync("/direct-debit/done"));
        done.Text("h1").ShouldBe("Automatisch betalen staat aan");
        done.Text("main").ShouldContain("Op 28 december 2026 schrijven we € 64,20 af.");
        done.Text("main").ShouldContain("Factuur F-1");

        var events = await EventsAsync(api);
        events.ShouldContain(e => e.Type == "mandate.created" && e.Data.GetProperty("source").GetString() == "iban"
            && e.Data.GetProperty("collectionDay").GetInt32() == 25 && e.Data.GetProperty("iban").GetString() == "NL91 •••• 4300");
        events.ShouldContain(e => e.Type == "collection_day.changed" && e.Data.GetProperty("nextCollectionDate").GetString() == "2026-12-28");

        var (evidence, notice) = await factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<PortalDbContext>();
            var mandate = await db.Mandates.AsNoTracking().SingleAsync(m => m.OrganisationId == organisation.Id);
            var message = await db.Messages.AsNoTracking().SingleAsync(m => m.OrganisationId == organisation.Id && m.Kind == MessageKind.PreNotification);
            return (mandate.Evidence, sp.GetRequiredService<MessageService>().Content(message).Text);
        });
        evidence.ShouldContain("verified");
        evidence.ShouldContain("U geeft Waterbedrijf Test toestemming");
        evidence.ShouldNotContain("0417 1643");
        notice.ShouldContain("Op 28 december 2026 schrijven wij € 64,20 af");
        notice.ShouldContain("Ons incassant-ID is NL57ZZZ999999999999.", customMessage: "a SEPA notice names the creditor");
        notice.ShouldMatch(@"(?s).*Het kenmerk van uw machtiging is PORTAL-\d+-\d+-1\..*");
        factory.LogLines.ShouldNotContain(l => l.Contains("NL91ABNA0417164300") || l.Contains("0417 1643"), "no full IBAN in a log");

        (await PayJourney.PostFormAsync(browser, "/direct-debit/day", ("Day", "25"))).StatusCode.ShouldBe(HttpStatusCode.SeeOther);
        var page = await Html.ParseAsync(await browser.GetAsync("/direct-debit"));
        page.Text(".lead").ShouldBe("Automatisch betalen staat aan. We schrijven af op de 25e van de maand.");
    }

    [Fact]
    public async Task ACustomerWithAMandate_ChangesTheDay_AndStops_WithoutCalling()
    {
        var (organisation, api, browser) = await OpenAsync();
        await AnswerAndProveAsync(organisation, browser);
        (await PayJourney.PostFormAsync(browser, "/direct-debit/check")).Headers.Location!.OriginalString.ShouldBe("/direct-debit/done");

        var changed = await PayJourney.PostFormAsync(browser, "/direct-debit/day", ("Day", "15"));
        changed.Headers.Location!.OriginalString.ShouldBe("/direct-debit?done=day");
        var page = await Html.ParseAsync(await browser.GetAsync("/direct-debit?done=day"));
        page.Text("[role=status]").ShouldBe("Klaar. We schrijven voortaan af op de dag die u koos.");
        page.Text("main").ShouldContain("Op 15 december 2026 schrijven we € 64,20 af.");
        (await EventsAsync(api)).ShouldContain(e => e.Type == "collection_day.changed" && e.Data.GetProperty("collectionDay").GetInt32() == 15
            && e.Data.GetProperty("previousCollectionDay").GetInt32() == 25 && e.Data.GetProperty("nextCollectionDate").GetString() == "2026-12-15");

        (await PayJourney.PostFormAsync(browser, "/direct-debit/stop")).Headers.Location!.OriginalString.ShouldBe("/direct-debit?done=stopped");
        (await Html.ParseAsync(await browser.GetAsync("/direct-debit?done=stopped"))).Text("[role=status]").ShouldStartWith("Automatisch betalen is gestopt.");
        (await EventsAsync(api)).ShouldContain(e => e.Type == "mandate.revoked" && e.Data.GetProperty("reason").GetString() == "stopped by the customer");
        var view = await (await api.GetAsync("/api/v1/customers/C-1/direct-debit")).JsonAsync();
        view.GetProperty("mandate").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task ByAFirstIdealPayment_TheBankGivesTheAccount_AndNoCodeIsNeeded()
    {
        var (organisation, api, browser) = await OpenAsync();
        (await PayJourney.PostFormAsync(browser, "/direct-debit/day", ("Day", "25"))).StatusCode.ShouldBe(HttpStatusCode.SeeOther);
        var account = await Html.ParseAsync(await browser.GetAsync("/direct-debit/account"));
        account.Text("legend").ShouldBe("Hoe geeft u ons uw rekening?");
        account.Text("label[for=way-ideal]").ShouldContain("U betaalt één keer € 0,01.");
        var chosen = await PayJourney.PostFormAsync(browser, "/direct-debit/account", ("Way", "ideal"), ("Iban", ""), ("AccountHolder", ""));
        chosen.Headers.Location!.OriginalString.ShouldBe("/direct-debit/check");

        var check = await Html.ParseAsync(await browser.GetAsync("/direct-debit/check"));
        check.Text(".check-answers").ShouldContain("Via iDEAL. U betaalt één keer € 0,01.");
        check.Text("main form button").ShouldBe("Akkoord, betaal € 0,01");
        var agreed = await PayJourney.PostFormAsync(browser, "/direct-debit/check");
        agreed.StatusCode.ShouldBe(HttpStatusCode.SeeOther);
        agreed.Headers.Location!.AbsolutePath.ShouldStartWith("/mollie-sandbox/checkout/");
        (await (await api.GetAsync("/api/v1/customers/C-1/direct-debit")).JsonAsync()).GetProperty("mandate").GetProperty("status")
            .GetString().ShouldBe("pending", "the mandate waits for the bank");

        var back = await PayJourney.ChooseAtCheckoutAsync(browser, agreed.Headers.Location, "paid");
        back.ShouldStartWith("/direct-debit/return/");
        (await browser.GetAsync(back)).Headers.Location!.OriginalString.ShouldBe("/direct-debit/done");
        var view = await (await api.GetAsync("/api/v1/customers/C-1/direct-debit")).JsonAsync();
        view.GetProperty("mandate").GetProperty("status").GetString().ShouldBe("valid");
        view.GetProperty("mandate").GetProperty("source").GetString().ShouldBe("firstPayment");
        view.GetProperty("mandate").GetProperty("iban").GetString().ShouldBe("NL55 •••• 0000", "the account the bank paid from");
        view.GetProperty("collectionDay").GetInt32().ShouldBe(25);
        view.GetProperty("nextCollection").GetProperty("amount").GetDecimal().ShouldBe(64.19m, "the first cent went to the invoice");
        (await EventsAsync(api)).ShouldContain(e => e.Type == "mandate.created" && e.Data.GetProperty("source").GetString() == "firstPayment");
        var codes = await factory.WithScopeAsync(sp => sp.GetRequiredService<PortalDbContext>().Messages
            .CountAsync(m => m.OrganisationId == organisation.Id && m.Kind == MessageKind.OneTimeCode));
        codes.ShouldBe(0, "the bank confirmed the account holder");
    }

    [Fact]
    public async Task AFirstPaymentThatFails_LeavesDirectDebitOff_AndOffersToTryAgain()
    {
        var (_, api, browser) = await OpenAsync();
        await PayJourney.PostFormAsync(browser, "/direct-debit/day", ("Day", "25"));
        await PayJourney.PostFormAsync(browser, "/direct-debit/account", ("Way", "ideal"), ("Iban", ""), ("AccountHolder", ""));
        var agreed = await PayJourney.PostFormAsync(browser, "/direct-debit/check");
        var back = await PayJourney.ChooseAtCheckoutAsync(browser, agreed.Headers.Location!, "failed");
        var page = await Html.ParseAsync(await browser.GetAsync(back));
        page.Text("h1").ShouldBe("Automatisch betalen staat nog niet aan");
        page.QuerySelector("main a[href='/direct-debit/day']").ShouldNotBeNull();
        (await (await api.GetAsync("/api/v1/customers/C-1/direct-debit")).JsonAsync()).GetProperty("mandate").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task WhenTheOrganisationDoesNotOfferIt_ThereIsNoWayIn()
    {
        var (_, _, browser) = await OpenAsync(enabled: false);
        (await Html.ParseAsync(await browser.GetAsync("/overview"))).QuerySelector("a[href='/direct-debit']").ShouldBeNull();
        (await browser.GetAsync("/direct-debit")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await browser.GetAsync("/direct-debit/day")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
