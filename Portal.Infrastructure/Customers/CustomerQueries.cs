using Microsoft.EntityFrameworkCore;
using Portal.Domain.Invoices;
using Portal.Domain.PayLinks;
using Portal.Domain.Payments;
using Portal.Infrastructure.Database;

namespace Portal.Infrastructure.Customers;

/// <summary>
/// The queries every customer page sends, compiled once. A LINQ query written in a method is an expression tree
/// that C# builds anew at every call and EF then has to walk, hash and look up; on a page that is most of its cost.
/// These are the same queries, built once. The invoices a scope may see follow <see cref="CustomerScope.Invoices"/>:
/// the customer's, or only those its pay link was made for (a scope without a pay link matches no chosen invoice,
/// so it sees all of them).
/// </summary>
internal static class CustomerQueries
{
    public sealed record AccountRow(string Name, string? Language, List<CreditRow> Credits, List<InvoiceRow> Invoices);

    public sealed record CreditRow(long AmountMinor, string Currency, CreditStatus Status);

    public sealed record InvoiceRow(string InvoiceNumber, string? Description, DateOnly IssueDate, DateOnly DueDate, string Currency,
        long TotalMinor, long AmountPaidMinor, InvoiceStatus Status);

    public sealed record InvoiceDetailRow(string InvoiceNumber, string? Description, DateOnly IssueDate, DateOnly DueDate, string Currency,
        long TotalMinor, long AmountPaidMinor, InvoiceStatus Status, List<LineRow> Lines);

    public sealed record LineRow(string Description, decimal? Quantity, long? UnitPriceMinor, long AmountMinor, decimal? VatRate);

    /// <summary>The overview in one query: the customer, their open credits and the payable invoices in scope.</summary>
    public static readonly Func<PortalDbContext, long, long, Guid?, Task<AccountRow?>> Account =
        EF.CompileAsyncQuery((PortalDbContext db, long organisationId, long customerId, Guid? payLinkId) =>
            db.Customers.AsNoTracking().Where(c => c.Id == customerId && c.OrganisationId == organisationId)
                .Select(c => new AccountRow(c.Name, c.Language,
                    db.CustomerCredits.Where(k => k.CustomerId == c.Id && k.Status != CreditStatus.Refunded)
                        .Select(k => new CreditRow(k.AmountMinor, k.Currency, k.Status)).ToList(),
                    // The customer's id as the parameter too, not only as the join: the planner then reads the invoices by
                    // the customer's index, however many the organisation has.
                    db.Invoices.Where(i => i.CustomerId == c.Id && i.CustomerId == customerId && i.OrganisationId == organisationId
                            && (i.Status == InvoiceStatus.Open || i.Status == InvoiceStatus.PartiallyPaid)
                            && (!db.Set<PayLinkInvoice>().Any(p => p.PayLinkId == payLinkId)
                                || db.Set<PayLinkInvoice>().Any(p => p.PayLinkId == payLinkId && p.InvoiceId == i.Id)))
                        .OrderBy(i => i.DueDate).ThenBy(i => i.InvoiceNumber)
                        .Select(i => new InvoiceRow(i.InvoiceNumber, i.Description, i.IssueDate, i.DueDate, i.Currency, i.TotalMinor,
                            i.AmountPaidMinor, i.Status)).ToList()))
                .FirstOrDefault());

    /// <summary>One invoice in scope with its lines, in one query.</summary>
    public static readonly Func<PortalDbContext, long, long, Guid?, string, Task<InvoiceDetailRow?>> Invoice =
        EF.CompileAsyncQuery((PortalDbContext db, long organisationId, long customerId, Guid? payLinkId, string invoiceNumber) =>
            db.Invoices.AsNoTracking()
                .Where(i => i.OrganisationId == organisationId && i.InvoiceNumber == invoiceNumber && i.CustomerId == customerId
                    && (!db.Set<PayLinkInvoice>().Any(p => p.PayLinkId == payLinkId)
                        || db.Set<PayLinkInvoice>().Any(p => p.PayLinkId == payLinkId && p.InvoiceId == i.Id)))
                .Select(i => new InvoiceDetailRow(i.InvoiceNumber, i.Description, i.IssueDate, i.DueDate, i.Currency, i.TotalMinor,
                    i.AmountPaidMinor, i.Status,
                    i.Lines.OrderBy(l => l.Position).Select(l => new LineRow(l.Description, l.Quantity, l.UnitPriceMinor, l.AmountMinor, l.VatRate)).ToList()))
                .FirstOrDefault());
}
