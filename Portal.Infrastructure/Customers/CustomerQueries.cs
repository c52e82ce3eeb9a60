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
    /// <summary>
    /// A row of the overview: the customer (<see cref="Part"/> 0), one of their open credits (1), one of the payable
    /// invoices in scope (2) or a term of their payment plan (3); the columns of the other parts are empty. Flat on purpose: a nested collection in a
    /// projection makes EF's materializer build new delegates for every row it reads.
    /// The statuses come as their names: a union needs one column type on every side, and an empty enum column would
    /// be a number where the stored ones are text.
    /// </summary>
    public sealed record AccountRow(int Part, string? Name, string? Language, long AmountMinor, string? Currency, string? CreditStatus,
        string? InvoiceNumber, string? Description, DateOnly? IssueDate, DateOnly? DueDate, long AmountPaidMinor, string? Status);

    /// <summary>
    /// The invoice page's rows: the invoice with one of its lines each (the line's columns null when it has none). Flat
    /// on purpose: a nested collection in a projection makes EF's materializer build new delegates for every row.
    /// </summary>
    public sealed record InvoiceLineRow(string InvoiceNumber, string? Description, DateOnly IssueDate, DateOnly DueDate, string Currency,
        long TotalMinor, long AmountPaidMinor, InvoiceStatus Status, string? LineDescription, decimal? LineQuantity, long? LineUnitPriceMinor,
        long? LineAmountMinor, decimal? LineVatRate);

    /// <summary>The overview in one query: the customer, then their open credits, then the payable invoices in scope by due date.</summary>
    public static readonly Func<PortalDbContext, long, long, Guid?, IAsyncEnumerable<AccountRow>> Account =
        EF.CompileAsyncQuery((PortalDbContext db, long organisationId, long customerId, Guid? payLinkId) =>
            db.Customers.AsNoTracking().Where(c => c.Id == customerId && c.OrganisationId == organisationId)
                .Select(c => new
                {
                    Part = 0, Name = (string?)c.Name, c.Language, AmountMinor = 0L, Currency = (string?)null, CreditStatus = (string?)null,
                    InvoiceNumber = (string?)null, Description = (string?)null, IssueDate = (DateOnly?)null, DueDate = (DateOnly?)null,
                    AmountPaidMinor = 0L, Status = (string?)null,
                })
                .Concat(db.CustomerCredits.Where(k => k.CustomerId == customerId && k.OrganisationId == organisationId
                        && k.Status != CreditStatus.Refunded)
                    .Select(k => new
                    {
                        Part = 1, Name = (string?)null, Language = (string?)null, k.AmountMinor, Currency = (string?)k.Currency,
                        CreditStatus = (string?)k.Status.ToString(), InvoiceNumber = (string?)null, Description = (string?)null,
                        IssueDate = (DateOnly?)null, DueDate = (DateOnly?)null, AmountPaidMinor = 0L, Status = (string?)null,
                    }))
                // The customer's id as a parameter, not a join: the planner then reads the invoices by the customer's
                // index, however many the organisation has.
                .Concat(db.Invoices.Where(i => i.CustomerId == customerId && i.OrganisationId == organisationId
                        && (i.Status == InvoiceStatus.Open || i.Status == InvoiceStatus.PartiallyPaid)
                        && (!db.Set<PayLinkInvoice>().Any(p => p.PayLinkId == payLinkId)
                            || db.Set<PayLinkInvoice>().Any(p => p.PayLinkId == payLinkId && p.InvoiceId == i.Id)))
                    .Select(i => new
                    {
                        Part = 2, Name = (string?)null, Language = (string?)null, AmountMinor = i.TotalMinor, Currency = (string?)i.Currency,
                        CreditStatus = (string?)null, InvoiceNumber = (string?)i.InvoiceNumber, i.Description,
                        IssueDate = (DateOnly?)i.IssueDate, DueDate = (DateOnly?)i.DueDate, i.AmountPaidMinor, Status = (string?)i.Status.ToString(),
                    }))
                // The terms of the customer's plan that runs or waits for an answer (3): the plan's status where a credit has its
                // status, the term's number where an invoice has what was paid, "customer" as the number when a counter-proposal waits.
                .Concat(db.ArrangementTerms.Join(db.Arrangements, t => t.ArrangementId, a => a.Id, (t, a) => new { t, a })
                    .Where(x => x.a.CustomerId == customerId && x.a.OrganisationId == organisationId
                        && (x.a.Status == Domain.Arrangements.ArrangementStatus.Active || x.a.Status == Domain.Arrangements.ArrangementStatus.Requested))
                    .Select(x => new
                    {
                        Part = 3, Name = (string?)null, Language = (string?)null, AmountMinor = x.t.AmountMinor, Currency = (string?)x.a.Currency,
                        CreditStatus = (string?)x.a.Status.ToString(), InvoiceNumber = x.a.AwaitingCustomer ? "customer" : (string?)null,
                        Description = (string?)null, IssueDate = (DateOnly?)null, DueDate = (DateOnly?)x.t.DueDate, AmountPaidMinor = (long)x.t.Number,
                        Status = (string?)x.t.Status.ToString(),
                    }))
                .OrderBy(r => r.Part).ThenBy(r => r.DueDate).ThenBy(r => r.InvoiceNumber)
                .Select(r => new AccountRow(r.Part, r.Name, r.Language, r.AmountMinor, r.Currency, r.CreditStatus, r.InvoiceNumber,
                    r.Description, r.IssueDate, r.DueDate, r.AmountPaidMinor, r.Status)));

    /// <summary>One invoice in scope with its lines in order, in one query.</summary>
    public static readonly Func<PortalDbContext, long, long, Guid?, string, IAsyncEnumerable<InvoiceLineRow>> Invoice =
        EF.CompileAsyncQuery((PortalDbContext db, long organisationId, long customerId, Guid? payLinkId, string invoiceNumber) =>
            db.Invoices.AsNoTracking()
                .Where(i => i.OrganisationId == organisationId && i.InvoiceNumber == invoiceNumber && i.CustomerId == customerId
                    && (!db.Set<PayLinkInvoice>().Any(p => p.PayLinkId == payLinkId)
                        || db.Set<PayLinkInvoice>().Any(p => p.PayLinkId == payLinkId && p.InvoiceId == i.Id)))
                .SelectMany(i => db.InvoiceLines.Where(l => l.InvoiceId == i.Id).DefaultIfEmpty(), (i, l) => new { i, l })
                .OrderBy(x => x.l!.Position)
                .Select(x => new InvoiceLineRow(x.i.InvoiceNumber, x.i.Description, x.i.IssueDate, x.i.DueDate, x.i.Currency, x.i.TotalMinor,
                    x.i.AmountPaidMinor, x.i.Status, x.l!.Description, x.l.Quantity, x.l.UnitPriceMinor, (long?)x.l.AmountMinor, x.l.VatRate)));
}
