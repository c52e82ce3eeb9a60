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

/// <summary>
/// Direct debit for one organisation's customers: its rules, the customer's day and mandate, and what will be
/// collected next. Mandates are held at Mollie (Portal keeps the IBAN masked); every change reaches the ERP as an
/// event and the audit trail.
/// </summary>
public partial class DirectDebitService(PortalDbContext db, TimeProvider clock, MollieClient mollie, AuditTrail audit, Messages.MessageService messages,
    CollectionResults results, ILogger<DirectDebitService> log)
{

    /// <summary>What became of a change: the view after it, or the rules it broke, or that Mollie could not be reached.</summary>
    public sealed record Result(View? View, IReadOnlyList<RuleViolation> Errors, bool Unavailable = false)
    {
        public static Result Fail(string field, string message) => new(null, [new RuleViolation(field, message)]);
    }

    public async Task<DirectDebitPolicy> PolicyAsync(long organisationId, CancellationToken ct = default) =>
        (await db.Organisations.AsNoTracking().FirstAsync(o => o.Id == organisationId, ct)).DirectDebitPolicy;

    public async Task SetPolicyAsync(long organisationId, DirectDebitPolicy policy, string actor, CancellationToken ct = default)
    {
        await using var transaction = await db.BeginWriteAsync(organisationId, ct);
        var organisation = await db.Organisations.FirstAsync(o => o.Id == organisationId, ct);
        if (!organisation.SetDirectDebitPolicy(policy)) return;
        audit.Append(organisationId, actor, "organisation.direct_debit_changed", "organisation", organisationId.ToString(CultureInfo.InvariantCulture),
            (policy.Enabled ? "on" : "off") + $", days {string.Join(' ', policy.Days)}, lead {policy.LeadBusinessDays}");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }


    /// <summary>A mandate the organisation already holds, signed on paper or in its own systems, registered by the ERP.</summary>
    public sealed record SignedMandate(string Iban, string AccountHolder, DateOnly SignatureDate, string MandateReference, int CollectionDay);

    public async Task<Result> RegisterAsync(long organisationId, string customerRef, SignedMandate signed, string actor, CancellationToken ct = default)
    {
        var customer = await db.Customers.AsNoTracking().Where(c => c.OrganisationId == organisationId && c.CustomerRef == customerRef)
            .Select(c => new { c.Id, c.Name, c.Email }).FirstOrDefaultAsync(ct);
        if (customer is null) return Result.Fail("customerRef", $"There is no customer '{customerRef}'.");
        if (await db.Mandates.AnyAsync(m => m.OrganisationId == organisationId && m.Reference == signed.MandateReference, ct))
            return Result.Fail("mandateReference", $"Mandate reference '{signed.MandateReference}' is already used; each mandate has its own.");
        var evidence = FormattableString.Invariant(
            $"Registered by the ERP ({actor}) at {clock.GetUtcNow().UtcDateTime:O}: signed mandate {signed.MandateReference} of {signed.SignatureDate:yyyy-MM-dd}.");
        return await CreateAsync(organisationId, customer.Id, customerRef, customer.Name, customer.Email, MandateSource.Erp, signed.Iban,
            signed.AccountHolder, signed.SignatureDate, signed.MandateReference, signed.CollectionDay, evidence, actor, ct);
    }

    /// <summary>
    /// The customer's own mandate, by IBAN and account holder, after they confirmed with a one-time code. The day must
    /// be one the organisation offers. <paramref name="evidence"/> is what they were shown and how they confirmed.
    /// </summary>
    public async Task<Result> SetUpByIbanAsync(CustomerScope scope, int day, string iban, string accountHolder, string evidence, CancellationToken ct = default)
    {
        var policy = await PolicyAsync(scope.OrganisationId, ct);
        if (!policy.Enabled) return Result.Fail("day", "Direct debit is not offered.");
        if (!policy.Allows(day)) return Result.Fail("day", $"Day {day} is not one of the days on offer.");
        var customer = await db.Customers.AsNoTracking().Where(c => c.Id == scope.CustomerId)
            .Select(c => new { c.CustomerRef, c.Name, c.Email }).FirstAsync(ct);
        var count = await db.Mandates.CountAsync(m => m.CustomerId == scope.CustomerId, ct);
        return await CreateAsync(scope.OrganisationId, scope.CustomerId, customer.CustomerRef, customer.Name, customer.Email, MandateSource.Iban, iban,
            accountHolder, Today, MandateReference.Make(scope.OrganisationId, scope.CustomerId, count + 1), day, evidence, scope.Actor, ct);
    }

    private async Task<Result> CreateAsync(long organisationId, long customerId, string customerRef, string customerName, string? email,
        MandateSource source, string iban, string accountHolder, DateOnly signatureDate, string reference, int day, string evidence, string actor,
        CancellationToken ct)
    {
        if (!Iban.IsValid(iban)) return Result.Fail("iban", "This is not a valid IBAN: check the letters and numbers (an IBAN in the Netherlands starts with NL and has 18 characters).");
        if (!CollectionCalendar.IsDay(day)) return Result.Fail("collectionDay", "The collection day is a day of the month, 1 to 31.");
        accountHolder = accountHolder.Trim();
        if (accountHolder.Length is 0 or > Mandate.MaxAccountHolderLength)
            return Result.Fail("accountHolder", $"The account holder's name is needed, at most {Mandate.MaxAccountHolderLength} characters.");

        // Mollie first, with keys made from the customer and the reference: a retry after a failure here or in the
        // save below gets the same Mollie customer and mandate back instead of a second one.
        string mollieCustomerId, mollieMandateId;
        bool valid;
        try
        {
            mollieCustomerId = await MollieCustomerAsync(organisationId, customerId, customerRef, customerName, email, ct);
            var made = await mollie.CreateMandateAsync(mollieCustomerId, new CreateMollieMandate(accountHolder, Iban.Normalise(iban),
                SignatureDate: signatureDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), MandateReference: reference),
                $"portal-mandate-{organisationId}-{reference}", ct);
            (mollieMandateId, valid) = (made.Id, made.IsValid);
        }
        catch (MollieApiException e) when (!e.IsTransient)
        {
            log.LogWarning("Mollie refused mandate {Reference}: {Status} {Detail}", reference, e.Status, e.Detail);
            return e.Field is "consumerAccount" ? Result.Fail("iban", "The bank account was refused: check the IBAN.")
                : Result.Fail(e.Field is "consumerName" ? "accountHolder" : "iban", $"The mandate was refused: {e.Detail}");
        }
        catch (MollieApiException e)
        {
            log.LogWarning("Mollie unavailable for mandate {Reference}: {Status} {Detail}", reference, e.Status, e.Detail);
            return new Result(null, [], Unavailable: true);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.BeginWriteAsync(organisationId, ct);
        var mandate = new Mandate(organisationId, customerId, source, reference, iban, accountHolder, signatureDate, evidence, now);
        mandate.HeldAtMollie(mollieCustomerId, mollieMandateId, valid);
        db.Mandates.Add(mandate);
        var view = await ActivateAsync(mandate, customerRef, day, actor, ct);
        await transaction.CommitAsync(ct);
        return new Result(view, []);
    }

    /// <summary>
    /// A mandate is in place (added, or valid after its first payment): it replaces the customer's earlier one, the
    /// customer's day is set, what failed may be collected again, the ERP hears it, and the next collection is
    /// announced. Inside the caller's transaction; saves.
    /// </summary>
    private async Task<View> ActivateAsync(Mandate mandate, string customerRef, int day, string actor, CancellationToken ct)
    {
        var (organisationId, customerId) = (mandate.OrganisationId, mandate.CustomerId);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var old in await db.Mandates.Where(m => m.CustomerId == customerId && m.Status != MandateStatus.Revoked && m.Id != mandate.Id).ToListAsync(ct))
        {
            old.Revoke("replaced", now);
            await RevokeAtMollieAsync(old, ct);
            Event(old, customerRef, null, EventCatalogue.MandateRevoked, "replaced");
        }
        await AllowRetryAsync(customerId, ct);
        var customer = await db.Customers.FirstAsync(c => c.Id == customerId, ct);
        var previous = customer.CollectionDay;
        customer.ChooseCollectionDay(day, now);
        audit.Append(organisationId, actor, "mandate.created", "mandate", mandate.Reference, $"{mandate.Source}, {mandate.IbanMasked}, day {day}");
        await db.SaveChangesAsync(ct);
        Event(mandate, customerRef, day, EventCatalogue.MandateCreated, null);
        if (previous != day) await DayEventAsync(organisationId, customerId, customerRef, day, previous, ct);
        var view = await ViewAsync(organisationId, customerId, ct);
        if (view.Next is { } next)
            await PreNotifyAsync(organisationId, customerId, customerRef, next, (await PolicyAsync(organisationId, ct)).CreditorId, mandate.Reference, actor, ct);
        await db.SaveChangesAsync(ct);
        return view;
    }


    /// <summary>The customer (or the ERP for them) picks another day; only a day on offer, and only with a mandate.</summary>
    public async Task<Result> ChangeDayAsync(CustomerScope scope, int day, CancellationToken ct = default)
    {
        var policy = await PolicyAsync(scope.OrganisationId, ct);
        if (!policy.Allows(day)) return Result.Fail("day", $"Day {day} is not one of the days on offer.");
        await using var transaction = await db.BeginWriteAsync(scope.OrganisationId, ct);
        var customer = await db.Customers.FirstAsync(c => c.Id == scope.CustomerId, ct);
        if (!await CurrentMandate(scope.CustomerId).AnyAsync(m => m.Status == MandateStatus.Valid, ct))
            return Result.Fail("day", "There is no direct debit to change: set it up first.");
        var previous = customer.CollectionDay;
        var now = clock.GetUtcNow().UtcDateTime;
        // Choosing a day is also the customer's go-ahead to collect again what failed or came back.
        var retried = await AllowRetryAsync(scope.CustomerId, ct);
        if (customer.ChooseCollectionDay(day, now))
        {
            audit.Append(scope.OrganisationId, scope.Actor, "collection_day.changed", "customer", customer.CustomerRef, $"{previous} -> {day}");
            await CancelPlannedAsync(scope.CustomerId, now, ct);
            await DayEventAsync(scope.OrganisationId, scope.CustomerId, customer.CustomerRef, day, previous, ct);
        }
        if (retried > 0) audit.Append(scope.OrganisationId, scope.Actor, "collection.retry_allowed", "customer", customer.CustomerRef, $"{retried} invoice(s)");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new Result(await ViewAsync(scope, ct), []);
    }

    /// <summary>Collections planned but not yet at Mollie are not made after all: the day changed, or direct debit stopped.</summary>
    private async Task CancelPlannedAsync(long customerId, DateTime now, CancellationToken ct)
    {
        foreach (var planned in await db.Collections.Where(c => c.CustomerId == customerId && c.Status == CollectionStatus.Planned).ToListAsync(ct))
            planned.Cancel(now);
    }

    private async Task<int> AllowRetryAsync(long customerId, CancellationToken ct) =>
        (await db.Collections.Where(c => c.CustomerId == customerId && !c.RetryAllowed
                && (c.Status == CollectionStatus.Failed || c.Status == CollectionStatus.ChargedBack)).ToListAsync(ct))
            .Count(c => c.AllowRetry());

    /// <summary>Stops direct debit: the mandate is revoked here and at Mollie. False when there was none to stop.</summary>
    public async Task<bool> StopAsync(long organisationId, long customerId, string reason, string actor, CancellationToken ct = default)
    {
        await using var transaction = await db.BeginWriteAsync(organisationId, ct);
        var mandates = await db.Mandates.Where(m => m.CustomerId == customerId && m.OrganisationId == organisationId && m.Status != MandateStatus.Revoked)
            .ToListAsync(ct);
        if (mandates.Count == 0) return false;
        var customerRef = await db.Customers.Where(c => c.Id == customerId).Select(c => c.CustomerRef).FirstAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var mandate in mandates)
        {
            mandate.Revoke(reason, now);
            await RevokeAtMollieAsync(mandate, ct);
            Event(mandate, customerRef, null, EventCatalogue.MandateRevoked, reason);
            audit.Append(organisationId, actor, "mandate.revoked", "mandate", mandate.Reference, reason);
        }
        await CancelPlannedAsync(customerId, now, ct);
        // A debit Mollie never confirmed (it was down) is not tried again after the customer stopped.
        var unconfirmed = await db.Payments.Include(p => p.Allocations)
            .Where(p => p.CustomerId == customerId && p.Method == "directdebit" && p.ProviderPaymentId == null && p.Status == PaymentStatus.Open)
            .ToListAsync(ct);
        foreach (var payment in unconfirmed.Where(p => p.MoveTo(PaymentStatus.Canceled, now)))
        {
            audit.Append(organisationId, actor, "payment.canceled", "payment", payment.Id.ToString(), "direct debit stopped before Mollie confirmed it");
            await results.ApplyAsync(payment, null, ct);
        }
        var atMollie = await db.Collections.Where(c => c.CustomerId == customerId && c.Status == CollectionStatus.Submitted)
            .Join(db.Payments, c => c.PaymentId, p => p.Id, (c, p) => p.ProviderPaymentId).Where(id => id != null).Distinct().ToListAsync(ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        // Direct debits already at Mollie are withdrawn where Mollie still allows it; one the bank already has goes ahead.
        foreach (var providerId in atMollie)
        {
            try
            {
                var answer = await mollie.CancelPaymentAsync(providerId!, ct);
                await using var withdrawn = await db.BeginWriteAsync(organisationId, ct);
                var payment = await db.Payments.Include(p => p.Allocations).FirstAsync(p => p.ProviderPaymentId == providerId, ct);
                if (Payment.FromProvider(answer.Status) is { } status && payment.MoveTo(status, clock.GetUtcNow().UtcDateTime))
                {
                    audit.Append(organisationId, actor, "payment." + status.ToString().ToLowerInvariant(), "payment", payment.Id.ToString(), "direct debit stopped");
                    await results.ApplyAsync(payment, null, ct);
                    await db.SaveChangesAsync(ct);
                }
                await withdrawn.CommitAsync(ct);
            }
            catch (MollieApiException e)
            {
                log.LogInformation("Direct debit {ProviderId} could not be withdrawn ({Status}); it goes ahead.", providerId, e.Status);
            }
        }
        return true;
    }

    public async Task<bool?> StopAsync(long organisationId, string customerRef, string reason, string actor, CancellationToken ct = default)
    {
        var customerId = await db.Customers.AsNoTracking().Where(c => c.OrganisationId == organisationId && c.CustomerRef == customerRef)
            .Select(c => (long?)c.Id).FirstOrDefaultAsync(ct);
        return customerId is null ? null : await StopAsync(organisationId, customerId.Value, reason, actor, ct);
    }

    /// <summary>
    /// The notice SEPA asks for before a collection: the amount and the date, by the customer's channel, written with
    /// the change that plans it. Once per customer and date; a customer Portal cannot reach by any channel gets none
    /// (the confirmation page has shown them the same).
    /// </summary>
    private async Task PreNotifyAsync(long organisationId, long customerId, string customerRef, NextCollection next, string? creditorId,
        string mandateReference, string actor, CancellationToken ct)
    {
        var cause = FormattableString.Invariant($"pre-notification:{customerId}:{next.Date:yyyy-MM-dd}");
        if (await db.Messages.AnyAsync(m => m.OrganisationId == organisationId && m.CauseKey == cause, ct)) return;
        var result = await messages.PrepareAsync(organisationId, customerRef, new Messages.MessageService.Request(Domain.Messages.MessageKind.PreNotification,
            InvoiceNumbers: next.InvoiceNumbers, CauseKey: cause, Date: next.Date,
            Mandate: new Messages.MessageService.MandateFacts(creditorId, mandateReference)), actor, ct);
        if (result.Message is null) log.LogInformation("No pre-notification for customer {CustomerId}: {Reason}", customerId, result.Errors.FirstOrDefault()?.Message);
    }

    // Mollie is told, but a mandate Mollie already forgot (404) or cannot reach now is still ended here: no
    // collection is made on a revoked mandate whatever Mollie says.
    private async Task RevokeAtMollieAsync(Mandate mandate, CancellationToken ct)
    {
        if (mandate.MollieCustomerId is null || mandate.MollieMandateId is null) return;
        try
        {
            await mollie.RevokeMandateAsync(mandate.MollieCustomerId, mandate.MollieMandateId, ct);
        }
        catch (MollieApiException e)
        {
            log.LogWarning("Mollie did not revoke mandate {Reference}: {Status} {Detail}", mandate.Reference, e.Status, e.Detail);
        }
    }

    private void Event(Mandate mandate, string customerRef, int? day, EventType<MandateEventData> type, string? reason) =>
        db.OutboxEvents.Add(OutboxEvent.Create(mandate.OrganisationId, type, new MandateEventData(customerRef, mandate.Reference, mandate.IbanMasked,
            mandate.AccountHolder, SourceName(mandate.Source), StatusName(mandate.Status), day, reason), clock.GetUtcNow().UtcDateTime));

    private async Task DayEventAsync(long organisationId, long customerId, string customerRef, int? day, int? previous, CancellationToken ct)
    {
        var snapshot = (await SnapshotAsync(organisationId, c => c.Id == customerId, ct))!;
        var next = day is { } d ? Next(snapshot.Invoices, Today, d, snapshot.Policy.LeadBusinessDays) : null;
        db.OutboxEvents.Add(OutboxEvent.Create(organisationId, EventCatalogue.CollectionDayChanged,
            new CollectionDayEventData(customerRef, day, previous, next?.Date), clock.GetUtcNow().UtcDateTime));
    }
}
