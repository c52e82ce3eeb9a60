using Microsoft.EntityFrameworkCore;
using Portal.Infrastructure.Audit;
using Portal.Infrastructure.Database;

namespace Portal.Infrastructure.Organisations;

/// <summary>How an organisation lets its customers pay: for now, whether they may pay part, and from what amount.</summary>
public class PaymentSettingsService(PortalDbContext db, AuditTrail audit)
{
    public Task<long?> GetPartialPaymentMinimumAsync(long organisationId, CancellationToken ct = default) =>
        db.Organisations.AsNoTracking().Where(o => o.Id == organisationId).Select(o => o.PartialPaymentMinimumMinor).FirstAsync(ct);

    /// <summary>Null stops partial payments; a payment already started keeps the amount it was started with.</summary>
    public async Task SetPartialPaymentMinimumAsync(long organisationId, long? minimumMinor, string actor, CancellationToken ct = default)
    {
        await using var transaction = await db.BeginWriteAsync(organisationId, ct);
        var organisation = await db.Organisations.FirstAsync(o => o.Id == organisationId, ct);
        if (organisation.PartialPaymentMinimumMinor == minimumMinor) return;
        organisation.SetPartialPayments(minimumMinor);
        audit.Append(organisationId, actor, "organisation.payment_settings_changed", "organisation", organisationId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            minimumMinor is null ? "partial payments off" : $"partial payments from {minimumMinor} minor units");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }
}
