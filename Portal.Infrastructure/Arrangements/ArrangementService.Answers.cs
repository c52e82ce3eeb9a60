using Microsoft.EntityFrameworkCore;
using Portal.Domain.Arrangements;
using Portal.Domain.DirectDebit;
using Portal.Domain.Events;
using Portal.Domain.Invoices;
using Portal.Domain.Messages;
using Portal.Infrastructure.Messages;

namespace Portal.Infrastructure.Arrangements;

/// <summary>The organisation's side: approving, rejecting or countering a request, and cancelling a plan.</summary>
public partial class ArrangementService
{
    public enum Answer { Done, NotFound, NotNow }

    public sealed record AnswerResult(Answer Outcome, Arrangement? Plan = null, IReadOnlyList<RuleViolation>? Errors = null);

    /// <summary>Agrees to a requested plan as the customer asked it: it runs, and the customer is told.</summary>
    public Task<AnswerResult> ApproveAsync(long organisationId, Guid id, string actor, CancellationToken ct = default) =>
        AnswerAsync(organisationId, id, actor, "arrangement.approved", (plan, now) => plan.Approve(now),
            plan => (EventCatalogue.ArrangementCreated, new MessageService.Request(MessageKind.ArrangementConfirmation, AmountMinor: plan.TotalMinor,
                Terms: Planned(plan), CauseKey: "arrangement-approved:" + plan.PublicId)), ct);

    /// <summary>Says no to a requested plan (or to a counter-proposal not accepted yet), with the reason the customer reads.</summary>
    public Task<AnswerResult> RejectAsync(long organisationId, Guid id, string reason, string actor, CancellationToken ct = default) =>
        AnswerAsync(organisationId, id, actor, "arrangement.rejected", (plan, now) => plan.Reject(reason, now),
            plan => (EventCatalogue.ArrangementRejected, new MessageService.Request(MessageKind.ArrangementRejected, AmountMinor: plan.TotalMinor,
                Reason: reason, CauseKey: "arrangement-rejected:" + plan.PublicId)), ct);

    /// <summary>Ends a plan that runs or waits: its invoices are no longer paused. The ERP did it, so no event comes back.</summary>
    public Task<AnswerResult> CancelAsync(long organisationId, Guid id, string actor, CancellationToken ct = default) =>
        AnswerAsync(organisationId, id, actor, "arrangement.cancelled", (plan, now) => plan.Cancel(now), _ => (null, null), ct,
            (plan, now) => ArrangementRun.CancelPlannedCollectionsAsync(db, plan, now, ct));

    /// <summary>
    /// Other terms for the same invoices and total, which the customer accepts on their pay link. Each term is a positive
    /// amount on a business day far enough ahead to announce, in order; together they are the plan's total.
    /// </summary>
    public async Task<AnswerResult> CounterAsync(long organisationId, Guid id, IReadOnlyList<(DateOnly DueDate, long AmountMinor)> terms, string? reason,
        string actor, CancellationToken ct = default)
    {
        var plan = await db.Arrangements.AsNoTracking().Where(a => a.PublicId == id && a.OrganisationId == organisationId)
            .Select(a => new { a.TotalMinor, a.Status }).FirstOrDefaultAsync(ct);
        if (plan is null) return new(Answer.NotFound);
        var lead = await db.Organisations.Where(o => o.Id == organisationId).Select(o => o.PreNotificationLeadDays).FirstAsync(ct);
        var errors = CheckCounter(terms, plan.TotalMinor, CollectionCalendar.Earliest(Today, lead));
        if (errors.Count > 0) return new(Answer.NotNow, null, errors);
        var planned = terms.Select((t, i) => new PlannedTerm(i + 1, t.DueDate, t.AmountMinor)).ToList();
        return await AnswerAsync(organisationId, id, actor, "arrangement.countered", (p, _) => p.Counter(planned, reason),
            p => (null, new MessageService.Request(MessageKind.ArrangementCounterProposal, AmountMinor: p.TotalMinor, Terms: Planned(p), Reason: reason,
                CauseKey: $"arrangement-counter:{p.PublicId}:{Guid.NewGuid():N}")), ct);
    }

    private static List<RuleViolation> CheckCounter(IReadOnlyList<(DateOnly DueDate, long AmountMinor)> terms, long total, DateOnly earliest)
    {
        var errors = new List<RuleViolation>();
        if (terms.Count is < 1 or > ArrangementSchedule.MaxTerms)
            errors.Add(new("terms", $"'terms' holds 1 to {ArrangementSchedule.MaxTerms} terms."));
        else
        {
            if (terms.Any(t => t.AmountMinor <= 0)) errors.Add(new("terms", "Every term's 'amount' is more than 0."));
            if (terms.Sum(t => t.AmountMinor) != total)
                errors.Add(new("terms", FormattableString.Invariant($"The terms add up to {terms.Sum(t => t.AmountMinor) / 100m:0.00}; the plan's total is {total / 100m:0.00}.")));
            if (terms.Zip(terms.Skip(1)).Any(p => p.Second.DueDate <= p.First.DueDate)) errors.Add(new("terms", "The terms' 'dueDate's are in order, one term a day at most."));
            if (terms[0].DueDate < earliest)
                errors.Add(new("terms", FormattableString.Invariant($"The first term is on {earliest:yyyy-MM-dd} at the earliest: the customer must be told in time.")));
            if (terms.Where(t => !Target2Calendar.IsBusinessDay(t.DueDate)).Select(t => (DateOnly?)t.DueDate).FirstOrDefault() is { } closed)
                errors.Add(new("terms", FormattableString.Invariant($"{closed:yyyy-MM-dd} is not a business day (TARGET2): a term is collected or paid on a business day.")));
        }
        return errors;
    }

    private async Task<AnswerResult> AnswerAsync(long organisationId, Guid id, string actor, string action, Func<Arrangement, DateTime, bool> change,
        Func<Arrangement, (EventType<ArrangementEventData>? Event, MessageService.Request? Message)> tell, CancellationToken ct,
        Func<Arrangement, DateTime, Task>? after = null)
    {
        await using var transaction = await db.BeginWriteAsync(organisationId, ct);
        var plan = await Tracked(organisationId).FirstOrDefaultAsync(a => a.PublicId == id, ct);
        if (plan is null) return new(Answer.NotFound);
        var now = clock.GetUtcNow().UtcDateTime;
        if (!change(plan, now)) return new(Answer.NotNow, plan);
        var (customerRef, numbers) = await FactsAsync(plan, ct);
        audit.Append(organisationId, actor, action, "arrangement", plan.PublicId.ToString(), StatusName(plan.Status));
        var (type, message) = tell(plan);
        if (type is not null) Emit(plan, customerRef, numbers, type, now);
        if (message is not null) await messages.PrepareAsync(organisationId, customerRef, message, actor, ct);
        if (after is not null) await after(plan, now);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new(Answer.Done, plan);
    }
}
