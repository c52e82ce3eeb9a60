namespace Portal.Domain.Arrangements;

/// <summary>Why a plan is outside the organisation's policy, each one a rule of <see cref="ArrangementPolicy"/>.</summary>
public enum OutsidePolicy
{
    TermBelowMinimum,
    TooManyTerms,
    TooManyMonths,
    TotalTooHigh,
    DownPaymentTooLow,
    BrokenRecently,
}

/// <summary>
/// What becomes of a plan the customer proposes: agreed at once (inside the policy, and the organisation agrees
/// those itself), or a request the organisation answers, with the rules it is outside of.
/// </summary>
public sealed record ArrangementDecision(IReadOnlyList<OutsidePolicy> Reasons, bool ApproveNow)
{
    public bool WithinPolicy => Reasons.Count == 0;
}

/// <summary>The one decision on a proposed plan, from the policy, the plan and the customer's last broken plan.</summary>
public static class ArrangementRules
{
    public static ArrangementDecision Decide(ArrangementPolicy policy, long totalMinor, IReadOnlyList<PlannedTerm> terms, DateOnly today, DateOnly? lastBrokenOn)
    {
        var reasons = new List<OutsidePolicy>();
        var regular = terms.Where(t => !t.DownPayment).ToList();
        if (regular.Any(t => t.AmountMinor < policy.MinimumTermMinor)) reasons.Add(OutsidePolicy.TermBelowMinimum);
        if (terms.Count > policy.MaximumTerms) reasons.Add(OutsidePolicy.TooManyTerms);
        if (ArrangementSchedule.Months(today, terms) > policy.MaximumMonths) reasons.Add(OutsidePolicy.TooManyMonths);
        if (totalMinor > policy.MaximumTotalMinor) reasons.Add(OutsidePolicy.TotalTooHigh);
        var down = terms.Where(t => t.DownPayment).Sum(t => t.AmountMinor);
        if (down < ArrangementSchedule.DownPaymentMinor(totalMinor, policy.MinimumDownPaymentPercent)) reasons.Add(OutsidePolicy.DownPaymentTooLow);
        if (lastBrokenOn is { } broken && policy.NoPlanAfterBrokenMonths > 0 && broken.AddMonths(policy.NoPlanAfterBrokenMonths) > today)
            reasons.Add(OutsidePolicy.BrokenRecently);
        return new ArrangementDecision(reasons, reasons.Count == 0 && policy.ApproveWithinPolicy);
    }

    /// <summary>The numbers of terms a page offers for a total: 2 up to the policy's maximum (at most 12 on one page), each term at least the minimum.</summary>
    public static IReadOnlyList<int> TermChoices(ArrangementPolicy policy, long totalMinor)
    {
        var rest = totalMinor - ArrangementSchedule.DownPaymentMinor(totalMinor, policy.MinimumDownPaymentPercent);
        var most = Math.Min(Math.Min(policy.MaximumTerms - (policy.MinimumDownPaymentPercent > 0 ? 1 : 0), policy.MaximumMonths), 12);
        return [.. Enumerable.Range(2, Math.Max(0, most - 1)).Where(n => rest / n >= policy.MinimumTermMinor)];
    }
}
