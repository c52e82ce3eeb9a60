using Microsoft.EntityFrameworkCore;
using Portal.Domain.Arrangements;
using Portal.Domain.Invoices;
using Portal.Infrastructure.Customers;

namespace Portal.Infrastructure.Arrangements;

/// <summary>A plan as the API and the customer's pages show it.</summary>
public sealed record ArrangementView(long Key, Guid Id, string CustomerRef, ArrangementStatus Status, bool AwaitingCustomer,
    IReadOnlyList<string> InvoiceNumbers, long TotalMinor, string Currency, PaidBy PaidBy, int? CollectionDay, IReadOnlyList<ArrangementView.Term> Terms,
    IReadOnlyList<string> Reasons, string? Reason, DateTime CreatedAtUtc, DateTime? AgreedAtUtc, DateTime? EndedAtUtc, long PaidTowardMinor,
    bool CustomerHasMandate = false)
{
    public sealed record Term(int Number, DateOnly DueDate, long AmountMinor, TermStatus Status, bool DownPayment);

    public long RestMinor => Math.Max(0, TotalMinor - PaidTowardMinor);

    /// <summary>The first term not paid yet.</summary>
    public Term? Next => Terms.FirstOrDefault(t => t.Status != TermStatus.Paid);

    /// <summary>What pays the next term now: the terms up to it, less what was paid toward them.</summary>
    public long NextDueMinor => Next is { } next
        ? Math.Max(0, Terms.Where(t => t.Number <= next.Number).Sum(t => t.AmountMinor) - PaidTowardMinor) : 0;
}

public partial class ArrangementService
{
    public async Task<ArrangementView?> GetAsync(long organisationId, Guid id, CancellationToken ct = default) =>
        (await ViewsAsync(db, db.Arrangements.Where(a => a.OrganisationId == organisationId && a.PublicId == id), ct)).FirstOrDefault();

    /// <summary>A page of the organisation's plans, newest first, from before <paramref name="beforeKey"/>.</summary>
    public async Task<(IReadOnlyList<ArrangementView> Items, long? NextKey)> ListAsync(long organisationId, string? customerRef, ArrangementStatus? status,
        long? beforeKey, int limit, CancellationToken ct = default)
    {
        var query = db.Arrangements.Where(a => a.OrganisationId == organisationId);
        if (customerRef is not null) query = query.Where(a => db.Customers.Any(c => c.Id == a.CustomerId && c.CustomerRef == customerRef));
        if (status is { } s) query = query.Where(a => a.Status == s);
        if (beforeKey is { } before) query = query.Where(a => a.Id < before);
        var views = await ViewsAsync(db, query.OrderByDescending(a => a.Id).Take(limit + 1), ct);
        return (views.Take(limit).ToList(), views.Count > limit ? views[limit - 1].Key : null);
    }

    /// <summary>
    /// The customer's plan their pages show: the one that runs or waits for an answer, else the last one that ended in
    /// the past 60 days (so a broken or rejected plan is explained); null when there is none.
    /// </summary>
    public async Task<ArrangementView?> CurrentAsync(CustomerScope scope, CancellationToken ct = default)
    {
        var since = clock.GetUtcNow().UtcDateTime.AddDays(-60);
        var views = await ViewsAsync(db, db.Arrangements.Where(a => a.OrganisationId == scope.OrganisationId && a.CustomerId == scope.CustomerId
                && (a.Status == ArrangementStatus.Requested || a.Status == ArrangementStatus.Active || a.EndedAtUtc > since))
            .OrderByDescending(a => a.Status == ArrangementStatus.Requested || a.Status == ArrangementStatus.Active).ThenByDescending(a => a.Id).Take(1), ct);
        return views.FirstOrDefault();
    }

    /// <summary>The plans with their customer, terms and invoices (and what those received since) in one query.</summary>
    private static async Task<List<ArrangementView>> ViewsAsync(Database.PortalDbContext db, IQueryable<Arrangement> plans, CancellationToken ct)
    {
        var rows = await plans.AsNoTracking().Select(a => new
        {
            a.Id, a.PublicId, CustomerRef = db.Customers.Where(c => c.Id == a.CustomerId).Select(c => c.CustomerRef).First(), a.Status, a.AwaitingCustomer,
            a.TotalMinor, a.Currency, a.PaidBy, a.CollectionDay, a.OutsidePolicy, a.Reason, a.CreatedAtUtc, a.AgreedAtUtc, a.EndedAtUtc,
            Terms = a.Terms.OrderBy(t => t.Number).Select(t => new ArrangementView.Term(t.Number, t.DueDate, t.AmountMinor, t.Status, t.DownPayment)).ToList(),
            Invoices = a.Invoices.Join(db.Invoices, ai => ai.InvoiceId, i => i.Id,
                (ai, i) => new { i.InvoiceNumber, ai.OpenMinor, ai.PaidBeforeMinor, i.AmountPaidMinor, i.Status }).ToList(),
            HasMandate = db.Mandates.Any(m => m.CustomerId == a.CustomerId && m.Status == Domain.DirectDebit.MandateStatus.Valid),
        }).ToListAsync(ct);
        return [.. rows.Select(a => new ArrangementView(a.Id, a.PublicId, a.CustomerRef, a.Status, a.AwaitingCustomer,
            [.. a.Invoices.Select(i => i.InvoiceNumber).Order(StringComparer.Ordinal)], a.TotalMinor, a.Currency, a.PaidBy, a.CollectionDay, a.Terms,
            ReasonNames(a.OutsidePolicy), a.Reason, a.CreatedAtUtc, a.AgreedAtUtc, a.EndedAtUtc,
            a.Invoices.Sum(i => ArrangementProgress.Received(i.OpenMinor, i.PaidBeforeMinor, i.AmountPaidMinor, i.Status == InvoiceStatus.Cancelled)),
            a.HasMandate))];
    }
}
