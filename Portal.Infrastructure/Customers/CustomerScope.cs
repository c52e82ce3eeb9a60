using Portal.Domain.Invoices;
using Portal.Domain.PayLinks;
using Portal.Infrastructure.Database;
using Portal.Infrastructure.PayLinks;

namespace Portal.Infrastructure.Customers;

/// <summary>
/// Whose money a service may show and act on: one customer of one organisation, and which of their invoices. The
/// services that serve a customer take this, not the pay link: a pay link hands one out (<see cref="Of"/>), and a
/// staff page will hand one out for the customer it has open, so the back office calls the same services.
/// </summary>
/// <param name="PayLinkId">The pay link it came from; a link made for chosen invoices shows only those. Null: all of the customer's.</param>
/// <param name="Actor">Who acts, for the audit trail: <c>customer:{payLinkId}</c> for a pay link.</param>
public sealed record CustomerScope(long OrganisationId, long CustomerId, Guid? PayLinkId, string Actor)
{
    /// <summary>The scope of a customer who opened a pay link.</summary>
    public static CustomerScope Of(PayLinkResolution link) =>
        new(link.OrganisationId, link.CustomerId, link.PayLinkId, $"customer:{link.PayLinkId}");

    /// <summary>The invoices this scope may see: the customer's, or only those their pay link was made for.</summary>
    public IQueryable<Invoice> Invoices(PortalDbContext db)
    {
        var invoices = db.Invoices.Where(i => i.OrganisationId == OrganisationId && i.CustomerId == CustomerId);
        if (PayLinkId is not { } payLinkId) return invoices;
        var chosen = db.Set<PayLinkInvoice>().Where(p => p.PayLinkId == payLinkId);
        return invoices.Where(i => !chosen.Any() || chosen.Any(p => p.InvoiceId == i.Id));
    }
}
