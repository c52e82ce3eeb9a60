using Microsoft.EntityFrameworkCore;
using Portal.Domain;
using Portal.Domain.Arrangements;
using Portal.Domain.DirectDebit;
using Portal.Domain.Events;
using Portal.Domain.Invoices;
using Portal.Domain.Messages;
using Portal.Infrastructure.Audit;
using Portal.Infrastructure.Database;
using Portal.Infrastructure.Messages;

namespace Portal.Infrastructure.Arrangements;

/// <summary>
/// Moves running plans on: terms paid (however the money came), missed ones with a friendly reminder and the policy's
/// grace, plans broken or completed, and for plans paid by pay link the message before each term. Runs every day with
/// the direct-debit run, and for one customer right after one of their payments is booked, so a paid term shows at once.
/// </summary>
public class ArrangementRun(PortalDbContext db, TimeProvider clock, AuditTrail audit, MessageService messages)
{
    private const int Chunk = 100;

    /// <summary>
    /// Every running plan, a hundred per transaction; answers how many steps they took. A plan of a customer whose money a
    /// bewindvoerder or schuldhulpverlener handles stands still (no reminder, no term missed) until that registration ends.
    /// </summary>
    public async Task<int> RunAsync(CancellationToken ct = default)
    {
        var plans = await db.Arrangements.AsNoTracking().Where(a => a.Status == ArrangementStatus.Active && !db.HardshipRegistrations.Any(h => h.CustomerId == a.CustomerId && h.Status == Domain.Hardship.HardshipStatus.Active))
            .Select(a => new { a.Id, a.OrganisationId }).ToListAsync(ct);
        var steps = 0;
        foreach (var chunk in plans.GroupBy(p => p.OrganisationId).SelectMany(o => o.Chunk(Chunk)))
        {
            await using var transaction = await db.BeginWriteAsync(chunk[0].OrganisationId, ct);
            steps += await MoveAsync(chunk[0].OrganisationId, [.. chunk.Select(p => p.Id)], ct);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            db.ChangeTracker.Clear();
        }
        return steps;
    }

    /// <summary>The running plans of one customer, inside the caller's transaction (a payment was just booked and saved).</summary>
    public async Task CustomerAsync(long organisationId, long customerId, CancellationToken ct = default)
    {
        var ids = await db.Arrangements.Where(a => a.CustomerId == customerId && a.Status == ArrangementStatus.Active && !db.HardshipRegistrations.Any(h => h.CustomerId == a.CustomerId && h.Status == Domain.Hardship.HardshipStatus.Active))
            .Select(a => a.Id).ToListAsync(ct);
        if (ids.Count > 0) await MoveAsync(organisationId, ids, ct);
    }

    private async Task<int> MoveAsync(long organisationId, IReadOnlyList<long> ids, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var now = clock.GetUtcNow().UtcDateTime;
        var organisation = await db.Organisations.AsNoTracking().FirstAsync(o => o.Id == organisationId, ct);
        var policy = organisation.ArrangementPolicy;
        var plans = await db.Arrangements.Include(a => a.Terms).Include(a => a.Invoices).AsSplitQuery()
            .Where(a => ids.Contains(a.Id) && a.Status == ArrangementStatus.Active).ToListAsync(ct);
        var invoiceIds = plans.SelectMany(a => a.Invoices.Select(i => i.InvoiceId)).Distinct().ToList();
        var invoices = await db.Invoices.AsNoTracking().Where(i => invoiceIds.Contains(i.Id))
            .Select(i => new { i.Id, i.InvoiceNumber, i.AmountPaidMinor, Cancelled = i.Status == InvoiceStatus.Cancelled }).ToDictionaryAsync(i => i.Id, ct);
        var inCollection = await db.Collections.AsNoTracking().Where(Collection.Open).Where(c => invoiceIds.Contains(c.InvoiceId))
            .GroupBy(c => c.InvoiceId).Select(g => new { g.Key, Amount = g.Sum(c => c.AmountMinor) }).ToDictionaryAsync(g => g.Key, g => g.Amount, ct);
        var customerIds = plans.Select(a => a.CustomerId).Distinct().ToList();
        var refs = await db.Customers.AsNoTracking().Where(c => customerIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.CustomerRef, ct);
        var causes = plans.SelectMany(p => p.Terms.Select(t => ReminderCause(p, t))).ToList();
        var sent = (await db.Messages.Where(m => m.OrganisationId == organisationId && causes.Contains(m.CauseKey!)).Select(m => m.CauseKey!).ToListAsync(ct))
            .ToHashSet(StringComparer.Ordinal);
        var steps = 0;
        foreach (var plan in plans)
        {
            var customerRef = refs[plan.CustomerId];
            var paid = ArrangementProgress.PaidToward(plan.Invoices.Select(i => (i, invoices[i.InvoiceId].AmountPaidMinor, invoices[i.InvoiceId].Cancelled)));
            var collecting = plan.Invoices.Sum(i => inCollection.GetValueOrDefault(i.InvoiceId));
            var numbers = plan.Invoices.Select(i => invoices[i.InvoiceId].InvoiceNumber).Order(StringComparer.Ordinal).ToList();
            foreach (var change in ArrangementProgress.Apply(plan, policy, paid, collecting, today, now))
            {
                steps++;
                await TellAsync(plan, change, customerRef, numbers, paid, policy, now, ct);
            }
            if (plan.Status == ArrangementStatus.Active && plan.PaidBy == PaidBy.PayLink
                && ArrangementProgress.Next(plan) is { Status: TermStatus.Planned } next && next.DueDate >= today
                && next.DueDate <= CollectionCalendar.Earliest(today, organisation.PreNotificationLeadDays) && sent.Add(ReminderCause(plan, next)))
            {
                var due = plan.Terms.Where(t => t.Number <= next.Number).Sum(t => t.AmountMinor) - paid;
                await messages.PrepareAsync(organisationId, customerRef, new MessageService.Request(MessageKind.InstalmentReminder, AmountMinor: due,
                    Date: next.DueDate, CauseKey: ReminderCause(plan, next)), "portal", ct);
            }
        }
        return steps;
    }

