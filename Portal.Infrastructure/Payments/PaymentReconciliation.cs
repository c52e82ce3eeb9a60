using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Portal.Domain.Payments;
using Portal.Infrastructure.Database;
using Portal.Infrastructure.Payments.Mollie;

namespace Portal.Infrastructure.Payments;

/// <summary>
/// Webhooks are best effort: this asks the provider about payments still open or pending, so a lost webhook is
/// repaired. Each sync is the same exactly-once path the webhook takes. One payment the provider cannot answer for
/// (a 404, a malformed answer) is recorded on that payment and never stops the others; overpayments that wait for a
/// refund are refunded at the end of each run.
/// </summary>
public class PaymentReconciliation(PortalDbContext db, TimeProvider clock, PaymentSyncService sync, CreditRefunds refunds,
    ILogger<PaymentReconciliation> logger) : Jobs.IScheduledWork
{
    Task Jobs.IScheduledWork.RunAsync(CancellationToken ct) => RunAsync(Grace, ct);

    /// <summary>Payments younger than this are left to their webhook; older than two days the provider has long decided.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromMinutes(2);

    public async Task<int> RunAsync(TimeSpan grace, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        // A direct debit settles days after it is made (over a weekend, a holiday): those are looked at for two weeks.
        var (newest, oldest, oldestDebit) = (now - grace, now - TimeSpan.FromDays(2), now - TimeSpan.FromDays(14));
        var open = await db.Payments.AsNoTracking()
            .Where(p => (p.Status == PaymentStatus.Open || p.Status == PaymentStatus.Pending) && p.ProviderPaymentId != null
                        && p.CreatedAtUtc <= newest && (p.CreatedAtUtc > oldest || (p.Method == "directdebit" && p.CreatedAtUtc > oldestDebit)))
            .OrderBy(p => p.LastSyncErrorAtUtc != null).ThenBy(p => p.CreatedAtUtc)
            .Select(p => new { p.Id, ProviderPaymentId = p.ProviderPaymentId! }).Take(500).ToListAsync(ct);
        var settled = 0;
        var providerDown = false;
        foreach (var payment in open)
        {
            try
            {
                var status = await sync.SyncProviderPaymentAsync(payment.ProviderPaymentId, ct);
                if (status is not (PaymentStatus.Open or PaymentStatus.Pending)) settled++;
            }
            catch (MollieApiException e) when (e.IsTransient)
            {
                logger.LogWarning("The payment provider is unavailable ({Status}); reconciliation stops and tries again later.", e.Status);
                providerDown = true;
                break;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning("Payment {PaymentId} could not be reconciled and is skipped: {Error}", payment.Id, e.Message);
                db.ChangeTracker.Clear();
                await RecordAsync(payment.Id, e.Message, ct);
            }
        }
        if (!providerDown) await refunds.RunAsync(ct: ct);
        if (settled > 0) logger.LogInformation("Reconciliation settled {Count} payment(s) whose webhook had not arrived.", settled);
        return settled;
    }

    private async Task RecordAsync(Guid paymentId, string error, CancellationToken ct)
    {
        var payment = await db.Payments.FirstOrDefaultAsync(p => p.Id == paymentId, ct);
        if (payment is null) return;
        payment.RecordSyncError(error, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
    }
}
