using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Portal.Domain.Payments;
using Portal.Infrastructure.Database;
using Portal.Infrastructure.Payments.Mollie;

namespace Portal.Infrastructure.Payments;

/// <summary>
/// Webhooks are best effort: this asks the provider about payments still open or pending, so a lost webhook is
/// repaired. Each sync is the same exactly-once path the webhook takes.
/// </summary>
public class PaymentReconciliation(PortalDbContext db, TimeProvider clock, PaymentSyncService sync, ILogger<PaymentReconciliation> logger)
{
    /// <summary>Payments younger than this are left to their webhook; older than two days the provider has long decided.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromMinutes(2);

    public async Task<int> RunAsync(TimeSpan grace, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var (newest, oldest) = (now - grace, now - TimeSpan.FromDays(2));
        var open = await db.Payments.AsNoTracking()
            .Where(p => (p.Status == PaymentStatus.Open || p.Status == PaymentStatus.Pending) && p.ProviderPaymentId != null
                        && p.CreatedAtUtc <= newest && p.CreatedAtUtc > oldest)
            .OrderBy(p => p.CreatedAtUtc).Select(p => p.ProviderPaymentId!).Take(500).ToListAsync(ct);
        var settled = 0;
        foreach (var providerId in open)
        {
            try
            {
                var status = await sync.SyncProviderPaymentAsync(providerId, ct);
                if (status is not (PaymentStatus.Open or PaymentStatus.Pending)) settled++;
            }
            catch (MollieApiException e) when (e.IsTransient)
            {
                logger.LogWarning("The payment provider is unavailable ({Status}); reconciliation stops and tries again later.", e.Status);
                break;
            }
        }
        if (settled > 0) logger.LogInformation("Reconciliation settled {Count} payment(s) whose webhook had not arrived.", settled);
        return settled;
    }
}