    /// <summary>
    /// A plan that ends takes back the terms announced but not handed to the bank yet; what is at the bank already goes
    /// its way (and counts toward the invoices like any payment).
    /// </summary>
    internal static async Task CancelPlannedCollectionsAsync(PortalDbContext db, Arrangement plan, DateTime now, CancellationToken ct)
    {
        var invoiceIds = plan.Invoices.Select(i => i.InvoiceId).ToList();
        foreach (var collection in await db.Collections.Where(c => invoiceIds.Contains(c.InvoiceId) && c.Status == CollectionStatus.Planned).ToListAsync(ct))
            collection.Cancel(now);
    }

    private static string ReminderCause(Arrangement plan, ArrangementTerm term) => $"instalment:{plan.PublicId:N}:{term.Number}";

    private async Task TellAsync(Arrangement plan, ProgressChange change, string customerRef, IReadOnlyList<string> numbers, long paid,
        ArrangementPolicy policy, DateTime now, CancellationToken ct)
    {
        var id = plan.PublicId.ToString();
        switch (change.Step)
        {
            case ProgressStep.TermPaid or ProgressStep.TermMissed:
                var term = change.Term!;
                var missed = change.Step == ProgressStep.TermMissed;
                var grace = missed ? ArrangementProgress.GraceEnds(term, policy) : (DateOnly?)null;
                audit.Append(plan.OrganisationId, "portal", missed ? "instalment.missed" : "instalment.paid", "arrangement", id, $"term {term.Number}");
                db.OutboxEvents.Add(OutboxEvent.Create(plan.OrganisationId, missed ? EventCatalogue.InstalmentMissed : EventCatalogue.InstalmentPaid,
                    new InstalmentEventData(plan.PublicId, customerRef, term.Number, term.DueDate, Money.FromMinor(term.AmountMinor, plan.Currency).Amount,
                        plan.Currency, ArrangementService.TermStatusName(term.Status), grace), now));
                if (missed)
                    await messages.PrepareAsync(plan.OrganisationId, customerRef, new MessageService.Request(MessageKind.InstalmentMissed,
                        AmountMinor: plan.Terms.Where(t => t.Number <= term.Number).Sum(t => t.AmountMinor) - paid, Date: grace,
                        CauseKey: $"instalment-missed:{plan.PublicId:N}:{term.Number}"), "portal", ct);
                break;
            case ProgressStep.Broken or ProgressStep.Completed:
                var broken = change.Step == ProgressStep.Broken;
                audit.Append(plan.OrganisationId, "portal", broken ? "arrangement.broken" : "arrangement.completed", "arrangement", id, "ok");
                db.OutboxEvents.Add(OutboxEvent.Create(plan.OrganisationId, broken ? EventCatalogue.ArrangementBroken : EventCatalogue.ArrangementCompleted,
                    ArrangementService.EventData(plan, customerRef, numbers), now));
                if (broken) await CancelPlannedCollectionsAsync(db, plan, now, ct);
                if (broken)
                    await messages.PrepareAsync(plan.OrganisationId, customerRef, new MessageService.Request(MessageKind.ArrangementBroken,
                        AmountMinor: plan.TotalMinor - paid, CauseKey: $"arrangement-broken:{plan.PublicId:N}"), "portal", ct);
                break;
        }
    }
}
