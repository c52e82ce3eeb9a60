using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Portal.Domain;
using Portal.Domain.DirectDebit;
using Portal.Domain.Events;
using Portal.Domain.Invoices;
using Portal.Domain.Payments;
using Portal.Infrastructure.Audit;
using Portal.Infrastructure.Database;
using Portal.Infrastructure.Payments.Mollie;

namespace Portal.Infrastructure.DirectDebit;

/// <summary>
/// The direct-debit run, on the worker nodes. It plans: each payable invoice of a customer with a valid mandate and a
/// day goes into the next collection that can still be announced, with a pre-notification, once (a unique
/// (invoice, date) row). It submits: on the business day before a collection, all of the customer's invoices of
/// that date become one Mollie <c>recurring</c> payment, whose id and Idempotency-Key are made from the customer and
/// the date, so a second worker, a re-run or a crash between Mollie's answer and the save never charges twice. The
/// bank's answer comes back through <see cref="Payments.PaymentSyncService"/>, like every payment.
/// </summary>
public class CollectionRun(PortalDbContext db, TimeProvider clock, MollieClient mollie, AuditTrail audit, Messages.MessageService messages,
    CollectionResults results, PublicLinks links, ILogger<CollectionRun> log) : Jobs.IScheduledWork
{
    private const long RunLock = 7210004;

    public sealed record Outcome(int Planned, int Submitted, int Cancelled);

    Task Jobs.IScheduledWork.RunAsync(CancellationToken ct) => RunAsync(ct);

    /// <summary>Plans and submits what is due today. When another run is busy (another node, the schedule), this one leaves it and answers null.</summary>
    public async Task<Outcome?> RunAsync(CancellationToken ct = default)
    {
        var (ran, outcome) = await Jobs.RunAlone.RunAsync(db, RunLock, async () =>
        {
            var planned = await PlanAsync(ct);
            var (submitted, cancelled) = await SubmitAsync(ct);
            return new Outcome(planned, submitted, cancelled);
        }, ct);
        return ran ? outcome : null;
    }

    private DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    private sealed record Candidate(long OrganisationId, long CustomerId, string CustomerRef, long MandateId, string MandateReference, int Day, int Lead,
        string? CreditorId, long InvoiceId, string InvoiceNumber, DateOnly DueDate, string Currency, long DueMinor);

    /// <summary>Plans the collections that can be announced now; answers how many invoices were planned.</summary>
    private async Task<int> PlanAsync(CancellationToken ct)
    {
        var today = Today;
        // Customers with a valid mandate and a day, at organisations that collect; their payable euro invoices that no
        // collection holds yet, that are not being paid another way, and whose last collection did not fail or come
        // back (those wait until the customer chooses again).
        var rows = await (
            from c in db.Customers.AsNoTracking()
            join o in db.Organisations on c.OrganisationId equals o.Id
            join m in db.Mandates on c.Id equals m.CustomerId
            join i in db.Invoices.Where(InvoiceMoney.Payable) on c.Id equals i.CustomerId
            where o.DirectDebitEnabled && c.CollectionDay != null && m.Status == MandateStatus.Valid && i.Currency == "EUR"
                && !db.Collections.Where(Collection.Open).Any(x => x.InvoiceId == i.Id)
                && !db.Collections.Any(x => x.InvoiceId == i.Id && !x.RetryAllowed
                    && (x.Status == CollectionStatus.Failed || x.Status == CollectionStatus.ChargedBack))
                && !db.Payments.Any(p => p.CustomerId == c.Id && (p.Status == PaymentStatus.Open || p.Status == PaymentStatus.Pending)
                    && p.Allocations.Any(a => a.InvoiceId == i.Id))
            select new Candidate(c.OrganisationId, c.Id, c.CustomerRef, m.Id, m.Reference, c.CollectionDay!.Value, o.PreNotificationLeadDays, o.CreditorId,
                i.Id, i.InvoiceNumber, i.DueDate, i.Currency, i.AmountPaidMinor >= i.TotalMinor ? 0 : i.TotalMinor - i.AmountPaidMinor))
            .ToListAsync(ct);

        var planned = 0;
        foreach (var customer in rows.Where(r => r.DueMinor > 0).GroupBy(r => r.CustomerId))
        {
            var first = customer.First();
            var next = CollectionCalendar.First(today, first.Day, first.Lead);
            var due = customer.Where(r => CollectionCalendar.ForInvoice(r.DueDate, today, r.Day, r.Lead) == next).ToList();
            if (due.Count == 0) continue;
            if (await PlanCustomerAsync(first, next, due, ct)) planned += due.Count;
        }
        return planned;
    }

    private async Task<bool> PlanCustomerAsync(Candidate customer, DateOnly date, IReadOnlyList<Candidate> invoices, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.BeginWriteAsync(customer.OrganisationId, ct);
        // Another node may have planned these meanwhile; inside the organisation's lock the check is exact.
        var ids = invoices.Select(i => i.InvoiceId).ToList();
        if (await db.Collections.AnyAsync(x => ids.Contains(x.InvoiceId) && x.Date == date && x.Status != CollectionStatus.Cancelled, ct)
            || await db.Collections.Where(Collection.Open).AnyAsync(x => ids.Contains(x.InvoiceId), ct)) return false;
        // A date already announced keeps the amount the customer was told: an invoice that came in since waits for
        // the next collection, with a notice of its own.
        if (await db.Collections.AnyAsync(x => x.CustomerId == customer.CustomerId && x.Date == date && x.Status != CollectionStatus.Cancelled, ct))
            return false;
        var cancelled = await db.Collections.Where(x => ids.Contains(x.InvoiceId) && x.Date == date && x.Status == CollectionStatus.Cancelled).ToListAsync(ct);
        foreach (var invoice in invoices)
        {
            if (cancelled.FirstOrDefault(x => x.InvoiceId == invoice.InvoiceId) is { } again && again.Replan(customer.MandateId, invoice.DueMinor, now)) continue;
            db.Collections.Add(new Collection(customer.OrganisationId, customer.CustomerId, customer.MandateId, invoice.InvoiceId, date, invoice.DueMinor,
                invoice.Currency, now));
        }
        var amount = invoices.Sum(i => i.DueMinor);
        var numbers = invoices.Select(i => i.InvoiceNumber).Order(StringComparer.Ordinal).ToList();
        audit.Append(customer.OrganisationId, "portal", "collection.scheduled", "customer", customer.CustomerRef,
            FormattableString.Invariant($"{date:yyyy-MM-dd}: {amount} minor units for {string.Join(", ", numbers)}"));
        db.OutboxEvents.Add(OutboxEvent.Create(customer.OrganisationId, EventCatalogue.CollectionScheduled,
            new CollectionEventData(customer.CustomerRef, date, Money.FromMinor(amount, "EUR").Amount, "EUR", numbers, null), now));
        await db.SaveChangesAsync(ct);
        var cause = FormattableString.Invariant($"pre-notification:{customer.CustomerId}:{date:yyyy-MM-dd}");
        if (!await db.Messages.AnyAsync(m => m.OrganisationId == customer.OrganisationId && m.CauseKey == cause, ct))
            await messages.PrepareAsync(customer.OrganisationId, customer.CustomerRef, new Messages.MessageService.Request(
                Domain.Messages.MessageKind.PreNotification, InvoiceNumbers: numbers, CauseKey: cause, Date: date,
                Mandate: new Messages.MessageService.MandateFacts(customer.CreditorId, customer.MandateReference)), "portal", ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    /// <summary>Hands today's collections to Mollie, and those a crash or an outage left half-way; answers how many direct debits went out.</summary>
    private async Task<(int Submitted, int Cancelled)> SubmitAsync(CancellationToken ct)
    {
        var today = Today;
        var dates = await db.Collections.AsNoTracking()
            .Where(x => x.Status == CollectionStatus.Planned || (x.Status == CollectionStatus.Submitted && x.PaymentId != null
                && db.Payments.Any(p => p.Id == x.PaymentId && p.ProviderPaymentId == null && p.Status == PaymentStatus.Open)))
            .Select(x => new { x.OrganisationId, x.CustomerId, x.Date, x.Status }).Distinct().ToListAsync(ct);
        int submitted = 0, cancelled = 0;
        foreach (var group in dates.Where(d => d.Status == CollectionStatus.Submitted || Collection.SubmitOn(d.Date) <= today)
                     .Select(d => (d.OrganisationId, d.CustomerId, d.Date)).Distinct())
        {
            switch (await SubmitCustomerAsync(group.OrganisationId, group.CustomerId, group.Date, ct))
            {
                case true: submitted++; break;
                case false: cancelled++; break;
            }
            db.ChangeTracker.Clear();
        }
        return (submitted, cancelled);
    }

    /// <summary>The payment's id, made from the customer and the date: the same collection is always the same payment.</summary>
    public static Guid PaymentIdFor(long organisationId, long customerId, DateOnly date)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(FormattableString.Invariant($"portal-collection:{organisationId}:{customerId}:{date:yyyy-MM-dd}")));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80); // version 8: a name-based id of Portal's own
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }

    /// <summary>True: the direct debit is at Mollie. False: nothing left to collect (cancelled). Null: not now (Mollie unreachable).</summary>
    private async Task<bool?> SubmitCustomerAsync(long organisationId, long customerId, DateOnly date, CancellationToken ct)
    {
        var paymentId = PaymentIdFor(organisationId, customerId, date);
        var now = clock.GetUtcNow().UtcDateTime;
        Payment? payment;
        string mollieCustomerId, mollieMandateId;
        List<string> numbers;
        await using (var transaction = await db.BeginWriteAsync(organisationId, ct))
        {
            var collections = await db.Collections.Where(Collection.Open).Where(x => x.CustomerId == customerId && x.Date == date).ToListAsync(ct);
            var mandate = await db.Mandates.AsNoTracking().Where(m => m.CustomerId == customerId && m.Status == MandateStatus.Valid)
                .OrderByDescending(m => m.Id).FirstOrDefaultAsync(ct);
            payment = await db.Payments.Include(p => p.Allocations).FirstOrDefaultAsync(p => p.Id == paymentId, ct);
            if (payment is null)
            {
                // Only what is still due now: an invoice paid another way since the notice is not collected.
                var invoiceIds = collections.Select(x => x.InvoiceId).ToList();
                var dueNow = await db.Invoices.AsNoTracking().Where(i => invoiceIds.Contains(i.Id)).Where(InvoiceMoney.Payable)
                    .Select(i => new { i.Id, i.InvoiceNumber, Due = i.AmountPaidMinor >= i.TotalMinor ? 0 : i.TotalMinor - i.AmountPaidMinor }).ToListAsync(ct);
                var allocations = collections.Select(x => (x.InvoiceId, Amount: Math.Min(x.AmountMinor, dueNow.FirstOrDefault(d => d.Id == x.InvoiceId)?.Due ?? 0)))
                    .Where(a => a.Amount > 0).ToList();
                if (mandate?.MollieCustomerId is null || allocations.Count == 0)
                {
                    foreach (var collection in collections) collection.Cancel(now);
                    await db.SaveChangesAsync(ct);
                    await transaction.CommitAsync(ct);
                    return false;
                }
                foreach (var collection in collections.Where(x => allocations.All(a => a.InvoiceId != x.InvoiceId))) collection.Cancel(now);
                payment = db.Payments.Add(new Payment(organisationId, customerId, "directdebit", "EUR", allocations, now, paymentId)).Entity;
                foreach (var collection in collections.Where(x => x.Status == CollectionStatus.Planned)) collection.Submitted(paymentId);
                audit.Append(organisationId, "portal", "collection.submitted", "payment", paymentId.ToString(), date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                numbers = [.. dueNow.Where(d => allocations.Any(a => a.InvoiceId == d.Id)).Select(d => d.InvoiceNumber).Order(StringComparer.Ordinal)];
            }
            else
            {
                if (payment.ProviderPaymentId is not null) return true;
                var invoiceIds = payment.Allocations.Select(a => a.InvoiceId).ToList();
                numbers = await db.Invoices.Where(i => invoiceIds.Contains(i.Id)).Select(i => i.InvoiceNumber).ToListAsync(ct);
                numbers.Sort(StringComparer.Ordinal);
            }
            if (mandate is null)
            {
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
                return null;
            }
            (mollieCustomerId, mollieMandateId) = (mandate.MollieCustomerId!, mandate.MollieMandateId!);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }

        var description = (numbers.Count == 1 ? "Factuur " : "Facturen ") + string.Join(", ", numbers);
        MolliePayment created;
        try
        {
            created = await mollie.CreatePaymentAsync(new CreateMolliePayment(MollieAmount.From(payment.Amount),
                description.Length > 255 ? description[..255] : description, WebhookUrl: links.BaseUrl() + "/webhooks/mollie",
                Metadata: new Dictionary<string, string> { ["payment"] = paymentId.ToString() }, SequenceType: "recurring",
                CustomerId: mollieCustomerId, MandateId: mollieMandateId), "portal-collection-" + paymentId, ct);
        }
        // Also a 409 (Mollie still busy with the first try of this key) or an answer that could not be read: Mollie may
        // have made the debit, so only the same key, asked again, may tell.
        catch (MollieApiException e) when (e.IsTransient || e.Status is 409 or (>= 200 and < 300))
        {
            // The payment row and its key stay: the next run asks Mollie again with the same key and gets this payment.
            log.LogWarning("Mollie did not take collection {PaymentId} yet ({Status}); the next run tries again with the same key.", paymentId, e.Status);
            return null;
        }
        catch (MollieApiException e)
        {
            log.LogError("Mollie refused collection {PaymentId} ({Status}: {Detail}).", paymentId, e.Status, e.Detail);
            await RefusedAsync(organisationId, paymentId, e.Field is "mandateId" or "customerId" ? "MD01" : "refused", ct);
            return null;
        }
        db.ChangeTracker.Clear();
        await using (var transaction = await db.BeginWriteAsync(organisationId, ct))
        {
            var stored = await db.Payments.FirstAsync(p => p.Id == paymentId, ct);
            stored.AttachProvider(created.Id, null);
            if (Payment.FromProvider(created.Status) is { } status) stored.MoveTo(status, clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        return true;
    }

    /// <summary>Mollie will not make the debit (the mandate is no longer valid, say): the collection failed before the bank saw it.</summary>
    private async Task RefusedAsync(long organisationId, Guid paymentId, string reason, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        await using var transaction = await db.BeginWriteAsync(organisationId, ct);
        var payment = await db.Payments.Include(p => p.Allocations).FirstAsync(p => p.Id == paymentId, ct);
        if (payment.MoveTo(PaymentStatus.Failed, clock.GetUtcNow().UtcDateTime))
        {
            audit.Append(organisationId, "portal", "payment.failed", "payment", paymentId.ToString(), reason);
            await results.ApplyAsync(payment, reason, ct);
            await db.SaveChangesAsync(ct);
        }
        await transaction.CommitAsync(ct);
    }
}
