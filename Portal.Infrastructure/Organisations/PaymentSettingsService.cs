using Microsoft.EntityFrameworkCore;
using Portal.Infrastructure.Audit;
using Portal.Infrastructure.Database;

namespace Portal.Infrastructure.Organisations;

/// <summary>
/// How an organisation lets its customers pay: whether they may pay part, and from what amount; and whether money
/// that no invoice needs any more is refunded or kept as a credit.
/// </summary>
public class PaymentSettingsService(PortalDbContext db, AuditTrail audit)
{
    public record Settings(long? PartialPaymentMinimumMinor, bool RefundOverpayments);

    public Task<Settings> GetAsync(long organisationId, CancellationToken ct = default) =>
        db.Organisations.AsNoTracking().Where(o => o.Id == organisationId)
            .Select(o => new Settings(o.PartialPaymentMinimumMinor, o.RefundOverpayments)).FirstAsync(ct);

    /// <summary>A null minimum stops partial payments; a payment already started keeps the amount it was started with.</summary>
    public async Task SetAsync(long organisationId, Settings settings, string actor, CancellationToken ct = default)
    {
        await using var transaction = await db.BeginWriteAsync(organisationId, ct);
        var organisation = await db.Organisations.FirstAsync(o => o.Id == organisationId, ct);
        if (organisation.PartialPaymentMinimumMinor == settings.PartialPaymentMinimumMinor && organisation.RefundOverpayments == settings.RefundOverpayments) return;
        organisation.SetPartialPayments(settings.PartialPaymentMinimumMinor);
        organisation.SetRefundOverpayments(settings.RefundOverpayments);
        audit.Append(organisationId, actor, "organisation.payment_settings_changed", "organisation", organisationId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            (settings.PartialPaymentMinimumMinor is { } minimum ? $"partial payments from {minimum} minor units" : "partial payments off")
            + (settings.RefundOverpayments ? "; overpayments refunded" : "; overpayments kept as credit"));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }
}
