using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.DirectDebit;
using Portal.Domain.Messages;
using Portal.Infrastructure.Database;
using Portal.Infrastructure.DirectDebit;
using Portal.Infrastructure.Messages;
using Portal.Sandbox;
using Portal.Tests.Support;
using Shouldly;

namespace Portal.Tests.Arrangements;

/// <summary>
/// A plan running on the clock: terms by direct debit are collected on their dates exactly once (also with two
/// workers), a paid term is told to the ERP at once, a missed term reminds with the policy's grace, and the policy
/// breaks the plan. The clock starts on Sunday 22 November 2026; the customer's day is the 25th.
/// </summary>
public class ArrangementRunTests
{
    private const string Signed = """{"iban":"NL91 ABNA 0417 1643 00","accountHolder":"S. de Vries","signatureDate":"2026-11-01","mandateReference":"ERP-M-1","collectionDay":25}""";

    private static async Task<(TestOrganisation Organisation, HttpClient Api)> AgreedAsync(PortalFactory factory, string way = "directDebit")
    {
        var (organisation, api, browser) = await ArrangementPagesTests.OpenAsync(factory);
        (await api.PutAsync("/api/v1/arrangement-policy", ApiJson.Raw(ArrangementPagesTests.Policy.Replace("}", ""","graceDays":14,"missedTermsToBreak":1}""")))).EnsureSuccessStatusCode();
        await ArrangementPagesTests.ChooseAsync(browser, "10", way: way);
        (await PayJourney.PostFormAsync(browser, "/plan/check")).Headers.Location!.OriginalString.ShouldBe("/plan/done");
        // The customer's mandate, here registered by the ERP after the plan was agreed.
        (await api.PostAsync("/api/v1/customers/C-1/mandates", ApiJson.Raw(Signed))).EnsureSuccessStatusCode();
        return (organisation, api);
    }

    private static Task<CollectionRun.Outcome?> RunAsync(PortalFactory factory) => DirectDebit.CollectionRunTests.RunAsync(factory);

    private static Task<List<Collection>> CollectionsAsync(PortalFactory factory, long organisationId) =>
        DirectDebit.CollectionRunTests.CollectionsAsync(factory, organisationId);

    private static Task BankDayAsync(PortalFactory factory) => DirectDebit.CollectionRunTests.BankDayAsync(factory);

    private static Task<string[]> MessagesAsync(PortalFactory factory, long organisationId, MessageKind kind) => factory.WithScopeAsync(async sp =>
        (await sp.GetRequiredService<PortalDbContext>().Messages.AsNoTracking().Where(m => m.OrganisationId == organisationId && m.Kind == kind).ToListAsync())
            .Select(m => sp.GetRequiredService<MessageService>().Content(m).Text).ToArray());

    private static void Advance(PortalFactory factory, DateOnly to) =>
        factory.Clock.Advance(to.ToDateTime(new TimeOnly(9, 0)) - factory.Clock.GetUtcNow().UtcDateTime);

