using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Portal.Domain.DirectDebit;
using Portal.Domain.Invoices;
using Portal.Domain.Payments;
using Portal.Infrastructure.Payments.Mollie;

namespace Portal.Infrastructure.DirectDebit;

/// <summary>
/// The submitting half of the run. A chunk of an organisation's direct debits is written as payments in one
/// transaction (each with the id and Idempotency-Key its customer and date make), then handed to Mollie one by one,
/// then Mollie's ids are saved in one transaction. A crash in between leaves payments without a Mollie id: the next
/// run asks Mollie again with the same keys and gets the same debits.
/// </summary>
public partial class CollectionRun
{
    /// <summary>Direct debits written, sent and saved together: two commits per hundred debits instead of two per debit.</summary>
    private const int SubmitChunk = 100;

    private sealed record Due(long OrganisationId, long CustomerId, DateOnly Date);

    /// <summary>What writing one due date came to.</summary>
    private enum Written { Ready, AtMollie, Cancelled, Waiting }

    /// <summary>A payment written and ready to go to Mollie.</summary>
    private sealed record Ready(Guid PaymentId, Portal.Domain.Money Amount, string Description, string MollieCustomerId, string MollieMandateId);

    /// <summary>Hands today's collections to Mollie, and those a crash or an outage left half-way; answers how many direct debits went out.</summary>
    private async Task<(int Submitted, int Cancelled)> SubmitAsync(CancellationToken ct)
    {
        var today = Today;
        var dates = await db.Collections.AsNoTracking()
            .Where(x => x.Status == CollectionStatus.Planned || (x.Status == CollectionStatus.Submitted && x.PaymentId != null
                && db.Payments.Any(p => p.Id == x.PaymentId && p.ProviderPaymentId == null && p.Status == PaymentStatus.Open)))
            .Select(x => new { x.OrganisationId, x.CustomerId, x.Date, x.Status }).Distinct().ToListAsync(ct);
        var due = dates.Where(d => d.Status == CollectionStatus.Submitted || Collection.SubmitOn(d.Date) <= today)
            .Select(d => new Due(d.OrganisationId, d.CustomerId, d.Date)).Distinct().ToList();
        int submitted = 0, cancelled = 0;
        foreach (var chunk in due.GroupBy(d => d.OrganisationId).SelectMany(o => o.Chunk(SubmitChunk)))
        {
            var (ready, already, nothing) = await WriteChunkAsync(chunk, ct);
            submitted += already + await SendAsync(chunk[0].OrganisationId, ready, ct);
            cancelled += nothing;
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

    /// <summary>
    /// One transaction for the chunk: each due date becomes a payment of what is still due (or is cancelled when nothing
    /// is). Answers what is ready for Mollie, how many were at Mollie already, and how many had nothing left to collect.
    /// </summary>
    private async Task<(List<Ready> Ready, int Already, int Nothing)> WriteChunkAsync(IReadOnlyList<Due> chunk, CancellationToken ct)
    {
        var (ready, already, nothing) = (new List<Ready>(chunk.Count), 0, 0);
        await using (var transaction = await db.BeginWriteAsync(chunk[0].OrganisationId, ct))
        {
            foreach (var due in chunk)
            {
                var (written, one) = await WriteAsync(due, ct);
                if (one is not null) ready.Add(one);
                if (written == Written.AtMollie) already++;
                if (written == Written.Cancelled) nothing++;
            }
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        db.ChangeTracker.Clear();
        return (ready, already, nothing);
    }

    /// <summary>Adds the payment for one due date to the unit of work, ready for Mollie; or it is at Mollie already, or nothing is left (cancelled), or it waits for a mandate.</summary>
    private async Task<(Written, Ready?)> WriteAsync(Due due, CancellationToken ct)
    {
        var (organisationId, customerId, date) = due;
        var paymentId = PaymentIdFor(organisationId, customerId, date);
        var now = clock.GetUtcNow().UtcDateTime;
        var collections = await db.Collections.Where(Collection.Open).Where(x => x.CustomerId == customerId && x.Date == date).ToListAsync(ct);
        var mandate = await db.Mandates.AsNoTracking().Where(m => m.CustomerId == customerId && m.Status == MandateStatus.Valid)
            .OrderByDescending(m => m.Id).Select(m => new { m.MollieCustomerId, m.MollieMandateId }).FirstOrDefaultAsync(ct);
        var payment = await db.Payments.Include(p => p.Allocations).FirstOrDefaultAsync(p => p.Id == paymentId, ct);
        List<string> numbers;
        if (payment is null)
        {
            // Only what is still due now: an invoice paid another way since the notice, or disputed since, or of a customer whose money someone else now handles, is not collected.
            var invoiceIds = collections.Select(x => x.InvoiceId).ToList();
            var dueNow = await db.Invoices.AsNoTracking().Where(i => invoiceIds.Contains(i.Id)).Where(InvoiceMoney.Payable)
                .Where(i => !db.Questions.Where(Domain.Questions.Question.Disputing).Any(q => q.InvoiceId == i.Id)
                    && !db.HardshipRegistrations.Any(h => h.CustomerId == i.CustomerId && h.Status == Domain.Hardship.HardshipStatus.Active))
                .Select(i => new { i.Id, i.InvoiceNumber, Due = i.AmountPaidMinor >= i.TotalMinor ? 0 : i.TotalMinor - i.AmountPaidMinor }).ToListAsync(ct);
            var allocations = collections.Select(x => (x.InvoiceId, Amount: Math.Min(x.AmountMinor, dueNow.FirstOrDefault(d => d.Id == x.InvoiceId)?.Due ?? 0)))
                .Where(a => a.Amount > 0).ToList();
            if (mandate?.MollieCustomerId is null || allocations.Count == 0)
            {
                foreach (var collection in collections) collection.Cancel(now);
                return (Written.Cancelled, null);
            }
            foreach (var collection in collections.Where(x => allocations.All(a => a.InvoiceId != x.InvoiceId))) collection.Cancel(now);
            payment = db.Payments.Add(new Payment(organisationId, customerId, "directdebit", "EUR", allocations, now, paymentId)).Entity;
            foreach (var collection in collections.Where(x => x.Status == CollectionStatus.Planned)) collection.Submitted(paymentId);
            audit.Append(organisationId, "portal", "collection.submitted", "payment", paymentId.ToString(), date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            numbers = [.. dueNow.Where(d => allocations.Any(a => a.InvoiceId == d.Id)).Select(d => d.InvoiceNumber).Order(StringComparer.Ordinal)];
        }
        else
        {
            // Written before, never heard back from Mollie: the same key again. Without a mandate now it waits.
            if (payment.ProviderPaymentId is not null) return (Written.AtMollie, null);
            if (mandate?.MollieCustomerId is null) return (Written.Waiting, null);
            var invoiceIds = payment.Allocations.Select(a => a.InvoiceId).ToList();
            numbers = await db.Invoices.Where(i => invoiceIds.Contains(i.Id)).Select(i => i.InvoiceNumber).ToListAsync(ct);
            numbers.Sort(StringComparer.Ordinal);
        }
        var description = (numbers.Count == 1 ? "Factuur " : "Facturen ") + string.Join(", ", numbers);
        return (Written.Ready, new Ready(paymentId, payment.Amount, description.Length > 255 ? description[..255] : description, mandate.MollieCustomerId, mandate.MollieMandateId!));
    }

    /// <summary>Hands the chunk's payments to Mollie, then saves Mollie's ids in one transaction; answers how many Mollie took.</summary>
    private async Task<int> SendAsync(long organisationId, IReadOnlyList<Ready> ready, CancellationToken ct)
    {
        var taken = new List<(Guid PaymentId, MolliePayment Created)>(ready.Count);
        var refused = new List<(Guid PaymentId, string Reason)>();
        foreach (var one in ready)
        {
            try
            {
                taken.Add((one.PaymentId, await mollie.CreatePaymentAsync(new CreateMolliePayment(MollieAmount.From(one.Amount), one.Description,
                    WebhookUrl: links.BaseUrl() + "/webhooks/mollie", Metadata: new Dictionary<string, string> { ["payment"] = one.PaymentId.ToString() },
                    SequenceType: "recurring", CustomerId: one.MollieCustomerId, MandateId: one.MollieMandateId), "portal-collection-" + one.PaymentId, ct)));
            }
            // Also a 409 (Mollie still busy with the first try of this key) or an answer that could not be read: Mollie may
            // have made the debit, so only the same key, asked again, may tell.
            catch (MollieApiException e) when (e.IsTransient || e.Status is 409 or (>= 200 and < 300))
            {
                // The payment row and its key stay: the next run asks Mollie again with the same key and gets this payment.
                log.LogWarning("Mollie did not take collection {PaymentId} yet ({Status}); the next run tries again with the same key.", one.PaymentId, e.Status);
            }
            catch (MollieApiException e)
            {
                log.LogError("Mollie refused collection {PaymentId} ({Status}: {Detail}).", one.PaymentId, e.Status, e.Detail);
                refused.Add((one.PaymentId, e.Field is "mandateId" or "customerId" ? "MD01" : "refused"));
            }
        }
        if (taken.Count > 0)
        {
            await using var transaction = await db.BeginWriteAsync(organisationId, ct);
            var ids = taken.Select(t => t.PaymentId).ToList();
            var stored = await db.Payments.Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
            foreach (var (paymentId, created) in taken)
            {
                stored[paymentId].AttachProvider(created.Id, null);
                if (Payment.FromProvider(created.Status) is { } status) stored[paymentId].MoveTo(status, clock.GetUtcNow().UtcDateTime);
            }
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            db.ChangeTracker.Clear();
        }
        foreach (var (paymentId, reason) in refused) await RefusedAsync(organisationId, paymentId, reason, ct);
        return taken.Count;
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
        db.ChangeTracker.Clear();
    }
}
