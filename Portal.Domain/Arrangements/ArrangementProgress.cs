namespace Portal.Domain.Arrangements;

public enum ProgressStep
{
    TermPaid,
    TermMissed,
    Broken,
    Completed,
}

/// <summary>A step a running plan took; the term it is about, when it is about one.</summary>
public sealed record ProgressChange(ProgressStep Step, ArrangementTerm? Term = null);

/// <summary>
/// How a running plan stands, measured on its invoices. Terms are paid in order: term N is paid once the invoices have
/// received, since the plan was made, at least terms 1 to N together, however it was paid. A term not paid the day
/// after its date is missed (unless a direct debit for it is still with the bank); the customer then has the policy's
/// grace days. When the policy's number of missed terms are past their grace, the plan breaks; when all is paid, it is
/// completed.
/// </summary>
public static class ArrangementProgress
{
    /// <summary>What the plan's invoices received since it was made: per invoice, the rise in what was paid, at most what it left open.</summary>
    public static long PaidToward(IEnumerable<(ArrangementInvoice Invoice, long AmountPaidMinor, bool Cancelled)> invoices) =>
        invoices.Sum(i => Received(i.Invoice.OpenMinor, i.Invoice.PaidBeforeMinor, i.AmountPaidMinor, i.Cancelled));

    /// <summary>
    /// What one invoice of a plan received toward it: the rise in what was paid, at most what it left open. An invoice
    /// the organisation cancelled (credited) since counts as settled: nothing of it is owed any more.
    /// </summary>
    public static long Received(long openMinor, long paidBeforeMinor, long paidNowMinor, bool cancelled) =>
        cancelled ? openMinor : Math.Clamp(paidNowMinor - paidBeforeMinor, 0, openMinor);

    /// <summary>
    /// Moves the plan on to how it stands today and answers what changed, in order. <paramref name="inCollectionMinor"/>
    /// is what direct debits for the plan still have with the bank: a term being collected is not missed yet.
    /// </summary>
    public static IReadOnlyList<ProgressChange> Apply(Arrangement plan, ArrangementPolicy policy, long paidTowardMinor, long inCollectionMinor,
        DateOnly today, DateTime nowUtc)
    {
        var changes = new List<ProgressChange>();
        if (plan.Status != ArrangementStatus.Active) return changes;
        long cumulative = 0;
        foreach (var term in plan.Terms.OrderBy(t => t.Number))
        {
            cumulative += term.AmountMinor;
            if (paidTowardMinor >= cumulative)
            {
                if (term.Status == TermStatus.Paid) continue;
                term.Status = TermStatus.Paid;
                term.PaidAtUtc = nowUtc;
                changes.Add(new ProgressChange(ProgressStep.TermPaid, term));
            }
            else if (term.Status == TermStatus.Planned && term.DueDate < today && paidTowardMinor + inCollectionMinor < cumulative)
            {
                term.Status = TermStatus.Missed;
                term.MissedAtUtc = nowUtc;
                changes.Add(new ProgressChange(ProgressStep.TermMissed, term));
            }
        }
        if (paidTowardMinor >= plan.TotalMinor)
        {
            plan.End(ArrangementStatus.Completed, nowUtc);
            changes.Add(new ProgressChange(ProgressStep.Completed));
        }
        else if (plan.Terms.Count(t => t.Status == TermStatus.Missed && GraceEnds(t, policy) < today) >= policy.MissedTermsToBreak)
        {
            plan.End(ArrangementStatus.Broken, nowUtc);
            changes.Add(new ProgressChange(ProgressStep.Broken));
        }
        return changes;
    }

    /// <summary>The last day a missed term can still be paid before it counts toward breaking the plan.</summary>
    public static DateOnly GraceEnds(ArrangementTerm term, ArrangementPolicy policy) => term.DueDate.AddDays(policy.GraceDays);

    /// <summary>The next term still to pay: the first not paid, in order.</summary>
    public static ArrangementTerm? Next(Arrangement plan) => plan.Terms.OrderBy(t => t.Number).FirstOrDefault(t => t.Status != TermStatus.Paid);

    /// <summary>What is still to pay on the plan.</summary>
    public static long RestMinor(Arrangement plan, long paidTowardMinor) => Math.Max(0, plan.TotalMinor - paidTowardMinor);
}
