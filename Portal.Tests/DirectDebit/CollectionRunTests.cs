using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.DirectDebit;
using Portal.Domain.Invoices;
using Portal.Domain.Messages;
using Portal.Infrastructure.Customers;
using Portal.Infrastructure.Database;
using Portal.Infrastructure.DirectDebit;
using Portal.Infrastructure.Messages;
using Portal.Sandbox;
using Portal.Tests.Support;
using Shouldly;

namespace Portal.Tests.DirectDebit;

/// <summary>
/// The direct-debit run: a collection is planned and announced once, submitted to Mollie on the business day before its
/// date as one recurring payment, and the bank's answer reaches the invoice, the customer and the ERP. Running it again,
/// or after a crash between Mollie's answer and the save, never charges twice. The clock starts on Sunday 22 November
/// 2026; the customer's day is the 25th, so the first collection is Monday 28 December (25/26 December are closed).
/// </summary>
public class CollectionRunTests
{
    private const string Signed = """{"iban":"NL91 ABNA 0417 1643 00","accountHolder":"S. de Vries","signatureDate":"2026-11-01","mandateReference":"ERP-M-1","collectionDay":25}""";

    /// <summary>An organisation collecting on the 25th, a customer with a mandate, and one invoice of € 64,20 due 10 December.</summary>
    private static async Task<(TestOrganisation Organisation, HttpClient Api)> SetUpAsync(PortalFactory factory)
    {
        var organisation = await factory.CreateOrganisationAsync();
        var api = factory.CreateApiClient(organisation.ApiKey);
        (await api.PutAsync("/api/v1/direct-debit-settings", ApiJson.Raw(
            """{"enabled":true,"allowedDays":[1,25],"leadBusinessDays":5,"creditorId":"NL57ZZZ999999999999"}"""))).EnsureSuccessStatusCode();
        (await api.PutJsonAsync("/api/v1/customers/C-1", new { name = "Sanne de Vries", email = "sanne@example.nl" })).EnsureSuccessStatusCode();
        await organisation.AddInvoiceAsync("F-1", "C-1", 64_20, new DateOnly(2026, 12, 10));
        (await api.PostAsync("/api/v1/customers/C-1/mandates", ApiJson.Raw(Signed))).EnsureSuccessStatusCode();
        return (organisation, api);
    }

    internal static Task<CollectionRun.Outcome?> RunAsync(PortalFactory factory) =>
        factory.WithScopeAsync(sp => sp.GetRequiredService<CollectionRun>().RunAsync());

    internal static Task<List<Collection>> CollectionsAsync(PortalFactory factory, long organisationId) =>
        factory.WithScopeAsync(sp => sp.GetRequiredService<PortalDbContext>().Collections.AsNoTracking()
            .Where(c => c.OrganisationId == organisationId).OrderBy(c => c.Id).ToListAsync());

    private static async Task<List<(string Type, JsonElement Data)>> EventsAsync(HttpClient api) =>
        (await (await api.GetAsync("/api/v1/events?limit=1000")).JsonAsync()).GetProperty("items").EnumerateArray()
            .Select(e => (e.GetProperty("type").GetString()!, e.GetProperty("data"))).ToList();

    /// <summary>The bank's day at the sandbox: due direct debits are collected and their webhooks delivered to Portal.</summary>
    internal static async Task BankDayAsync(PortalFactory factory)
    {
        using var control = factory.CreateClient();
        (await control.PostAsync("/mollie-sandbox/__control/clock/tick", null)).EnsureSuccessStatusCode();
        (await control.PostAsync("/mollie-sandbox/__control/webhooks/flush", null)).EnsureSuccessStatusCode();
    }

    private static int DebitsAtMollie(PortalFactory factory) =>
        factory.Services.GetRequiredService<SandboxStore>().All().Count(p => p.IsDirectDebit);

