using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Portal.Domain;
using Portal.Domain.DirectDebit;
using Portal.Domain.Events;
using Portal.Domain.Invoices;
using Portal.Domain.Payments;
using Portal.Infrastructure.Audit;
using Portal.Infrastructure.Customers;
using Portal.Infrastructure.Database;
using Portal.Infrastructure.Payments.Mollie;

namespace Portal.Infrastructure.DirectDebit;

/// <summary>Way A of setting up a mandate: a small first iDEAL payment from which the bank gives the account and its holder.</summary>
public partial class DirectDebitService
{
    /// <summary>How a first payment that sets up a mandate began: the bank's checkout to send the customer to, or why not.</summary>
    public sealed record FirstPaymentStart(string? CheckoutUrl, Result? Refused);

    /// <summary>
    /// Way A: the customer pays a small amount (the organisation's first-payment amount, on their oldest open invoice)
    /// with iDEAL as a Mollie <c>first</c> payment; their bank confirms the account and its holder, and Mollie then
    /// holds the mandate. The mandate waits here (pending) until the payment is paid.
    /// </summary>
    public async Task<FirstPaymentStart> StartFirstPaymentAsync(CustomerScope scope, int day, string evidence, string returnUrlBase, string webhookUrl,
        string locale, CancellationToken ct = default)
    {
        var page = await PageAsync(scope, ct);
        if (!page.Policy.Enabled || !page.Policy.Allows(day)) return new(null, Result.Fail("day", $"Day {day} is not one of the days on offer."));
        if (page.FirstPayment is not { } first) return new(null, Result.Fail("way", "There is no open invoice to make the first payment on."));
        var customer = await db.Customers.AsNoTracking().Where(c => c.Id == scope.CustomerId).Select(c => new { c.CustomerRef, c.Name, c.Email }).FirstAsync(ct);
        var amount = first.Amount.MinorUnits;
        var now = clock.GetUtcNow().UtcDateTime;
        string mollieCustomerId;
        try
        {
            mollieCustomerId = await MollieCustomerAsync(scope.OrganisationId, scope.CustomerId, customer.CustomerRef, customer.Name, customer.Email, ct);
        }
        catch (MollieApiException e)
        {
            log.LogWarning("Mollie did not make a customer for a first payment: {Status} {Detail}", e.Status, e.Detail);
            return new(null, new Result(null, [], Unavailable: true));
        }

        var payment = new Payment(scope.OrganisationId, scope.CustomerId, "ideal", "EUR", [(first.InvoiceId, amount)], now);
        await using (var transaction = await db.BeginWriteAsync(scope.OrganisationId, ct))
        {
            var count = await db.Mandates.CountAsync(m => m.CustomerId == scope.CustomerId, ct);
            db.Payments.Add(payment);
            db.Mandates.Add(Mandate.AwaitingFirstPayment(scope.OrganisationId, scope.CustomerId,
                MandateReference.Make(scope.OrganisationId, scope.CustomerId, count + 1), payment.Id, day, evidence, now));
            audit.Append(scope.OrganisationId, scope.Actor, "payment.started", "payment", payment.Id.ToString(), "first payment for a mandate");
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        MolliePayment created;
        try
        {
            created = await mollie.CreatePaymentAsync(new CreateMolliePayment(MollieAmount.From(payment.Amount), $"Machtiging automatisch betalen, factuur {first.InvoiceNumber}",
                RedirectUrl: $"{returnUrlBase}/{payment.Id}", WebhookUrl: webhookUrl, Method: "ideal", Locale: locale,
                Metadata: new Dictionary<string, string> { ["payment"] = payment.Id.ToString() }, SequenceType: "first", CustomerId: mollieCustomerId),
                payment.Id.ToString(), ct);
        }
        catch (MollieApiException e)
        {
            log.LogWarning("Mollie did not start first payment {PaymentId}: {Status} {Detail}", payment.Id, e.Status, e.Detail);
            // Nothing was started: the waiting mandate and the payment go, so the customer can simply try again.
            db.ChangeTracker.Clear();
            await using var undo = await db.BeginWriteAsync(scope.OrganisationId, CancellationToken.None);
            await db.Mandates.Where(m => m.FirstPaymentId == payment.Id && m.Status == MandateStatus.Pending).ExecuteDeleteAsync(CancellationToken.None);
            var unstarted = db.Payments.Where(p => p.Id == payment.Id && p.ProviderPaymentId == null);
            await db.Set<PaymentAllocation>().Where(a => unstarted.Any(p => p.Id == a.PaymentId)).ExecuteDeleteAsync(CancellationToken.None);
            await unstarted.ExecuteDeleteAsync(CancellationToken.None);
            await undo.CommitAsync(CancellationToken.None);
            return new(null, new Result(null, [], Unavailable: true));
        }
        db.ChangeTracker.Clear();
        await using var attach = await db.BeginWriteAsync(scope.OrganisationId, ct);
        var stored = await db.Payments.FirstAsync(p => p.Id == payment.Id, ct);
        stored.AttachProvider(created.Id, created.CheckoutUrl?.ToString());
        await db.SaveChangesAsync(ct);
        await attach.CommitAsync(ct);
        return new(stored.CheckoutUrl, null);
    }

    /// <summary>
    /// The payment sync's step for a first payment that just became final: paid, and the mandate Mollie made from it
    /// becomes the customer's (the account and holder as the bank gave them); not paid, and the waiting mandate ends.
    /// Inside the sync's transaction.
    /// </summary>
    public async Task FirstPaymentFinishedAsync(Payment payment, MolliePayment remote, CancellationToken ct = default)
    {
        var mandate = await db.Mandates.FirstOrDefaultAsync(m => m.FirstPaymentId == payment.Id && m.Status == MandateStatus.Pending, ct);
        if (mandate is null || !payment.IsFinal) return;
        var customerRef = await db.Customers.Where(c => c.Id == payment.CustomerId).Select(c => c.CustomerRef).FirstAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        if (payment.Status != PaymentStatus.Paid || remote.CustomerId is null || remote.MandateId is null)
        {
            mandate.Revoke("first payment not paid", now);
            audit.Append(payment.OrganisationId, "provider:mollie", "mandate.not_made", "mandate", mandate.Reference, payment.Status.ToString().ToLowerInvariant());
            return;
        }
        var held = await mollie.GetMandateAsync(remote.CustomerId, remote.MandateId, ct);
        mandate.ConfirmedByBank(held.Details?.ConsumerAccount ?? "", held.Details?.ConsumerName ?? "");
        if (!held.IsValid)
        {
            // The customer's earlier mandate, if any, stays: only a valid new one replaces it.
            mandate.Revoke("mandate not valid at Mollie: " + held.Status, now);
            audit.Append(payment.OrganisationId, "provider:mollie", "mandate.not_made", "mandate", mandate.Reference, held.Status);
            return;
        }
        mandate.HeldAtMollie(remote.CustomerId, remote.MandateId, valid: true);
        await ActivateAsync(mandate, customerRef, mandate.ChosenDay ?? 1, "provider:mollie", ct);
    }

    private async Task<string> MollieCustomerAsync(long organisationId, long customerId, string customerRef, string name, string? email, CancellationToken ct) =>
        await db.Mandates.AsNoTracking().Where(m => m.CustomerId == customerId && m.MollieCustomerId != null).Select(m => m.MollieCustomerId).FirstOrDefaultAsync(ct)
        ?? (await mollie.CreateCustomerAsync(new CreateMollieCustomer(name, email, Metadata: new Dictionary<string, string> { ["customerRef"] = customerRef }),
            $"portal-customer-{organisationId}-{customerId}", ct)).Id;
}
