using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Portal.Domain;
using Portal.Domain.Events;
using Portal.Domain.Invoices;
using Portal.Domain.Promises;
using Portal.Infrastructure.Audit;
using Portal.Infrastructure.Customers;
using Portal.Infrastructure.Database;

namespace Portal.Infrastructure.Promises;

public sealed record PromiseView(Guid Id, string CustomerRef, DateOnly PromisedDate, long AmountMinor, string Currency, PromiseStatus Status, DateTime CreatedAtUtc);

/// <summary>What the promise page needs in one query: what is open in the customer's scope, and their open promise.</summary>
public sealed record PromiseOffer(long OpenMinor, string Currency, PromiseView? Current);

/// <summary>
/// Promises to pay: the organisation's rules, a customer's promise (reminders wait until its date), and the daily look
/// at open promises: kept once nothing is open any more, broken after the date plus the grace days (promise.broken;
/// reminders go out again).
/// </summary>
public class PromiseService(PortalDbContext db, TimeProvider clock, AuditTrail audit)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;
    private DateOnly Today => DateOnly.FromDateTime(Now);

    public static string StatusName(PromiseStatus status) => status.ToString().ToLowerInvariant();

    public async Task<PromisePolicy> PolicyAsync(long organisationId, CancellationToken ct = default) =>
        (await db.Organisations.AsNoTracking().FirstAsync(o => o.Id == organisationId, ct)).PromisePolicy;

    public async Task SetPolicyAsync(long organisationId, PromisePolicy policy, string actor, CancellationToken ct = default)
    {
        await using var transaction = await db.BeginWriteAsync(organisationId, ct);
        var organisation = await db.Organisations.FirstAsync(o => o.Id == organisationId, ct);
        if (!organisation.SetPromisePolicy(policy)) return;
        audit.Append(organisationId, actor, "organisation.promise_policy_changed", "organisation", organisationId.ToString(CultureInfo.InvariantCulture),
            FormattableString.Invariant($"{(policy.Enabled ? "on" : "off")}, up to {policy.MaximumDays} days, grace {policy.GraceDays}"));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    public async Task<PromiseOffer> OfferAsync(CustomerScope scope, CancellationToken ct = default)
    {
        var row = await db.Customers.AsNoTracking().Where(c => c.Id == scope.CustomerId && c.OrganisationId == scope.OrganisationId)
            .Select(c => new
            {
                c.CustomerRef,
                Open = scope.Invoices(db).Where(InvoiceMoney.Payable).Where(i => i.Currency == "EUR")
                    .Sum(i => i.AmountPaidMinor >= i.TotalMinor ? 0 : i.TotalMinor - i.AmountPaidMinor),
                Current = db.PaymentPromises.Where(p => p.CustomerId == c.Id && p.Status == PromiseStatus.Open).OrderByDescending(p => p.Id).FirstOrDefault(),
            }).FirstAsync(ct);
        return new PromiseOffer(row.Open, "EUR", row.Current is { } p ? View(p, row.CustomerRef) : null);
    }

    public enum Outcome { Made, AlreadyOne, NotAllowed, NothingOpen }

    /// <summary>The customer promises to pay what is open by <paramref name="date"/>, inside the organisation's rules as stored now.</summary>
    public async Task<(Outcome Outcome, PromiseView? Promise)> PromiseAsync(CustomerScope scope, DateOnly date, CancellationToken ct = default)
    {
        await using var transaction = await db.BeginWriteAsync(scope.OrganisationId, ct);
        var policy = await PolicyAsync(scope.OrganisationId, ct);
        var (first, last) = policy.Window(Today);
        if (!policy.Enabled || date < first || date > last) return (Outcome.NotAllowed, null);
        var offer = await OfferAsync(scope, ct);
        if (offer.Current is { } current) return (Outcome.AlreadyOne, current);
        if (offer.OpenMinor <= 0) return (Outcome.NothingOpen, null);
        var promise = new PaymentPromise(Guid.NewGuid(), scope.OrganisationId, scope.CustomerId, date, offer.OpenMinor, offer.Currency, Now);
        db.PaymentPromises.Add(promise);
        var customerRef = await db.Customers.Where(c => c.Id == scope.CustomerId).Select(c => c.CustomerRef).FirstAsync(ct);
        audit.Append(scope.OrganisationId, scope.Actor, "promise.created", "promise", promise.PublicId.ToString(), date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Emit(promise, customerRef, EventCatalogue.PromiseCreated);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return (Outcome.Made, View(promise, customerRef));
    }

    /// <summary>Every open promise: kept when nothing is open any more, broken after its date and the grace days. Answers how many ended.</summary>
    public async Task<int> RunAsync(CancellationToken ct = default)
    {
        var today = Today;
        var open = await db.PaymentPromises.AsNoTracking().Where(p => p.Status == PromiseStatus.Open).Select(p => new { p.Id, p.OrganisationId }).ToListAsync(ct);
        var ended = 0;
        foreach (var organisation in open.GroupBy(p => p.OrganisationId))
        {
            await using var transaction = await db.BeginWriteAsync(organisation.Key, ct);
            var grace = (await PolicyAsync(organisation.Key, ct)).GraceDays;
            var ids = organisation.Select(p => p.Id).ToList();
            var promises = await db.PaymentPromises.Where(p => ids.Contains(p.Id) && p.Status == PromiseStatus.Open)
                .Select(p => new
                {
                    Promise = p,
                    CustomerRef = db.Customers.Where(c => c.Id == p.CustomerId).Select(c => c.CustomerRef).First(),
                    Open = db.Invoices.Where(i => i.CustomerId == p.CustomerId).Where(InvoiceMoney.Payable).Any(i => i.AmountPaidMinor < i.TotalMinor),
                }).ToListAsync(ct);
            foreach (var row in promises)
            {
                if (!row.Open && row.Promise.Keep(Now))
                {
                    audit.Append(organisation.Key, "portal", "promise.kept", "promise", row.Promise.PublicId.ToString(), "paid");
                    ended++;
                }
                else if (row.Open && row.Promise.BreakIfDue(today, grace, Now))
                {
                    audit.Append(organisation.Key, "portal", "promise.broken", "promise", row.Promise.PublicId.ToString(), "not paid");
                    Emit(row.Promise, row.CustomerRef, EventCatalogue.PromiseBroken);
                    ended++;
                }
            }
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            db.ChangeTracker.Clear();
        }
        return ended;
    }

    private void Emit(PaymentPromise p, string customerRef, EventType<PromiseEventData> type) =>
        db.OutboxEvents.Add(OutboxEvent.Create(p.OrganisationId, type, new PromiseEventData(p.PublicId, customerRef, p.PromisedDate,
            Money.FromMinor(p.AmountMinor, p.Currency).Amount, p.Currency, StatusName(p.Status)), Now));

    private static PromiseView View(PaymentPromise p, string customerRef) =>
        new(p.PublicId, customerRef, p.PromisedDate, p.AmountMinor, p.Currency, p.Status, p.CreatedAtUtc);
}