    [Fact]
    public async Task ACollection_IsPlannedOnce_SubmittedTheBusinessDayBefore_AndPaid()
    {
        await using var factory = new PortalFactory();
        var (organisation, api) = await SetUpAsync(factory);

        (await RunAsync(factory))!.Planned.ShouldBe(1);
        (await RunAsync(factory))!.Planned.ShouldBe(0, "a collection is planned once");
        var planned = (await CollectionsAsync(factory, organisation.Id)).ShouldHaveSingleItem();
        planned.Date.ShouldBe(new DateOnly(2026, 12, 28));
        planned.AmountMinor.ShouldBe(64_20);
        planned.Status.ShouldBe(CollectionStatus.Planned);
        (await EventsAsync(api)).ShouldContain(e => e.Type == "collection.scheduled" && e.Data.GetProperty("date").GetString() == "2026-12-28"
            && e.Data.GetProperty("amount").GetDecimal() == 64.20m);
        var notices = await factory.WithScopeAsync(sp => sp.GetRequiredService<PortalDbContext>().Messages.AsNoTracking()
            .CountAsync(m => m.OrganisationId == organisation.Id && m.Kind == MessageKind.PreNotification));
        notices.ShouldBe(1, "one notice per collection, also when the mandate's confirmation already announced it");

        // An invoice that comes in after the notice is not added to the announced amount: it waits for the next date.
        await organisation.AddInvoiceAsync("F-2", "C-1", 10_00, new DateOnly(2026, 12, 15));
        (await RunAsync(factory))!.Planned.ShouldBe(0);

        // Wednesday 23 December: too early to hand it to Mollie. Thursday 24 December is the business day before the 28th.
        factory.Clock.Advance(TimeSpan.FromDays(31));
        (await RunAsync(factory))!.Submitted.ShouldBe(0);
        DebitsAtMollie(factory).ShouldBe(0);
        factory.Clock.Advance(TimeSpan.FromDays(1));
        (await RunAsync(factory))!.Submitted.ShouldBe(1);
        (await RunAsync(factory))!.Submitted.ShouldBe(0);
        DebitsAtMollie(factory).ShouldBe(1, "a re-run never charges twice");
        (await CollectionsAsync(factory, organisation.Id)).First().Status.ShouldBe(CollectionStatus.Submitted);

        factory.Clock.Advance(TimeSpan.FromDays(4));
        await BankDayAsync(factory);
        (await CollectionsAsync(factory, organisation.Id)).First().Status.ShouldBe(CollectionStatus.Paid);
        var invoice = await (await api.GetAsync("/api/v1/invoices/F-1")).JsonAsync();
        invoice.GetProperty("status").GetString().ShouldBe("paid");
        var events = await EventsAsync(api);
        events.ShouldContain(e => e.Type == "collection.paid" && e.Data.GetProperty("invoiceNumbers")[0].GetString() == "F-1");
        events.ShouldContain(e => e.Type == "invoice.paid");
        // The later invoice was planned for the next date once the 28th had been handed over, with a notice of its own.
        var all = await CollectionsAsync(factory, organisation.Id);
        all.Count.ShouldBe(2);
        (all[1].Date, all[1].AmountMinor, all[1].Status).ShouldBe((new DateOnly(2027, 1, 25), 10_00, CollectionStatus.Planned));
        (await RunAsync(factory))!.Planned.ShouldBe(0, "a paid invoice is not collected again");
    }

    [Fact]
    public async Task ACrashAfterMollieTookTheDebit_IsMadeGoodByTheNextRun_WithoutASecondCharge()
    {
        await using var plain = new PortalFactory();
        // Mollie makes the payment but its answer never arrives, as when the worker dies right after sending.
        var lose = new LoseAnswerOnce();
        await using var factory = plain.WithMollieHandler(lose);
        var (organisation, _) = await SetUpAsync(factory);
        (await RunAsync(factory))!.Planned.ShouldBe(1);
        factory.Clock.Advance(TimeSpan.FromDays(32));

        lose.Armed = true;
        (await RunAsync(factory))!.Submitted.ShouldBe(0);
        lose.Armed = false;
        lose.Lost.ShouldBeGreaterThan(0, "the answer to the debit was lost (also on the client's own retries)");
        DebitsAtMollie(factory).ShouldBe(1);
        (await RunAsync(factory))!.Submitted.ShouldBe(1);
        DebitsAtMollie(factory).ShouldBe(1, "the same Idempotency-Key gives back the payment Mollie already made");
        var payment = await factory.WithScopeAsync(sp => sp.GetRequiredService<PortalDbContext>().Payments.AsNoTracking()
            .SingleAsync(p => p.OrganisationId == organisation.Id && p.Method == "directdebit"));
        payment.ProviderPaymentId.ShouldBe(factory.Services.GetRequiredService<SandboxStore>().All().Single(p => p.IsDirectDebit).Id);
    }

