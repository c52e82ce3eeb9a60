using System.Linq.Expressions;

namespace Portal.Domain.Invoices;

/// <summary>Named filters over invoices, reused by the API and the customer's pages.</summary>
public static class InvoiceQueries
{
    public static readonly Expression<Func<Invoice, bool>> Payable =
        i => i.Status == InvoiceStatus.Open || i.Status == InvoiceStatus.PartiallyPaid;
}
