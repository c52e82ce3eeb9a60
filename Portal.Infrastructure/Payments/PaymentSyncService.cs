using Microsoft.EntityFrameworkCore;
using Portal.Domain;
using Portal.Domain.Events;
using Portal.Domain.Invoices;
using Portal.Domain.Payments;
using Portal.Infrastructure.Audit;
using Portal.Infrastructure.Database;
using Microsoft.Extensions.Logging;
using Portal.Infrastructure.Payments.Mollie;

namespace Portal.Infrastructure.Payments;

/// <summary>
/// Brings a payment up to date with what the provider says (never what a webhook body says). Each change is
/// applied once: the payment, the invoices' amounts and status, the events for the ERP and the audit record
/// are saved in one transaction; a repeated or late status changes nothing.
/// </summary>
public class PaymentSyncService(PortalDbContext db, TimeProvider clock, MollieClient mollie, AuditTrail audit, CreditRefunds refunds,
    Messages.MessageService messages, DirectDebit.CollectionResults collections, DirectDebit.DirectDebitService directDebit,
    Arrangements.ArrangementRun plans, ILogger<PaymentSyncService> logger)
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
        var paidNow = false;
        if (status is { } next && payment.MoveTo(next, now))
        {
            paidNow = next == PaymentStatus.Paid;
            audit.Append(payment.OrganisationId, "provider:mollie", "payment." + next.ToString().ToLowerInvariant(), "payment", payment.Id.ToString(), "ok");
            if (next == PaymentStatus.Paid) await ApplyPaidAsync(payment, now, ct);
            else if (next is PaymentStatus.Failed) Emit(payment.OrganisationId, EventCatalogue.PaymentFailed, await PaymentDataAsync(payment, ct), now);
            // A direct debit is also a collection: the bank's answer reaches its rows, the customer and the ERP here.
            if (payment.IsFinal) await collections.ApplyAsync(payment, remote.Details?.BankReasonCode, ct);
            // A first payment that proves the account: paid, and the customer's direct debit starts.
            if (payment.IsFinal && remote.SequenceType == "first") await directDebit.FirstPaymentFinishedAsync(payment, remote, ct);
        }
        // A paid direct debit can still come back (the customer asks their bank; up to 8 weeks, 13 months if unauthorised).
        if (payment is { Method: "directdebit", Status: PaymentStatus.Paid } && remote.AmountChargedBack is { } back
            && back.ToMoney().MinorUnits is > 0 and var backMinor)
        {
            var reason = (await mollie.ListChargebacksAsync(remote.Id, ct)).Items.Select(c => c.Reason?.Code).FirstOrDefault(c => c is not null) ?? "MD06";
            await collections.ChargedBackAsync(payment, backMinor, reason, ct);
        }
        var refundNow = db.ChangeTracker.Entries<CustomerCredit>().Any(e => e.State == EntityState.Added && e.Entity.Status == CreditStatus.Refunding);
        // The small first payment that sets up direct debit is no payment to thank for; the confirmation says enough.
        if (paidNow && remote.SequenceType != "first") await ThankAsync(payment, ct);
        await db.SaveChangesAsync(ct);
        // A payment toward a plan pays its terms now, not at the next daily run (it reads the invoices as just saved).
        if (paidNow)
        {
            await plans.CustomerAsync(payment.OrganisationId, payment.CustomerId, ct);
            await db.SaveChangesAsync(ct);
        }
        await transaction.CommitAsync(ct);
        if (refundNow) await RefundBestEffortAsync(payment.Id, ct);
        return payment.Status;
    }

    /// <summary>
    /// The thank-you after a payment (the seeds' after-sales moment), in the same transaction as the payment, unless the
    /// organisation switched it off. The invoices are saved as paid first, so the message says what is really left.
    /// A customer Portal cannot reach (nothing on file for any channel it can send by) simply gets none.
    /// </summary>
    private async Task ThankAsync(Payment payment, CancellationToken ct)
    {
        if (!await db.Organisations.Where(o => o.Id == payment.OrganisationId).Select(o => o.SendsThankYou).FirstAsync(ct)) return;
        await db.SaveChangesAsync(ct);
        var customerRef = await db.Customers.Where(c => c.Id == payment.CustomerId).Select(c => c.CustomerRef).FirstAsync(ct);
        await messages.PrepareAsync(payment.OrganisationId, customerRef,
            new Messages.MessageService.Request(Portal.Domain.Messages.MessageKind.ThankYou, CauseKey: $"thank-you:{payment.Id}"), "portal", ct);
    }

    /// <summary>The payment is booked whatever happens here; a refund that fails now is tried again by the reconciliation job.</summary>
    private async Task RefundBestEffortAsync(Guid paymentId, CancellationToken ct)
    {
        try
        {
            await refunds.RunAsync(paymentId, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Refunding the overpayment of payment {PaymentId} failed; the reconciliation job tries again.", paymentId);
        }
    }

    /// <summary>For the return page: asks the provider now, in case its webhook has not arrived yet.</summary>
    public async Task<PaymentStatus?> SyncAsync(Guid paymentId, CancellationToken ct = default)
    {
        var providerId = await db.Payments.Where(p => p.Id == paymentId).Select(p => p.ProviderPaymentId).FirstOrDefaultAsync(ct);
        return providerId is null ? null : await SyncProviderPaymentAsync(providerId, ct);
    }

    /// <summary>
    /// Books a paid payment on its invoices. Each invoice takes only what it still needs; money for an invoice that no
    /// longer needs it (paid by an overlapping payment, or cancelled) becomes a credit on the customer, the ERP hears
    /// of it as payment.unallocated, and it is refunded where the organisation says so.
    /// </summary>
    private async Task ApplyPaidAsync(Payment payment, DateTime now, CancellationToken ct)
    {
        var ids = payment.Allocations.Select(a => a.InvoiceId).ToList();
        var invoices = await db.Invoices.Where(i => ids.Contains(i.Id)).ToListAsync(ct);
        var refund = await db.Organisations.Where(o => o.Id == payment.OrganisationId).Select(o => o.RefundOverpayments).FirstAsync(ct);
        Emit(payment.OrganisationId, EventCatalogue.PaymentPaid, await PaymentDataAsync(payment, ct), now);
        foreach (var allocation in payment.Allocations)
        {
            var invoice = invoices.Single(i => i.Id == allocation.InvoiceId);
            var reason = invoice.Status == InvoiceStatus.Cancelled ? CreditReason.InvoiceCancelled : CreditReason.InvoiceAlreadyPaid;
            var taken = invoice.RegisterPayment(Money.FromMinor(allocation.AmountMinor, invoice.Currency), now);
            if (!taken.IsZero)
            {
                Emit(payment.OrganisationId, invoice.Status == InvoiceStatus.Paid ? EventCatalogue.InvoicePaid : EventCatalogue.InvoicePartiallyPaid,
                    new InvoicePaymentEventData([invoice.InvoiceNumber], invoice.InvoiceNumber, invoice.AmountPaid.Amount, invoice.AmountDue.Amount,
                        invoice.Currency, payment.Id), now);
            }
            var rest = allocation.AmountMinor - taken.MinorUnits;
            if (rest <= 0) continue;
            var credit = db.CustomerCredits.Add(new CustomerCredit(payment.OrganisationId, payment.CustomerId, payment.Id, invoice.Id, rest,
                invoice.Currency, reason, refund, now)).Entity;
            audit.Append(payment.OrganisationId, "provider:mollie", "payment.unallocated", "payment", payment.Id.ToString(),
                $"{rest} minor units for invoice {invoice.InvoiceNumber} kept as credit ({reason})");
            Emit(payment.OrganisationId, EventCatalogue.PaymentUnallocated, new PaymentUnallocatedEventData(payment.Id, [invoice.InvoiceNumber],
                invoice.InvoiceNumber, credit.Amount.Amount, credit.Currency, CreditRefunds.ReasonName(reason), refund ? "pending" : "none"), now);
        }
    }

    private async Task<PaymentEventData> PaymentDataAsync(Payment payment, CancellationToken ct)
    {
        var ids = payment.Allocations.Select(a => a.InvoiceId).ToList();
        var numbers = await db.Invoices.Where(i => ids.Contains(i.Id)).Select(i => i.InvoiceNumber).ToListAsync(ct);
        return new PaymentEventData(payment.Id, numbers.Order().ToList(), payment.Amount.Amount, payment.Currency, payment.Method,
            payment.Status.ToString().ToLowerInvariant());
    }

    private void Emit<TData>(long organisationId, EventType<TData> type, TData data, DateTime now) where TData : notnull =>
        db.OutboxEvents.Add(OutboxEvent.Create(organisationId, type, data, now));
}
