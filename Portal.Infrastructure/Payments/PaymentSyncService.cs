using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portal.Domain;
using Portal.Domain.Events;
using Portal.Domain.Invoices;
using Portal.Domain.Payments;
using Portal.Infrastructure.Audit;
using Portal.Infrastructure.Database;
using Portal.Infrastructure.Payments.Mollie;

namespace Portal.Infrastructure.Payments;

/// <summary>
/// Brings a payment up to date with what the provider says (never what a webhook body says). Each change is
/// applied once: the payment, the invoices' amounts and status, the events for the ERP and the audit record
/// are saved in one transaction; a repeated or late status changes nothing.
/// </summary>
public class PaymentSyncService(PortalDbContext db, TimeProvider clock, MollieClient mollie, AuditTrail audit)
{
    /// <summary>Returns the payment's status after syncing, or null when the id is not a payment of Portal's.</summary>
    public async Task<PaymentStatus?> SyncProviderPaymentAsync(string providerPaymentId, CancellationToken ct = default)
    {
        var remote = await mollie.GetPaymentAsync(providerPaymentId, ct);
        Guid? ownId = remote.Metadata?.TryGetValue("payment", out var value) == true && Guid.TryParse(value, out var parsed) ? parsed : null;
        var target = await db.Payments.AsNoTracking()
            .Where(p => p.ProviderPaymentId == remote.Id || (ownId != null && p.Id == ownId))
            .Select(p => new { p.Id, p.OrganisationId }).FirstOrDefaultAsync(ct);
        if (target is null) return null;

        await using var transaction = await db.BeginWriteAsync(target.OrganisationId, ct);
        var payment = await db.Payments.Include(p => p.Allocations).FirstAsync(p => p.Id == target.Id, ct);
        if (payment.ProviderPaymentId is null) payment.AttachProvider(remote.Id, remote.CheckoutUrl?.ToString());
        var status = Payment.FromProvider(remote.Status);
        var now = clock.GetUtcNow().UtcDateTime;
        if (status is { } next && payment.MoveTo(next, now))
        {
            audit.Append(payment.OrganisationId, "provider:mollie", "payment." + next.ToString().ToLowerInvariant(), "payment", payment.Id.ToString(), "ok");
            if (next == PaymentStatus.Paid) await ApplyPaidAsync(payment, now, ct);
            else if (next is PaymentStatus.Failed) Emit(payment.OrganisationId, "payment.failed", await PaymentPayloadAsync(payment, ct), now);
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return payment.Status;
    }

    /// <summary>For the return page: asks the provider now, in case its webhook has not arrived yet.</summary>
    public async Task<PaymentStatus?> SyncAsync(Guid paymentId, CancellationToken ct = default)
    {
        var providerId = await db.Payments.Where(p => p.Id == paymentId).Select(p => p.ProviderPaymentId).FirstOrDefaultAsync(ct);
        return providerId is null ? null : await SyncProviderPaymentAsync(providerId, ct);
    }

    private async Task ApplyPaidAsync(Payment payment, DateTime now, CancellationToken ct)
    {
        var ids = payment.Allocations.Select(a => a.InvoiceId).ToList();
        var invoices = await db.Invoices.Where(i => ids.Contains(i.Id)).ToListAsync(ct);
        Emit(payment.OrganisationId, "payment.paid", await PaymentPayloadAsync(payment, ct), now);
        foreach (var allocation in payment.Allocations)
        {
            var invoice = invoices.Single(i => i.Id == allocation.InvoiceId);
            invoice.RegisterPayment(Money.FromMinor(allocation.AmountMinor, invoice.Currency), now);
            var type = invoice.Status == InvoiceStatus.Paid ? "invoice.paid" : "invoice.partially_paid";
            Emit(payment.OrganisationId, type, JsonSerializer.Serialize(new
            {
                invoiceNumbers = new[] { invoice.InvoiceNumber },
                invoiceNumber = invoice.InvoiceNumber,
                amountPaid = invoice.AmountPaid.Amount,
                amountDue = invoice.AmountDue.Amount,
                currency = invoice.Currency,
                paymentId = payment.Id,
            }), now);
        }
    }

    private async Task<string> PaymentPayloadAsync(Payment payment, CancellationToken ct)
    {
        var ids = payment.Allocations.Select(a => a.InvoiceId).ToList();
        var numbers = await db.Invoices.Where(i => ids.Contains(i.Id)).Select(i => i.InvoiceNumber).ToListAsync(ct);
        return JsonSerializer.Serialize(new
        {
            paymentId = payment.Id,
            invoiceNumbers = numbers.Order().ToList(),
            amount = payment.Amount.Amount,
            currency = payment.Currency,
            method = payment.Method,
            status = payment.Status.ToString().ToLowerInvariant(),
        });
    }

    private void Emit(long organisationId, string type, string payload, DateTime now) =>
        db.OutboxEvents.Add(new OutboxEvent(organisationId, type, payload, now));
}
