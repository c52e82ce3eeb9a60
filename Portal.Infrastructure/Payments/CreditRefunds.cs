using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Portal.Domain;
using Portal.Domain.Events;
using Portal.Domain.Payments;
using Portal.Infrastructure.Audit;
using Portal.Infrastructure.Database;
using Portal.Infrastructure.Payments.Mollie;

namespace Portal.Infrastructure.Payments;

/// <summary>
/// Gives back money no invoice needed, where the organisation refunds overpayments: one provider refund per credit.
/// A refund is found again by the credit's id in its metadata before a new one is made, so a crash between the
/// provider's answer and Portal's save never refunds twice, also after Mollie forgot the Idempotency-Key.
/// </summary>
public class CreditRefunds(PortalDbContext db, TimeProvider clock, MollieClient mollie, AuditTrail audit, ILogger<CreditRefunds> logger)
{
    public static string ReasonName(CreditReason reason) => reason switch
    {
        CreditReason.InvoiceCancelled => "invoice_cancelled",
        _ => "invoice_already_paid",
    };

    public static string StatusName(CreditStatus status) => status switch
    {
        CreditStatus.Held => "held",
        CreditStatus.Refunding => "refunding",
        CreditStatus.Refunded => "refunded",
        _ => "refund_failed",
    };

    /// <summary>Refunds the credits that wait for it (of one payment, when given); returns how many the provider accepted.</summary>
    public async Task<int> RunAsync(Guid? paymentId = null, CancellationToken ct = default)
    {
        var waiting = await db.CustomerCredits.AsNoTracking()
            .Where(c => c.Status == CreditStatus.Refunding && (paymentId == null || c.PaymentId == paymentId))
            .OrderBy(c => c.Id).Take(200)
            .Select(c => new
            {
                c.Id, c.OrganisationId, c.AmountMinor, c.Currency, c.PaymentId,
                ProviderPaymentId = db.Payments.Where(p => p.Id == c.PaymentId).Select(p => p.ProviderPaymentId).FirstOrDefault(),
                InvoiceNumber = db.Invoices.Where(i => i.Id == c.InvoiceId).Select(i => i.InvoiceNumber).FirstOrDefault(),
            })
            .ToListAsync(ct);
        var refunded = 0;
        foreach (var credit in waiting)
        {
            var creditId = credit.Id.ToString(CultureInfo.InvariantCulture);
            if (credit.ProviderPaymentId is null) continue;
            try
            {
                var existing = (await mollie.ListRefundsAsync(credit.ProviderPaymentId, ct)).Items
                    .FirstOrDefault(r => r.Metadata?.TryGetValue("credit", out var id) == true && id == creditId);
                var description = $"Terugbetaling factuur {credit.InvoiceNumber}";
                var refund = existing ?? await mollie.CreateRefundAsync(credit.ProviderPaymentId,
                    new CreateMollieRefund(MollieAmount.From(Money.FromMinor(credit.AmountMinor, credit.Currency)),
                        description.Length > 140 ? description[..140] : description,
                        new Dictionary<string, string> { ["credit"] = creditId }),
                    $"credit-{creditId}", ct);
                if (await SettleAsync(credit.OrganisationId, credit.Id, c => c.MarkRefunded(refund.Id, clock.GetUtcNow().UtcDateTime),
                        EventCatalogue.CreditRefunded, credit.PaymentId, credit.InvoiceNumber, refund.Id, null, ct))
                    refunded++;
            }
            catch (MollieApiException e) when (e.IsTransient)
            {
                logger.LogWarning("The payment provider is unavailable ({Status}); refunds are tried again later.", e.Status);
                break;
            }
            catch (MollieApiException e)
            {
                var reason = e.Message;
                logger.LogWarning("The provider refused to refund credit {CreditId} of payment {PaymentId}: {Reason}", credit.Id, credit.PaymentId, reason);
                await SettleAsync(credit.OrganisationId, credit.Id, c => c.MarkRefundFailed(reason), EventCatalogue.CreditRefundFailed,
                    credit.PaymentId, credit.InvoiceNumber, null, reason, ct);
            }
        }
        return refunded;
    }

    private async Task<bool> SettleAsync(long organisationId, long creditId, Action<CustomerCredit> change, EventType<CreditRefundEventData> type, Guid paymentId,
        string? invoiceNumber, string? refundId, string? reason, CancellationToken ct)
    {
        await using var transaction = await db.BeginWriteAsync(organisationId, ct);
        var credit = await db.CustomerCredits.FirstAsync(c => c.Id == creditId, ct);
        if (credit.Status != CreditStatus.Refunding) return false;
        change(credit);
        var now = clock.GetUtcNow().UtcDateTime;
        audit.Append(organisationId, "provider:mollie", type.Name, "credit", creditId.ToString(CultureInfo.InvariantCulture), reason ?? refundId ?? "ok");
        db.OutboxEvents.Add(OutboxEvent.Create(organisationId, type, new CreditRefundEventData(creditId, paymentId, [invoiceNumber ?? ""],
            invoiceNumber ?? "", credit.Amount.Amount, credit.Currency, refundId, reason), now));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return true;
    }
}
