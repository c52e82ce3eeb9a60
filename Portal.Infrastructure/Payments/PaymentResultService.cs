using Microsoft.EntityFrameworkCore;
using Portal.Domain;
using Portal.Domain.Invoices;
using Portal.Domain.Payments;
using Portal.Infrastructure.Database;
using Portal.Infrastructure.Customers;
using Portal.Infrastructure.Payments.Mollie;

namespace Portal.Infrastructure.Payments;

/// <summary>What the customer sees back from the bank, in one record.</summary>
/// <param name="StillToPay">What the customer still owes after this payment, in its currency: zero after paying everything.</param>
public record PaymentResult(Guid PaymentId, PaymentStatus Status, Money Amount, bool FeedbackGiven, Money StillToPay);

/// <summary>
/// The payment's true state for the return page: one query for a payment that is final; for one still open or
/// pending, the provider is asked first (its webhook may be late), then the same query again.
/// </summary>
public class PaymentResultService(PortalDbContext db, PaymentSyncService sync)
{
    /// <summary>Null when it is not this customer's payment.</summary>
    public async Task<PaymentResult?> GetAsync(CustomerScope scope, Guid paymentId, bool askProvider, CancellationToken ct = default)
    {
        var result = await ReadAsync(scope, paymentId, ct);
        if (result is null || !askProvider || result.Value.ProviderPaymentId is null
            || result.Value.Result.Status is not (PaymentStatus.Open or PaymentStatus.Pending)) return result?.Result;
        try
        {
            await sync.SyncProviderPaymentAsync(result.Value.ProviderPaymentId, ct);
        }
        catch (MollieApiException e) when (e.IsTransient)
        {
            // Show what Portal knows; the webhook or the next look will bring the rest.
            return result.Value.Result;
        }
        db.ChangeTracker.Clear();
        return (await ReadAsync(scope, paymentId, ct))?.Result;
    }

    private async Task<(PaymentResult Result, string? ProviderPaymentId)?> ReadAsync(CustomerScope scope, Guid paymentId, CancellationToken ct)
    {
        var open = scope.Invoices(db).Where(InvoiceMoney.Payable);
        var found = await db.Payments.AsNoTracking()
            .Where(p => p.Id == paymentId && p.CustomerId == scope.CustomerId && p.OrganisationId == scope.OrganisationId)
            .Select(p => new
            {
                p.Status, p.AmountMinor, p.Currency, p.ProviderPaymentId,
                FeedbackGiven = db.Set<PaymentFeedback>().Any(f => f.PaymentId == p.Id),
                StillToPay = open.Where(i => i.Currency == p.Currency).Sum(InvoiceMoney.Due),
            })
            .FirstOrDefaultAsync(ct);
        if (found is null) return null;
        return (new PaymentResult(paymentId, found.Status, Money.FromMinor(found.AmountMinor, found.Currency), found.FeedbackGiven,
            Money.FromMinor(found.StillToPay, found.Currency)), found.ProviderPaymentId);
    }
}