    [Fact]
    public async Task AFailedCollection_TellsTheCustomerInPlainWords_AndWaitsForTheirChoice()
    {
        await using var factory = new PortalFactory();
        var (organisation, api) = await SetUpAsync(factory);
        await RunAsync(factory);
        factory.Clock.Advance(TimeSpan.FromDays(32));
        await RunAsync(factory);
        factory.Services.GetRequiredService<SandboxStore>().FailNextDebits("AM04", 1);
        factory.Clock.Advance(TimeSpan.FromDays(4));
        await BankDayAsync(factory);

        var failed = (await CollectionsAsync(factory, organisation.Id)).Single();
        failed.Status.ShouldBe(CollectionStatus.Failed);
        failed.BankReasonCode.ShouldBe("AM04");
        (await (await api.GetAsync("/api/v1/invoices/F-1")).JsonAsync()).GetProperty("status").GetString().ShouldBe("open");
        (await EventsAsync(api)).ShouldContain(e => e.Type == "collection.failed" && e.Data.GetProperty("bankReasonCode").GetString() == "AM04");
        var text = await factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<PortalDbContext>();
            var message = await db.Messages.AsNoTracking().SingleAsync(m => m.OrganisationId == organisation.Id && m.Kind == MessageKind.CollectionFailed);
            return sp.GetRequiredService<MessageService>().Content(message).Text;
        });
        text.ShouldContain("Het lukte niet om € 64,20 af te schrijven");
        text.ShouldContain("Kies een nieuwe dag");
        // The message's link opens the customer's direct-debit page, where they choose what to do.
        var link = System.Text.RegularExpressions.Regex.Match(text, @"/p/[A-Za-z0-9_-]+\?to=direct-debit").Value;
        link.ShouldNotBeEmpty();
        var fromMessage = factory.CreateBrowserClient();
        (await fromMessage.GetAsync(link)).Headers.Location!.OriginalString.ShouldBe("/direct-debit");
        (await factory.CreateBrowserClient().GetAsync(link.Replace("direct-debit", "https:%2F%2Fevil.example"))).Headers.Location!.OriginalString
            .ShouldBe("/overview", "only Portal's own landing pages");
        (await (await api.GetAsync("/api/v1/customers/C-1/direct-debit")).JsonAsync()).GetProperty("mandate").GetProperty("status")
            .GetString().ShouldBe("valid", "insufficient funds does not end the mandate");

        (await RunAsync(factory))!.Planned.ShouldBe(0, "no new try without the customer's choice");
        var view = await (await api.GetAsync("/api/v1/customers/C-1/direct-debit")).JsonAsync();
        var last = view.GetProperty("collections")[0];
        (last.GetProperty("date").GetString(), last.GetProperty("status").GetString(), last.GetProperty("bankReasonCode").GetString())
            .ShouldBe(("2026-12-28", "failed", "AM04"));
        var browser = await organisation.OpenAsCustomerAsync("C-1");
        var page = await Html.ParseAsync(await browser.GetAsync("/direct-debit"));
        page.Text(".failed-collection").ShouldContain("Op 28 december 2026 lukte het niet om € 64,20 af te schrijven.");
        page.QuerySelector(".failed-collection a[href='/direct-debit/day']").ShouldNotBeNull();
        page.QuerySelector(".failed-collection a[href='/pay']").ShouldNotBeNull();
        var customerId = await factory.WithScopeAsync(sp => sp.GetRequiredService<PortalDbContext>().Customers
            .Where(c => c.OrganisationId == organisation.Id).Select(c => c.Id).SingleAsync());
        var changed = await factory.WithScopeAsync(sp => sp.GetRequiredService<DirectDebitService>()
            .ChangeDayAsync(new CustomerScope(organisation.Id, customerId, null, "customer:test"), 1));
        // From Monday 28 December five business days (1 January is closed) reach Tuesday 5 January: too late for the 1st.
        changed.View!.Next!.Date.ShouldBe(new DateOnly(2027, 2, 1));
        (await RunAsync(factory))!.Planned.ShouldBe(1);
        (await CollectionsAsync(factory, organisation.Id)).Last().Date.ShouldBe(new DateOnly(2027, 2, 1));
        (await Html.ParseAsync(await browser.GetAsync("/direct-debit"))).QuerySelector(".failed-collection").ShouldBeNull("the customer chose again");
    }

    [Fact]
    public async Task AChargeback_OpensTheInvoiceAgain_AndIsNotCollectedAgainWithoutTheCustomer()
    {
        await using var factory = new PortalFactory();
        var (organisation, api) = await SetUpAsync(factory);
        await RunAsync(factory);
        factory.Clock.Advance(TimeSpan.FromDays(32));
        await RunAsync(factory);
        factory.Clock.Advance(TimeSpan.FromDays(4));
        await BankDayAsync(factory);
        (await (await api.GetAsync("/api/v1/invoices/F-1")).JsonAsync()).GetProperty("status").GetString().ShouldBe("paid");

        var debit = factory.Services.GetRequiredService<SandboxStore>().All().Single(p => p.IsDirectDebit);
        using var control = factory.CreateClient();
        (await control.PostAsync($"/mollie-sandbox/__control/payments/{debit.Id}/chargebacks?reasonCode=MD06", null)).EnsureSuccessStatusCode();
        (await control.PostAsync("/mollie-sandbox/__control/webhooks/flush", null)).EnsureSuccessStatusCode();
        // Mollie may call the webhook again: the chargeback counts once.
        await factory.WithScopeAsync(sp => sp.GetRequiredService<Portal.Infrastructure.Payments.PaymentSyncService>().SyncProviderPaymentAsync(debit.Id));

        var invoice = await (await api.GetAsync("/api/v1/invoices/F-1")).JsonAsync();
        invoice.GetProperty("status").GetString().ShouldBe("open");
        invoice.GetProperty("amountDue").GetDecimal().ShouldBe(64.20m);
        (await CollectionsAsync(factory, organisation.Id)).Single().Status.ShouldBe(CollectionStatus.ChargedBack);
        (await EventsAsync(api)).Count(e => e.Type == "chargeback.received" && e.Data.GetProperty("bankReasonCode").GetString() == "MD06"
            && e.Data.GetProperty("amount").GetDecimal() == 64.20m).ShouldBe(1);
        factory.Clock.Advance(TimeSpan.FromDays(3));
        (await RunAsync(factory))!.Planned.ShouldBe(0, "a chargeback is not collected again without the customer's consent");
    }

    [Fact]
    public async Task AClosedAccount_EndsTheMandate()
    {
        await using var factory = new PortalFactory();
        var (organisation, api) = await SetUpAsync(factory);
        await RunAsync(factory);
        factory.Clock.Advance(TimeSpan.FromDays(32));
        await RunAsync(factory);
        factory.Services.GetRequiredService<SandboxStore>().FailNextDebits("AC04", 1);
        factory.Clock.Advance(TimeSpan.FromDays(4));
        await BankDayAsync(factory);

        (await EventsAsync(api)).ShouldContain(e => e.Type == "mandate.revoked" && e.Data.GetProperty("reason").GetString() == "AC04");
        (await (await api.GetAsync("/api/v1/customers/C-1/direct-debit")).JsonAsync()).GetProperty("mandate").ValueKind.ShouldBe(JsonValueKind.Null);
        (await RunAsync(factory))!.Planned.ShouldBe(0);
    }

    [Fact]
    public async Task TwoWorkersOnOneDatabase_PlanAndSubmitEachCollectionOnce()
    {
        await using var first = new PortalFactory();
        var (organisation, _) = await SetUpAsync(first);
        // A second node on the same database, talking to the same Mollie (the first node's sandbox).
        await using var second = first.WithMollieHandler(new ForwardTo(first.Server.CreateHandler()));
        foreach (var day in (int[])[0, 32])
        {
            first.Clock.Advance(TimeSpan.FromDays(day));
            second.Clock.Advance(TimeSpan.FromDays(day));
            await Task.WhenAll(Enumerable.Range(0, 4).Select(i => RunAsync(i % 2 == 0 ? first : second)));
        }
        var collection = (await CollectionsAsync(first, organisation.Id)).ShouldHaveSingleItem();
        collection.Status.ShouldBe(CollectionStatus.Submitted);
        DebitsAtMollie(first).ShouldBe(1, "two workers never charge twice");
        DebitsAtMollie(second).ShouldBe(0);
        var payments = await first.WithScopeAsync(sp => sp.GetRequiredService<PortalDbContext>().Payments
            .CountAsync(p => p.OrganisationId == organisation.Id && p.Method == "directdebit"));
        payments.ShouldBe(1);
    }

    [Fact]
    public async Task StoppingDirectDebit_WithdrawsWhatMollieStillHas_AndCancelsWhatIsPlanned()
    {
        await using var factory = new PortalFactory();
        var (organisation, api) = await SetUpAsync(factory);
        await RunAsync(factory);
        factory.Clock.Advance(TimeSpan.FromDays(32));
        await RunAsync(factory);
        (await CollectionsAsync(factory, organisation.Id)).Single().Status.ShouldBe(CollectionStatus.Submitted);

        (await api.DeleteAsync("/api/v1/customers/C-1/mandates")).StatusCode.ShouldBe(System.Net.HttpStatusCode.NoContent);
        (await CollectionsAsync(factory, organisation.Id)).Single().Status.ShouldBe(CollectionStatus.Cancelled);
        factory.Services.GetRequiredService<SandboxStore>().All().Single(p => p.IsDirectDebit).Status.ShouldBe("canceled");
        var failures = await factory.WithScopeAsync(sp => sp.GetRequiredService<PortalDbContext>().Messages
            .CountAsync(m => m.OrganisationId == organisation.Id && m.Kind == MessageKind.CollectionFailed));
        failures.ShouldBe(0, "a withdrawn debit did not fail: the customer is not told it did");
        (await EventsAsync(api)).ShouldNotContain(e => e.Type == "collection.failed");
        (await RunAsync(factory))!.Planned.ShouldBe(0, "without a mandate nothing is planned");
    }
}
