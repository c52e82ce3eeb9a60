using Microsoft.EntityFrameworkCore;
using Portal.Domain;
using Portal.Domain.DirectDebit;
using Portal.Domain.Events;
using Portal.Domain.Payments;
using Portal.Infrastructure.Audit;
using Portal.Infrastructure.Database;

namespace Portal.Infrastructure.DirectDebit;

/// <summary>
/// What the bank's answer to a direct debit means, applied inside the payment sync's transaction: paid, or failed with
/// its reason. A failure leaves the invoices open and tells the customer in plain words how to go on (pick another
/// day, or pay now); a reason that means the account can no longer be debited ends the mandate.
/// </summary>
public class CollectionResults(PortalDbContext db, TimeProvider clock, AuditTrail audit, Messages.MessageService messages)
{
    /// <summary>
    /// A paid direct debit the customer's bank took back: the collections come back, the invoices are open again for
    /// what was taken back, and nothing is collected again until the customer chooses a day again. Once per payment.
    /// </summary>
    public async Task ChargedBackAsync(Payment payment, long chargedBackMinor, string reasonCode, CancellationToken ct = default)
    {
        if (payment.Method != "directdebit" || payment.Status != PaymentStatus.Paid || chargedBackMinor <= 0) return;
        var collections = await db.Collections.Where(x => x.PaymentId == payment.Id && x.Status == CollectionStatus.Paid).ToListAsync(ct);
        if (collections.Count == 0) return;
        var now = clock.GetUtcNow().UtcDateTime;
        var ids = collections.Select(c => c.InvoiceId).ToList();
        var invoices = await db.Invoices.Where(i => ids.Contains(i.Id)).ToListAsync(ct);
        var left = chargedBackMinor;
        foreach (var allocation in payment.Allocations.Where(a => ids.Contains(a.InvoiceId)).OrderBy(a => a.InvoiceId))
        {
            var back = Math.Min(left, allocation.AmountMinor);
            if (back > 0) invoices.Single(i => i.Id == allocation.InvoiceId).ReversePayment(Money.FromMinor(back, payment.Currency), now);
            left -= back;
        }
        foreach (var collection in collections) collection.ChargedBack(reasonCode, now);
        var customerRef = await db.Customers.Where(c => c.Id == payment.CustomerId).Select(c => c.CustomerRef).FirstAsync(ct);
        var numbers = invoices.Select(i => i.InvoiceNumber).Order(StringComparer.Ordinal).ToList();
        db.OutboxEvents.Add(OutboxEvent.Create(payment.OrganisationId, EventCatalogue.ChargebackReceived, new CollectionEventData(customerRef,
            collections[0].Date, Money.FromMinor(chargedBackMinor, payment.Currency).Amount, payment.Currency, numbers, reasonCode), now));
        audit.Append(payment.OrganisationId, "provider:mollie", "chargeback.received", "payment", payment.Id.ToString(),
            FormattableString.Invariant($"{reasonCode}: {chargedBackMinor} minor units back on {string.Join(", ", numbers)}"));
    }

    /// <summary>For a payment that just became final; nothing happens for a payment that is not a collection.</summary>
    public async Task ApplyAsync(Payment payment, string? bankReasonCode, CancellationToken ct = default)
    {
        if (payment.Method != "directdebit" || !payment.IsFinal) return;
        var collections = await db.Collections.Where(x => x.PaymentId == payment.Id).ToListAsync(ct);
        if (collections.Count == 0) return;
        var now = clock.GetUtcNow().UtcDateTime;
        var paid = payment.Status == PaymentStatus.Paid;
        if (payment.Status is PaymentStatus.Canceled or PaymentStatus.Expired)
        {
            // Withdrawn before the bank collected it (direct debit stopped): nothing failed, so nobody is told it did.
            foreach (var collection in collections) collection.Finish(CollectionStatus.Cancelled, null, now);
            return;
        }
        var code = paid ? null : bankReasonCode ?? "unknown";
        if (!collections.Select(c => c.Finish(paid ? CollectionStatus.Paid : CollectionStatus.Failed, code, now)).ToList().Any(changed => changed)) return;

        var customer = await db.Customers.Where(c => c.Id == payment.CustomerId).Select(c => new { c.CustomerRef }).FirstAsync(ct);
        var ids = collections.Select(c => c.InvoiceId).ToList();
        var numbers = await db.Invoices.Where(i => ids.Contains(i.Id)).Select(i => i.InvoiceNumber).ToListAsync(ct);
        numbers.Sort(StringComparer.Ordinal);
        var date = collections[0].Date;
        var data = new CollectionEventData(customer.CustomerRef, date, payment.Amount.Amount, payment.Currency, numbers, code);
        db.OutboxEvents.Add(OutboxEvent.Create(payment.OrganisationId, paid ? EventCatalogue.CollectionPaid : EventCatalogue.CollectionFailed, data, now));
        audit.Append(payment.OrganisationId, "provider:mollie", paid ? "collection.paid" : "collection.failed", "payment", payment.Id.ToString(), code ?? "paid");
        if (paid) return;

        if (BankReasons.Meaning(code) != BankAnswer.TryAnotherDay)
        {
            foreach (var mandate in await db.Mandates.Where(m => m.CustomerId == payment.CustomerId && m.Status != MandateStatus.Revoked).ToListAsync(ct))
            {
                if (!mandate.Revoke(code!, now)) continue;
                audit.Append(payment.OrganisationId, "provider:mollie", "mandate.revoked", "mandate", mandate.Reference, code!);
                db.OutboxEvents.Add(OutboxEvent.Create(payment.OrganisationId, EventCatalogue.MandateRevoked, new MandateEventData(customer.CustomerRef,
                    mandate.Reference, mandate.IbanMasked, mandate.AccountHolder, DirectDebitService.SourceName(mandate.Source),
                    DirectDebitService.StatusName(mandate.Status), null, code), now));
            }
        }
        if (!BankReasons.TellCustomer(code)) return;
        // A plan's term that failed is told by the plan (a missed term, with its grace) the next day, not as "choose a new day".
        var inPlan = await Arrangements.ArrangementService.PausedInvoiceIds(db).Where(id => ids.Contains(id)).ToListAsync(ct);
        var others = await db.Invoices.Where(i => ids.Contains(i.Id) && !inPlan.Contains(i.Id)).Select(i => i.InvoiceNumber).ToListAsync(ct);
        if (others.Count == 0) return;
        others.Sort(StringComparer.Ordinal);
        await db.SaveChangesAsync(ct);
        await messages.PrepareAsync(payment.OrganisationId, customer.CustomerRef, new Messages.MessageService.Request(
            Domain.Messages.MessageKind.CollectionFailed, InvoiceNumbers: others, CauseKey: $"collection-failed:{payment.Id}", Date: date), "portal", ct);
    }
}
