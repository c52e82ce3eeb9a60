using Portal.Domain.Invoices;

namespace Portal.Domain.Arrangements;

/// <summary>
/// An organisation's rules for payment plans its customers set up themselves: whether they may, the smallest term, the
/// most terms and months, the largest total, the down payment it asks (a percentage of the total, paid first), how
/// long after a broken plan a customer must ask instead of agreeing at once, whether a plan inside these rules is
/// agreed at once, and what happens when a term is missed: the days of grace, and how many missed terms break the plan.
/// </summary>
public sealed record ArrangementPolicy(
    bool Enabled,
    long MinimumTermMinor,
    int MaximumTerms,
    int MaximumMonths,
    long MaximumTotalMinor,
    int MinimumDownPaymentPercent,
    int NoPlanAfterBrokenMonths,
    bool ApproveWithinPolicy,
    int GraceDays,
    int MissedTermsToBreak)
{
    /// <summary>Off, with the rules an organisation would most likely start from once it switches plans on.</summary>
    public static readonly ArrangementPolicy Default = new(false, 25_00, 12, 12, 5_000_00, 0, 6, true, 14, 2);

    /// <summary>The rules a policy must keep; empty when it is sound. Fields are named as the API names them.</summary>
    public IReadOnlyList<RuleViolation> Check()
    {
        var errors = new List<RuleViolation>();
        if (MinimumTermMinor < 1) errors.Add(new("minimumTermAmount", "'minimumTermAmount' is at least 0.01."));
        if (MaximumTerms is < 2 or > ArrangementSchedule.MaxTerms)
            errors.Add(new("maximumTerms", $"'maximumTerms' is 2 to {ArrangementSchedule.MaxTerms}: a plan has at least two terms."));
        if (MaximumMonths is < 1 or > ArrangementSchedule.MaxTerms)
            errors.Add(new("maximumMonths", $"'maximumMonths' is 1 to {ArrangementSchedule.MaxTerms}."));
        if (MaximumTotalMinor < MinimumTermMinor * 2)
            errors.Add(new("maximumTotal", "'maximumTotal' is at least two minimum terms: a smaller total cannot be paid in parts."));
        if (MinimumDownPaymentPercent is < 0 or > 90)
            errors.Add(new("minimumDownPaymentPercent", "'minimumDownPaymentPercent' is 0 to 90: the percentage of the total paid first."));
        if (NoPlanAfterBrokenMonths is < 0 or > 120)
            errors.Add(new("noPlanAfterBrokenMonths", "'noPlanAfterBrokenMonths' is 0 to 120 months (0: a broken plan does not count)."));
        if (GraceDays is < 0 or > 60) errors.Add(new("graceDays", "'graceDays' is 0 to 60 days after a missed term."));
        if (MissedTermsToBreak is < 1 or > 12) errors.Add(new("missedTermsToBreak", "'missedTermsToBreak' is 1 to 12 missed terms."));
        return errors;
    }
}

/// <summary>Lengths the API and the store agree on.</summary>
public static class ArrangementLimits
{
    /// <summary>The organisation's reason for a rejection or a counter-proposal, as the customer reads it.</summary>
    public const int MaxReason = 500;
}
