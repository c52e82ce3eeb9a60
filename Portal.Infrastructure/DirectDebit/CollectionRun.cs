using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Portal.Domain;
using Portal.Domain.DirectDebit;
using Portal.Domain.Events;
using Portal.Domain.Invoices;
using Portal.Domain.Payments;
using Portal.Infrastructure.Audit;
using Portal.Infrastructure.Database;
using Portal.Infrastructure.Payments.Mollie;

namespace Portal.Infrastructure.DirectDebit;

/// <summary>
/// The direct-debit run, on the worker nodes. It plans: each payable invoice of a customer with a valid mandate and a
/// day goes into the next collection that can still be announced, with a pre-notification, once (a unique
/// (invoice, date) row). It submits: on the business day before a collection, all of the customer's invoices of
/// that date become one Mollie <c>recurring</c> payment, whose id and Idempotency-Key are made from the customer and
/// the date, so a second worker, a re-run or a crash between Mollie's answer and the save never charges twice. The
/// bank's answer comes back through <see cref="Payments.PaymentSyncService"/>, like every payment.
/// </summary>
public partial class CollectionRun(PortalDbContext db, TimeProvider clock, MollieClient mollie, AuditTrail audit, Messages.MessageService messages,
    CollectionResults results, PublicLinks links, Arrangements.ArrangementRun plans, Promises.PromiseService promises, ILogger<CollectionRun> log)
    : Jobs.IScheduledWork
{
    private const long RunLock = 7210004;

    public sealed record Outcome(int Planned, int Submitted, int Cancelled);

    Task Jobs.IScheduledWork.RunAsync(CancellationToken ct) => RunAsync(ct);

    /// <summary>Plans and submits what is due today. When another run is busy (another node, the schedule), this one leaves it and answers null.</summary>
    public async Task<Outcome?> RunAsync(CancellationToken ct = default)
    {
        var (ran, outcome) = await Jobs.RunAlone.RunAsync(db, RunLock, async () =>
        {
            // Plans first: a term paid or missed yesterday is settled before today's collections are planned.
            await plans.RunAsync(ct);
            // Promises to pay kept or broken since yesterday, so a broken one's reminders may go out today.
            await promises.RunAsync(ct);
            var planned = await PlanAsync(ct);
            var (submitted, cancelled) = await SubmitAsync(ct);
            return new Outcome(planned, submitted, cancelled);
        }, ct);
        return ran ? outcome : null;
    }

    private DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    private sealed record Candidate(long OrganisationId, long CustomerId, string CustomerRef, long MandateId, string MandateReference, int Day, int Lead,
        string? CreditorId, long InvoiceId, string InvoiceNumber, DateOnly DueDate, string Currency, long DueMinor);

    /// <summary>Plans the collections that can be announced now; answers how many invoices were planned.</summary>
    private async Task<int> PlanAsync(CancellationToken ct)
    {
        var today = Today;
        // Customers with a valid mandate and a day, at organisations that collect; their payable euro invoices that no
        // collection holds yet, that are not being paid another way, and whose last collection did not fail or come
        // back (those wait until the customer chooses again), that no payment plan holds (its terms are collected instead) that the customer does not dispute, and not while someone else handles the customer's money.
        var rows = await (
            from c in db.Customers.AsNoTracking()
            join o in db.Organisations on c.OrganisationId equals o.Id
            join m in db.Mandates on c.Id equals m.CustomerId
            join i in db.Invoices.Where(InvoiceMoney.Payable) on c.Id equals i.CustomerId
            where o.DirectDebitEnabled && c.CollectionDay != null && m.Status == MandateStatus.Valid && i.Currency == "EUR"
                && !db.Collections.Where(Collection.Open).Any(x => x.InvoiceId == i.Id)
                && !db.Collections.Any(x => x.InvoiceId == i.Id && !x.RetryAllowed
                    && (x.Status == CollectionStatus.Failed || x.Status == CollectionStatus.ChargedBack))
                && !db.Payments.Any(p => p.CustomerId == c.Id && (p.Status == PaymentStatus.Open || p.Status == PaymentStatus.Pending)
                    && p.Allocations.Any(a => a.InvoiceId == i.Id))
                && !Arrangements.ArrangementService.PausedInvoiceIds(db).Contains(i.Id)
                && !db.Questions.Where(Domain.Questions.Question.Disputing).Any(q => q.InvoiceId == i.Id)
                && !db.HardshipRegistrations.Any(h => h.CustomerId == c.Id && h.Status == Domain.Hardship.HardshipStatus.Active)
            select new Candidate(c.OrganisationId, c.Id, c.CustomerRef, m.Id, m.Reference, c.CollectionDay!.Value, o.PreNotificationLeadDays, o.CreditorId,
                i.Id, i.InvoiceNumber, i.DueDate, i.Currency, i.AmountPaidMinor >= i.TotalMinor ? 0 : i.TotalMinor - i.AmountPaidMinor))
            .ToListAsync(ct);

        var plans = new List<Plan>();
        foreach (var customer in rows.Where(r => r.DueMinor > 0).GroupBy(r => r.CustomerId))
        {
            var first = customer.First();
            var next = CollectionCalendar.First(today, first.Day, first.Lead);
            var due = customer.Where(r => CollectionCalendar.ForInvoice(r.DueDate, today, r.Day, r.Lead) == next).ToList();
            if (due.Count > 0) plans.Add(new Plan(first, next, due));
        }
        // The terms of plans paid by direct debit that are due next, merged with the customer's invoices of the same date
        // into one collection.
        foreach (var term in await TermPlansAsync(today, ct))
        {
            var same = plans.FindIndex(p => p.Customer.CustomerId == term.Customer.CustomerId && p.Date == term.Date);
            if (same < 0) plans.Add(term);
            else plans[same] = plans[same] with { Invoices = [.. plans[same].Invoices, .. term.Invoices], Term = true };
        }
        var planned = 0;
        foreach (var chunk in plans.GroupBy(p => p.Customer.OrganisationId).SelectMany(o => o.Chunk(PlanChunk)))
        {
            planned += await PlanChunkAsync(chunk, ct);
            db.ChangeTracker.Clear();
        }
        return planned;
    }

    /// <summary>Customers planned in one transaction: few enough to hold the organisation's lock briefly, enough that a day of 100,000 is not 100,000 commits.</summary>
    private const int PlanChunk = 100;

    /// <param name="Term">It holds a payment plan's term: its notice is its own, also when the date was announced before the plan.</param>
    private sealed record Plan(Candidate Customer, DateOnly Date, IReadOnlyList<Candidate> Invoices, bool Term = false)
    {
        public string Cause => FormattableString.Invariant($"pre-notification:{Customer.CustomerId}:{Date:yyyy-MM-dd}{(Term ? ":plan" : "")}");
    }

    /// <summary>
    /// Plans the customers of one organisation in one transaction, checked again inside its lock (another node may have
    /// planned some meanwhile); answers how many invoices were planned. Each customer still gets their own audit
    /// record, event and pre-notification.
    /// </summary>
    private async Task<int> PlanChunkAsync(IReadOnlyList<Plan> plans, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var organisationId = plans[0].Customer.OrganisationId;
        await using var transaction = await db.BeginWriteAsync(organisationId, ct);
        var customerIds = plans.Select(p => p.Customer.CustomerId).ToList();
        var dates = plans.Select(p => p.Date).Distinct().ToList();
        // Every collection of these customers on their dates or still open (an invoice's collections are its customer's).
        var known = (await db.Collections.Where(x => customerIds.Contains(x.CustomerId)
                && (dates.Contains(x.Date) || x.Status == CollectionStatus.Planned || x.Status == CollectionStatus.Submitted)).ToListAsync(ct))
            .ToLookup(x => x.CustomerId);
        var causes = plans.Select(p => p.Cause).ToList();
        var announced = (await db.Messages.Where(m => m.OrganisationId == organisationId && causes.Contains(m.CauseKey!)).Select(m => m.CauseKey!).ToListAsync(ct))
            .ToHashSet(StringComparer.Ordinal);
        var planned = 0;
        foreach (var plan in plans)
        {
            var (customer, date, invoices) = (plan.Customer, plan.Date, plan.Invoices);
            var theirs = known[customer.CustomerId].ToList();
            var ids = invoices.Select(i => i.InvoiceId).ToHashSet();
            // Planned meanwhile, or still open; and a date already announced keeps the amount the customer was told:
            // an invoice that came in since waits for the next collection, with a notice of its own.
            if (theirs.Any(x => x.IsOpen && ids.Contains(x.InvoiceId))
                || theirs.Any(x => x.Date == date && x.Status != CollectionStatus.Cancelled)) continue;
            foreach (var invoice in invoices)
            {
                if (theirs.FirstOrDefault(x => x.InvoiceId == invoice.InvoiceId && x.Date == date) is { } again && again.Replan(customer.MandateId, invoice.DueMinor, now)) continue;
                db.Collections.Add(new Collection(organisationId, customer.CustomerId, customer.MandateId, invoice.InvoiceId, date, invoice.DueMinor,
                    invoice.Currency, now));
            }
            var amount = invoices.Sum(i => i.DueMinor);
            var numbers = invoices.Select(i => i.InvoiceNumber).Order(StringComparer.Ordinal).ToList();
            audit.Append(organisationId, "portal", "collection.scheduled", "customer", customer.CustomerRef,
                FormattableString.Invariant($"{date:yyyy-MM-dd}: {amount} minor units for {string.Join(", ", numbers)}"));
            db.OutboxEvents.Add(OutboxEvent.Create(organisationId, EventCatalogue.CollectionScheduled,
                new CollectionEventData(customer.CustomerRef, date, Money.FromMinor(amount, "EUR").Amount, "EUR", numbers, null), now));
            if (!announced.Contains(plan.Cause))
                await messages.PrepareAsync(organisationId, customer.CustomerRef, new Messages.MessageService.Request(
                    Domain.Messages.MessageKind.PreNotification, InvoiceNumbers: numbers, CauseKey: plan.Cause, Date: date, AmountMinor: amount,
                    Mandate: new Messages.MessageService.MandateFacts(customer.CreditorId, customer.MandateReference)), "portal", ct);
            planned += invoices.Count;
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return planned;
    }
}
