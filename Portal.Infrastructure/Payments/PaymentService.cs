using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Portal.Domain;
using Portal.Domain.Invoices;
using Portal.Domain.Payments;
using Portal.Infrastructure.Customers;
using Portal.Infrastructure.Audit;
using Portal.Infrastructure.Database;
using Portal.Infrastructure.PayLinks;
using Portal.Infrastructure.Payments.Mollie;

namespace Portal.Infrastructure.Payments;

/// <summary>
/// Starts paying: finds what the customer chose, reuses the open payment for the same choice (two clicks, two
/// tabs), or creates one at the provider with the payment's id as Idempotency-Key. If the provider fails,
/// nothing half-made is left behind. A new choice that overlaps an older open payment cancels that one at the
/// provider, so an invoice is in one open payment; where the provider cannot cancel it, money paid twice becomes
/// a credit when it is booked (<see cref="PaymentSyncService"/>), never a second payment on the invoice.
/// </summary>
public class PaymentService(PortalDbContext db, TimeProvider clock, MollieClient mollie, AuditTrail audit, PaymentSyncService sync,
    ILogger<PaymentService> logger)
{
    /// <summary>An open iDEAL payment is reused this long; Mollie lets it expire after 15 minutes.</summary>
    public static readonly TimeSpan ReuseWindow = TimeSpan.FromMinutes(12);

    /// <summary>PartMinor: pay only this much of the chosen invoices, where the organisation allows it; null pays them in full.</summary>
    /// <param name="PlanTerm">The part is a term of the customer's payment plan: agreed, so the organisation's least part does not apply.</param>
    public record StartRequest(CustomerScope Scope, IReadOnlyList<string> InvoiceNumbers, string Method, string ReturnUrlBase,
        string WebhookUrl, string Locale, long? PartMinor = null, bool PlanTerm = false);

    public enum StartOutcome { Redirect, NothingToPay, ProviderUnavailable, PartNotAllowed }

    public record StartResult(StartOutcome Outcome, Guid? PaymentId = null, string? CheckoutUrl = null);

    public async Task<StartResult> StartAsync(StartRequest request, CancellationToken ct = default)
    {
        var invoices = await request.Scope.Invoices(db).AsNoTracking().Where(InvoiceMoney.Payable)
            .Where(i => request.InvoiceNumbers.Contains(i.InvoiceNumber))
            .Select(i => new { i.Id, i.InvoiceNumber, i.DueDate, i.Currency, Due = InvoiceMoney.DueMinor(i.TotalMinor, i.AmountPaidMinor) })
            .ToListAsync(ct);
        if (invoices.Count == 0 || invoices.Select(i => i.Currency).Distinct().Count() != 1) return new(StartOutcome.NothingToPay);

        IReadOnlyList<(long InvoiceId, long AmountMinor)> allocations = invoices.Select(i => (i.Id, i.Due)).ToList();
        if (request.PartMinor is { } part)
        {
            var minimum = request.PlanTerm ? 1 : await db.Organisations.AsNoTracking().Where(o => o.Id == request.Scope.OrganisationId)
                .Select(o => o.PartialPaymentMinimumMinor).FirstAsync(ct);
            if (PartialPayment.Validate(minimum, invoices.Sum(i => i.Due), part) != PartialPayment.Check.Ok) return new(StartOutcome.PartNotAllowed);
            allocations = PartialPayment.Allocate(invoices.Select(i => new PartialPayment.DueInvoice(i.Id, i.DueDate, i.InvoiceNumber, i.Due)), part);
            invoices = invoices.Where(i => allocations.Any(a => a.InvoiceId == i.Id)).ToList();
        }
        var key = Payment.KeyFor(request.Method, allocations);
        var now = clock.GetUtcNow().UtcDateTime;
        Payment payment;
        await using (var transaction = await db.BeginWriteAsync(request.Scope.OrganisationId, ct))
        {
            var since = now - ReuseWindow;
            payment = await db.Payments.FirstOrDefaultAsync(p => p.CustomerId == request.Scope.CustomerId && p.SelectionKey == key
                && p.Status == PaymentStatus.Open && p.CreatedAtUtc > since, ct)
                ?? db.Payments.Add(new Payment(request.Scope.OrganisationId, request.Scope.CustomerId, request.Method, invoices[0].Currency, allocations, now)).Entity;
            if (db.Entry(payment).State == EntityState.Added)
                audit.Append(request.Scope.OrganisationId, request.Scope.Actor, "payment.started", "payment", payment.Id.ToString(), "ok");
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        if (payment.CheckoutUrl is not null) return new(StartOutcome.Redirect, payment.Id, payment.CheckoutUrl);

        var description = (invoices.Count == 1 ? "Factuur " : "Facturen ") + string.Join(", ", invoices.Select(i => i.InvoiceNumber));
        var create = new CreateMolliePayment(MollieAmount.From(payment.Amount), description.Length > 255 ? description[..255] : description,
            RedirectUrl: $"{request.ReturnUrlBase}/{payment.Id}", WebhookUrl: request.WebhookUrl, Method: request.Method,
            Locale: request.Locale, Metadata: new Dictionary<string, string> { ["payment"] = payment.Id.ToString() });
        MolliePayment created;
        try
        {
            created = await CreateAtProviderAsync(create, payment.Id.ToString(), ct);
        }
        catch (MollieApiException e)
        {
            // Down, busy or refusing (a wrong key, a 422): either way the customer has not paid and can try again later.
            logger.Log(e.IsTransient ? LogLevel.Warning : LogLevel.Error, "The payment provider did not start payment {PaymentId} ({Status}: {Title}).",
                payment.Id, e.Status, e.Title);
            await RemoveUnstartedAsync(payment.Id, request.Scope.OrganisationId);
            return new(StartOutcome.ProviderUnavailable);
        }
        await AttachAsync(payment, allocations, created, ct);
        await CancelOverlappingAsync(payment.CustomerId, payment.Id, allocations.Select(a => a.InvoiceId).ToList(), ct);
        return new(StartOutcome.Redirect, payment.Id, payment.CheckoutUrl);
    }

    /// <summary>
    /// Two clicks at once share one payment row. When the provider is down each of them fails and tries to remove it:
    /// the first does, the others find nothing left to remove. A row the provider did make a payment for is kept.
    /// </summary>
    private async Task RemoveUnstartedAsync(Guid paymentId, long organisationId)
    {
        db.ChangeTracker.Clear();
        await using var transaction = await db.BeginWriteAsync(organisationId, CancellationToken.None);
        var unstarted = db.Payments.Where(p => p.Id == paymentId && p.ProviderPaymentId == null);
        await db.Set<PaymentAllocation>().Where(a => unstarted.Any(p => p.Id == a.PaymentId)).ExecuteDeleteAsync(CancellationToken.None);
        await unstarted.ExecuteDeleteAsync(CancellationToken.None);
        await transaction.CommitAsync(CancellationToken.None);
    }

    /// <summary>
    /// Records the provider's payment. If a sibling click saw the provider fail and removed the row meanwhile, the
    /// provider's payment exists all the same (same Idempotency-Key), so the row is made again with the same id:
    /// money paid through it is never lost.
    /// </summary>
    private async Task AttachAsync(Payment payment, IReadOnlyList<(long InvoiceId, long AmountMinor)> allocations, MolliePayment created,
        CancellationToken ct)
    {
        try
        {
            payment.AttachProvider(created.Id, created.CheckoutUrl?.ToString());
            await db.SaveChangesAsync(ct);
            return;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
        }
        await using var transaction = await db.BeginWriteAsync(payment.OrganisationId, ct);
        if (!await db.Payments.AnyAsync(p => p.Id == payment.Id, ct))
        {
            var again = new Payment(payment.OrganisationId, payment.CustomerId, payment.Method, payment.Currency, allocations, payment.CreatedAtUtc, payment.Id);
            again.AttachProvider(created.Id, created.CheckoutUrl?.ToString());
            db.Payments.Add(again);
            await db.SaveChangesAsync(ct);
        }
        await transaction.CommitAsync(ct);
        payment.AttachProvider(created.Id, created.CheckoutUrl?.ToString());
    }

    /// <summary>
    /// The customer chose again, so older open payments for any of these invoices are cancelled at the provider. iDEAL
    /// payments cannot always be cancelled: those stay open, and if they are paid too the money is kept as a credit.
    /// </summary>
    private async Task CancelOverlappingAsync(long customerId, Guid kept, IReadOnlyList<long> invoiceIds, CancellationToken ct)
    {
        var older = await db.Payments.AsNoTracking()
            .Where(p => p.CustomerId == customerId && p.Id != kept && p.Status == PaymentStatus.Open && p.ProviderPaymentId != null
                        && p.Allocations.Any(a => invoiceIds.Contains(a.InvoiceId)))
            .Select(p => p.ProviderPaymentId!).ToListAsync(ct);
        foreach (var providerId in older)
        {
            try
            {
                await mollie.CancelPaymentAsync(providerId, ct);
                await sync.SyncProviderPaymentAsync(providerId, ct);
            }
            catch (MollieApiException e)
            {
                logger.LogInformation("Open payment {ProviderId} could not be cancelled ({Status}); money paid through it too is kept as a credit.",
                    providerId, e.Status);
            }
        }
    }

    /// <summary>A second tab with the same key may find the first still in flight (409): wait for it and get the same payment.</summary>
    private async Task<MolliePayment> CreateAtProviderAsync(CreateMolliePayment create, string idempotencyKey, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await mollie.CreatePaymentAsync(create, idempotencyKey, ct);
            }
            catch (MollieApiException e) when (e.Status == 409 && attempt < 10)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), clock, ct);
            }
        }
    }
}
