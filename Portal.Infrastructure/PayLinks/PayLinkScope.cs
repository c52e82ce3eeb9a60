using Portal.Domain.Invoices;
using Portal.Domain.PayLinks;
using Portal.Infrastructure.Database;

namespace Portal.Infrastructure.PayLinks;

/// <summary>The invoices a pay link covers: the chosen ones, or all of the customer's.</summary>
public static class PayLinkScope
{
    public static IQueryable<Invoice> InvoicesOf(PortalDbContext db, PayLinkResolution link)
    {
        var invoices = db.Invoices.Where(i => i.OrganisationId == link.OrganisationId && i.CustomerId == link.CustomerId);
        var chosen = db.Set<PayLinkInvoice>().Where(p => p.PayLinkId == link.PayLinkId);
        return invoices.Where(i => !chosen.Any() || chosen.Any(p => p.InvoiceId == i.Id));
    }
}