    [Fact]
    public async Task TheFirstTermIsCollectedOnItsDateOnce_AMissedTermReminds_AndThenThePolicyBreaksThePlan()
    {
        await using var factory = new PortalFactory();
        var (organisation, api) = await AgreedAsync(factory);

        await RunAsync(factory);
        await RunAsync(factory);
        var first = await CollectionsAsync(factory, organisation.Id);
        first.Select(c => (c.Date, c.AmountMinor, c.Status)).ShouldBe([(new DateOnly(2026, 12, 28), 125_00, CollectionStatus.Planned)],
            "term 1 only, from the invoice due first, planned once");
        (await MessagesAsync(factory, organisation.Id, MessageKind.PreNotification)).ShouldHaveSingleItem().ShouldContain("€ 125,00");

        Advance(factory, new DateOnly(2026, 12, 24));
        (await RunAsync(factory))!.Submitted.ShouldBe(1);
        (await RunAsync(factory))!.Submitted.ShouldBe(0);
        factory.Services.GetRequiredService<SandboxStore>().All().Count(p => p.IsDirectDebit).ShouldBe(1, "a term is charged once");
        Advance(factory, new DateOnly(2026, 12, 28));
        await BankDayAsync(factory);

        var events = await ArrangementPagesTests.EventsAsync(api);
        events.ShouldContain(e => e.Type == "instalment.paid" && e.Data.GetProperty("number").GetInt32() == 1, "told when the payment is booked");
        var plan = (await (await api.GetAsync("/api/v1/arrangements?customerRef=C-1")).JsonAsync()).GetProperty("items")[0];
        plan.GetProperty("terms")[0].GetProperty("status").GetString().ShouldBe("paid");
        plan.GetProperty("amountPaid").GetDecimal().ShouldBe(125m);

        // Term 2 (Monday 25 January) fails at the bank: the plan tells the customer, not the "choose a new day" message.
        await RunAsync(factory);
        Advance(factory, new DateOnly(2027, 1, 22));
        (await RunAsync(factory))!.Submitted.ShouldBe(1);
        factory.Services.GetRequiredService<SandboxStore>().FailNextDebits("AM04", 1);
        Advance(factory, new DateOnly(2027, 1, 25));
        await BankDayAsync(factory);
        (await MessagesAsync(factory, organisation.Id, MessageKind.CollectionFailed)).ShouldBeEmpty();
        Advance(factory, new DateOnly(2027, 1, 26));
        await RunAsync(factory);
        events = await ArrangementPagesTests.EventsAsync(api);
        var missed = events.Single(e => e.Type == "instalment.missed").Data;
        missed.GetProperty("number").GetInt32().ShouldBe(2);
        missed.GetProperty("graceUntil").GetString().ShouldBe("2027-02-08");
        (await MessagesAsync(factory, organisation.Id, MessageKind.InstalmentMissed)).ShouldHaveSingleItem()
            .ShouldContain("Betaal het voor 8 februari 2027. Dan loopt uw regeling gewoon door.");

        Advance(factory, new DateOnly(2027, 2, 8));
        await RunAsync(factory);
        (await ArrangementPagesTests.EventsAsync(api)).ShouldNotContain(e => e.Type == "arrangement.broken", "the last day of grace");
        Advance(factory, new DateOnly(2027, 2, 9));
        await RunAsync(factory);
        events = await ArrangementPagesTests.EventsAsync(api);
        events.Single(e => e.Type == "arrangement.broken").Data.GetProperty("status").GetString().ShouldBe("broken");
        (await MessagesAsync(factory, organisation.Id, MessageKind.ArrangementBroken)).ShouldHaveSingleItem().ShouldContain("U moet nog € 1.125,00 betalen.");
        (await (await api.GetAsync("/api/v1/invoices/F-1")).JsonAsync()).GetProperty("pause").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        // The broken plan's next term is not collected; its invoices are open again, so the customer's own direct debit
        // takes what it can (F-1's failed collection waits for the customer's choice, F-2 goes into the next date).
        var after = await CollectionsAsync(factory, organisation.Id);
        after.ShouldContain(c => c.Date == new DateOnly(2027, 2, 25) && c.AmountMinor == 125_00 && c.Status == CollectionStatus.Cancelled);
        after.Where(c => c.Status == CollectionStatus.Planned).Select(c => (c.Date, c.AmountMinor)).ShouldBe([(new DateOnly(2027, 2, 25), 250_00)]);
    }

    [Fact]
    public async Task TwoWorkersOnOneDatabase_CollectATermOnce()
    {
        await using var first = new PortalFactory();
        var (organisation, _) = await AgreedAsync(first);
        await using var second = first.WithMollieHandler(new ForwardTo(first.Server.CreateHandler()));
        foreach (var day in (int[])[0, 32])
        {
            first.Clock.Advance(TimeSpan.FromDays(day));
            second.Clock.Advance(TimeSpan.FromDays(day));
            await Task.WhenAll(Enumerable.Range(0, 4).Select(i => RunAsync(i % 2 == 0 ? first : second)));
        }
        (await CollectionsAsync(first, organisation.Id)).ShouldHaveSingleItem().Status.ShouldBe(CollectionStatus.Submitted);
        first.Services.GetRequiredService<SandboxStore>().All().Count(p => p.IsDirectDebit).ShouldBe(1, "two workers never charge a term twice");
    }

    [Fact]
    public async Task TermsByPayLink_GetTheirLinkBeforeEachTerm_AndATermPaidEarlyCounts()
    {
        await using var factory = new PortalFactory();
        var (organisation, api) = await AgreedAsync(factory, way: "payLink");
        await RunAsync(factory);
        // From Sunday 22 November the first pay-link term is on the day five business days on: Friday 27 November.
        var reminder = (await MessagesAsync(factory, organisation.Id, MessageKind.InstalmentReminder)).ShouldHaveSingleItem();
        reminder.ShouldContain("Op 27 november 2026 betaalt u het volgende deel van uw regeling. Dat is € 125,00.");
        reminder.ShouldContain("?to=plan");
        await RunAsync(factory);
        (await MessagesAsync(factory, organisation.Id, MessageKind.InstalmentReminder)).Length.ShouldBe(1, "one link per term");
        (await ArrangementPagesTests.EventsAsync(api)).ShouldNotContain(e => e.Type == "collection.scheduled", "a pay-link plan is not collected");
    }
}
