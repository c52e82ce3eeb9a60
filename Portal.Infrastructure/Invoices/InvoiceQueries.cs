using Microsoft.EntityFrameworkCore;
using Portal.Domain.Invoices;
using Portal.Domain.Payments;
using Portal.Infrastructure.Database;

namespace Portal.Infrastructure.Invoices;

/// <summary>
/// The ERP's most frequent reads, compiled once (see <see cref="Customers.CustomerQueries"/> for why): one invoice with
/// its lines and the payments that cover it, in one query; and a page of the invoice list.
/// </summary>
internal static class InvoiceQueries
{
    public sealed record PaymentRow(Guid Id, string Method, PaymentStatus Status, long AmountMinor, DateTime CreatedAtUtc, DateTime? PaidAtUtc);

    /// <param name="PausedByPlan">A payment plan that runs or waits for an answer holds the invoice.</param>
    /// <param name="PausedByDispute">The customer disputes it and the organisation has not resolved that yet.</param>
    /// <param name="PausedByHardship">A bewindvoerder or schuldhulpverlener handles the customer's money.</param>
    /// <param name="PromisedBy">The date of the customer's open promise to pay, which reminders wait for.</param>
    public sealed record InvoiceRow(InvoiceView View, List<PaymentRow> Payments, bool PausedByPlan, bool PausedByDispute, bool PausedByHardship,
        DateOnly? PromisedBy);

    public static readonly Func<PortalDbContext, long, string, Task<InvoiceRow?>> WithPayments =
        EF.CompileAsyncQuery((PortalDbContext db, long organisationId, string invoiceNumber) =>
            db.Invoices.AsNoTracking().Where(i => i.OrganisationId == organisationId && i.InvoiceNumber == invoiceNumber)
                .Select(i => new InvoiceRow(
                    new InvoiceView(i.Id, i.InvoiceNumber,
                        db.Customers.Where(c => c.Id == i.CustomerId).Select(c => c.CustomerRef).First(),
                        i.Status.ToString(), i.Currency, i.TotalMinor, i.AmountPaidMinor, i.IssueDate, i.DueDate, i.Description, i.ChangedAtUtc,
                        i.Lines.OrderBy(l => l.Position)
                            .Select(l => new InvoiceLineView(l.Description, l.AmountMinor, l.Quantity, l.UnitPriceMinor, l.VatRate)).ToList()),
                    db.Set<PaymentAllocation>().Where(a => a.InvoiceId == i.Id)
                        .Join(db.Payments, a => a.PaymentId, p => p.Id,
                            (a, p) => new PaymentRow(p.Id, p.Method, p.Status, a.AmountMinor, p.CreatedAtUtc, p.PaidAtUtc)).ToList(),
                    db.Arrangements.Where(Domain.Arrangements.Arrangement.Pausing).SelectMany(a => a.Invoices).Any(ai => ai.InvoiceId == i.Id),
                    db.Questions.Where(Domain.Questions.Question.Disputing).Any(q => q.InvoiceId == i.Id),
                    db.HardshipRegistrations.Any(h => h.CustomerId == i.CustomerId && h.Status == Domain.Hardship.HardshipStatus.Active),
                    db.PaymentPromises.Where(p => p.CustomerId == i.CustomerId && p.Status == Domain.Promises.PromiseStatus.Open)
                        .Select(p => (DateOnly?)p.PromisedDate).FirstOrDefault()))
                .FirstOrDefault());

    /// <summary>
    /// One row of a page of the list: an invoice with one of its lines (the line's columns null when it has none).
    /// Flat on purpose: a nested collection in a projection makes EF's materializer build new delegates for every row
    /// it reads, which on a page of 100 invoices cost more than reading them.
    /// </summary>
    public sealed record ListRow(long Id, string InvoiceNumber, string CustomerRef, string Status, string Currency, long TotalMinor,
        long AmountPaidMinor, DateOnly IssueDate, DateOnly DueDate, string? Description, DateTime ChangedAtUtc,
        string? LineDescription, long? LineAmountMinor, decimal? LineQuantity, long? LineUnitPriceMinor, decimal? LineVatRate);

    /// <summary>
    /// A page of an organisation's invoices in change order: changed at or after <c>since</c>, and after the cursor's
    /// position (<c>fromAt</c>, <c>fromId</c>): changed later, or at the same moment with a higher id. Without a filter
    /// or a cursor they are the lowest moment there is. Both bounds are on the index of (organisation, changed, id),
    /// which is read from the later of the two on, however long the list. The two are not merged into one beforehand:
    /// PostgreSQL keeps microseconds where .NET has ticks, so which bound is later is for the database to say. A status,
    /// when given, only filters the rows the index yields: it is not part of the index, so one query serves both.
    /// </summary>
    public static readonly Func<PortalDbContext, long, InvoiceStatus?, DateTime, DateTime, long, int, IAsyncEnumerable<ListRow>> Page =
        EF.CompileAsyncQuery((PortalDbContext db, long organisationId, InvoiceStatus? status, DateTime since, DateTime fromAt, long fromId, int limit) =>
            db.Invoices.AsNoTracking()
                .Where(i => i.OrganisationId == organisationId && (status == null || i.Status == status) && i.ChangedAtUtc >= since
                    && i.ChangedAtUtc >= fromAt && (i.ChangedAtUtc > fromAt || i.Id > fromId))
                .OrderBy(i => i.ChangedAtUtc).ThenBy(i => i.Id).Take(limit)
                // The customer's reference once per invoice, inside the page, not once per line.
                .Join(db.Customers, i => i.CustomerId, c => c.Id, (i, c) => new { i, c.CustomerRef })
                .SelectMany(x => db.InvoiceLines.Where(l => l.InvoiceId == x.i.Id).DefaultIfEmpty(), (x, l) => new { x.i, x.CustomerRef, l })
                .OrderBy(x => x.i.ChangedAtUtc).ThenBy(x => x.i.Id).ThenBy(x => x.l!.Position)
                .Select(x => new ListRow(x.i.Id, x.i.InvoiceNumber, x.CustomerRef,
                    x.i.Status.ToString(), x.i.Currency, x.i.TotalMinor, x.i.AmountPaidMinor, x.i.IssueDate, x.i.DueDate, x.i.Description,
                    x.i.ChangedAtUtc, x.l!.Description, (long?)x.l.AmountMinor, x.l.Quantity, x.l.UnitPriceMinor, x.l.VatRate)));
}
