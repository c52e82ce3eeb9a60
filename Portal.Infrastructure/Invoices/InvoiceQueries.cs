using Microsoft.EntityFrameworkCore;
using Portal.Domain.Payments;
using Portal.Infrastructure.Database;

namespace Portal.Infrastructure.Invoices;

/// <summary>
/// The ERP's most frequent read, compiled once (see <see cref="Customers.CustomerQueries"/> for why): one invoice with
/// its lines and the payments that cover it, in one query.
/// </summary>
internal static class InvoiceQueries
{
    public sealed record PaymentRow(Guid Id, string Method, PaymentStatus Status, long AmountMinor, DateTime CreatedAtUtc, DateTime? PaidAtUtc);

    public sealed record InvoiceRow(InvoiceView View, List<PaymentRow> Payments);

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
                            (a, p) => new PaymentRow(p.Id, p.Method, p.Status, a.AmountMinor, p.CreatedAtUtc, p.PaidAtUtc)).ToList()))
                .FirstOrDefault());
}
