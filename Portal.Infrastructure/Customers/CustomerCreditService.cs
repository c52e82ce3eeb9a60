using Microsoft.EntityFrameworkCore;
using Portal.Domain.Payments;
using Portal.Infrastructure.Database;

namespace Portal.Infrastructure.Customers;

/// <summary>Money a customer paid that no invoice needed, as the ERP reads it back.</summary>
public class CustomerCreditService(PortalDbContext db)
{
    /// <summary>Null when the organisation has no such customer; oldest credit first.</summary>
    public async Task<IReadOnlyList<CreditView>?> ListAsync(long organisationId, string customerRef, CancellationToken ct = default)
    {
        var customerId = await db.Customers.AsNoTracking().Where(c => c.OrganisationId == organisationId && c.CustomerRef == customerRef)
            .Select(c => (long?)c.Id).FirstOrDefaultAsync(ct);
        if (customerId is null) return null;
        return await db.CustomerCredits.AsNoTracking().Where(c => c.CustomerId == customerId).OrderBy(c => c.Id)
            .Select(c => new CreditView(c.Id, c.PaymentId,
                db.Invoices.Where(i => i.Id == c.InvoiceId).Select(i => i.InvoiceNumber).First(),
                c.AmountMinor, c.Currency, c.Reason, c.Status, c.ProviderRefundId, c.RefundError, c.CreatedAtUtc, c.RefundedAtUtc))
            .ToListAsync(ct);
    }
}

public record CreditView(long Id, Guid PaymentId, string InvoiceNumber, long AmountMinor, string Currency, CreditReason Reason, CreditStatus Status,
    string? RefundId, string? RefundError, DateTime CreatedAtUtc, DateTime? RefundedAtUtc);
