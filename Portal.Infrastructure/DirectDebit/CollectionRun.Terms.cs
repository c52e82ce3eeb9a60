using Microsoft.EntityFrameworkCore;
using Portal.Domain.Arrangements;
using Portal.Domain.DirectDebit;
using Portal.Domain.Invoices;

namespace Portal.Infrastructure.DirectDebit;

/// <summary>
/// The planning of payment-plan terms paid by direct debit. The next term of a running plan is collected on its date
/// (or the plan's next collection date when its own can no longer be announced), split over the plan's invoices in
/// order of due date. Only the term's own amount: a missed term is not added to the next one, the customer pays it
/// from the reminder. One term of a plan is in collection at a time; none while someone else handles the customer's money.
/// </summary>
public partial class CollectionRun
{
    private async Task<List<Plan>> TermPlansAsync(DateOnly today, CancellationToken ct)
    {
        var running = await (
            from a in db.Arrangements.AsNoTracking()
            join o in db.Organisations on a.OrganisationId equals o.Id
            join c in db.Customers on a.CustomerId equals c.Id
            join m in db.Mandates on a.CustomerId equals m.CustomerId
            where a.Status == ArrangementStatus.Active && a.PaidBy == PaidBy.DirectDebit && a.CollectionDay != null && o.DirectDebitEnabled
                && m.Status == MandateStatus.Valid
                && !db.Collections.Where(Collection.Open).Any(x => a.Invoices.Any(i => i.InvoiceId == x.InvoiceId))
                && !db.HardshipRegistrations.Any(h => h.CustomerId == a.CustomerId && h.Status == Domain.Hardship.HardshipStatus.Active)
            select new { a.Id, a.OrganisationId, a.CustomerId, c.CustomerRef, MandateId = m.Id, m.Reference, Day = a.CollectionDay!.Value,
                Lead = o.PreNotificationLeadDays, o.CreditorId })
            .ToListAsync(ct);
        if (running.Count == 0) return [];
        var ids = running.Select(r => r.Id).Distinct().ToList();
        var plans = await db.Arrangements.AsNoTracking().Include(a => a.Terms).Include(a => a.Invoices).AsSplitQuery()
            .Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, ct);
        var invoiceIds = plans.Values.SelectMany(a => a.Invoices.Select(i => i.InvoiceId)).ToList();
        var invoices = await db.Invoices.AsNoTracking().Where(i => invoiceIds.Contains(i.Id)).Where(InvoiceMoney.Payable)
            .Select(i => new { i.Id, i.InvoiceNumber, i.DueDate, i.Currency, i.TotalMinor, i.AmountPaidMinor }).ToDictionaryAsync(i => i.Id, ct);
        var paidNow = await db.Invoices.AsNoTracking().Where(i => invoiceIds.Contains(i.Id))
            .Select(i => new { i.Id, i.AmountPaidMinor, Cancelled = i.Status == InvoiceStatus.Cancelled }).ToDictionaryAsync(i => i.Id, ct);

        var result = new List<Plan>();
        foreach (var row in running.GroupBy(r => r.Id).Select(g => g.OrderByDescending(r => r.MandateId).First()))
        {
            var plan = plans[row.Id];
            if (plan.Terms.OrderBy(t => t.Number).FirstOrDefault(t => t.Status == TermStatus.Planned) is not { } term) continue;
            var next = CollectionCalendar.First(today, row.Day, row.Lead);
            if (CollectionCalendar.ForInvoice(term.DueDate, today, row.Day, row.Lead) != next) continue;
            var paid = ArrangementProgress.PaidToward(plan.Invoices.Select(i => (i, paidNow[i.InvoiceId].AmountPaidMinor, paidNow[i.InvoiceId].Cancelled)));
            var owed = Math.Min(term.AmountMinor, plan.Terms.Where(t => t.Number <= term.Number).Sum(t => t.AmountMinor) - paid);
            var parts = new List<Candidate>();
            foreach (var part in plan.Invoices.Where(i => invoices.ContainsKey(i.InvoiceId)).Select(i => invoices[i.InvoiceId])
                         .OrderBy(i => i.DueDate).ThenBy(i => i.InvoiceNumber, StringComparer.Ordinal))
            {
                if (owed <= 0) break;
                var take = Math.Min(owed, InvoiceMoney.DueMinor(part.TotalMinor, part.AmountPaidMinor));
                if (take <= 0) continue;
                parts.Add(new Candidate(row.OrganisationId, row.CustomerId, row.CustomerRef, row.MandateId, row.Reference, row.Day, row.Lead, row.CreditorId,
                    part.Id, part.InvoiceNumber, part.DueDate, part.Currency, take));
                owed -= take;
            }
            if (parts.Count > 0) result.Add(new Plan(parts[0], next, parts, Term: true));
        }
        return result;
    }
}
