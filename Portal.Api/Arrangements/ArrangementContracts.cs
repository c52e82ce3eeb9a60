using System.Globalization;
using Portal.Api.Http;
using Portal.Domain.Arrangements;
using Portal.Domain.Invoices;
using Portal.Infrastructure.Arrangements;

namespace Portal.Api.Arrangements;

/// <summary>PUT /api/v1/arrangement-policy. graceDays and missedTermsToBreak may be left out (14 and 2).</summary>
public record ArrangementPolicyRequest(bool? Enabled, decimal? MinimumTermAmount, int? MaximumTerms, int? MaximumMonths, decimal? MaximumTotal,
    int? MinimumDownPaymentPercent, int? NoPlanAfterBrokenMonths, bool? ApproveWithinPolicy, int? GraceDays, int? MissedTermsToBreak)
{
    public (ArrangementPolicy? Policy, IReadOnlyList<RuleViolation> Errors) Check()
    {
        var errors = new List<RuleViolation>();
        if (Enabled is null) errors.Add(new("enabled", "'enabled' is required: true or false."));
        var minimum = RequestMapping.Minor(MinimumTermAmount, "minimumTermAmount", 2, errors, required: true);
        if (MaximumTerms is null) errors.Add(new("maximumTerms", "'maximumTerms' is required: the most terms a plan may have, such as 12."));
        if (MaximumMonths is null) errors.Add(new("maximumMonths", "'maximumMonths' is required: the most months a plan may run, such as 12."));
        var total = RequestMapping.Minor(MaximumTotal, "maximumTotal", 2, errors, required: true);
        if (MinimumDownPaymentPercent is null) errors.Add(new("minimumDownPaymentPercent", "'minimumDownPaymentPercent' is required: 0 for none."));
        if (NoPlanAfterBrokenMonths is null) errors.Add(new("noPlanAfterBrokenMonths", "'noPlanAfterBrokenMonths' is required: 0 to let a broken plan not count."));
        if (ApproveWithinPolicy is null) errors.Add(new("approveWithinPolicy", "'approveWithinPolicy' is required: true agrees plans inside the policy at once."));
        if (errors.Count > 0) return (null, errors);
        var policy = new ArrangementPolicy(Enabled!.Value, minimum!.Value, MaximumTerms!.Value, MaximumMonths!.Value, total!.Value,
            MinimumDownPaymentPercent!.Value, NoPlanAfterBrokenMonths!.Value, ApproveWithinPolicy!.Value,
            GraceDays ?? ArrangementPolicy.Default.GraceDays, MissedTermsToBreak ?? ArrangementPolicy.Default.MissedTermsToBreak);
        var broken = policy.Check();
        return broken.Count > 0 ? (null, broken) : (policy, []);
    }
}

public record ArrangementPolicyResponse(bool Enabled, decimal MinimumTermAmount, int MaximumTerms, int MaximumMonths, decimal MaximumTotal,
    int MinimumDownPaymentPercent, int NoPlanAfterBrokenMonths, bool ApproveWithinPolicy, int GraceDays, int MissedTermsToBreak)
{
    public static ArrangementPolicyResponse Of(ArrangementPolicy p) => new(p.Enabled, RequestMapping.Major(p.MinimumTermMinor, "EUR"), p.MaximumTerms,
        p.MaximumMonths, RequestMapping.Major(p.MaximumTotalMinor, "EUR"), p.MinimumDownPaymentPercent, p.NoPlanAfterBrokenMonths, p.ApproveWithinPolicy,
        p.GraceDays, p.MissedTermsToBreak);
}

/// <summary>POST /api/v1/arrangements/{id}/reject.</summary>
public record RejectRequest(string? Reason)
{
    public (string? Reason, IReadOnlyList<RuleViolation> Errors) Check()
    {
        var errors = new List<RuleViolation>();
        if (string.IsNullOrWhiteSpace(Reason)) errors.Add(new("reason", "'reason' is required: the customer reads it, so say why in plain words."));
        else if (Reason.Trim().Length > ArrangementLimits.MaxReason) errors.Add(new("reason", $"'reason' is at most {ArrangementLimits.MaxReason} characters."));
        else RequestMapping.FreeText(Reason, "reason", errors);
        return (errors.Count == 0 ? Reason!.Trim() : null, errors);
    }
}

public record CounterTerm(string? DueDate, decimal? Amount);

/// <summary>POST /api/v1/arrangements/{id}/counter-proposal: other terms for the same total, and optionally a word to the customer.</summary>
public record CounterProposalRequest(IReadOnlyList<CounterTerm>? Terms, string? Reason)
{
    public (IReadOnlyList<(DateOnly, long)>? Terms, string? Reason, IReadOnlyList<RuleViolation> Errors) Check()
    {
        var errors = new List<RuleViolation>();
        var terms = new List<(DateOnly, long)>();
        if (Terms is null or { Count: 0 }) errors.Add(new("terms", "'terms' is required: the terms you propose, each {\"dueDate\": \"yyyy-MM-dd\", \"amount\": 125.00}."));
        else
            for (var i = 0; i < Terms.Count; i++)
            {
                var field = $"terms[{i}]";
                if (Terms[i] is null) { errors.Add(new(field, $"'{field}' is a term: {{\"dueDate\", \"amount\"}}.")); continue; }
                DateOnly date = default;
                if (Terms[i].DueDate is not { } text || !DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
                    errors.Add(new($"{field}.dueDate", $"'{field}.dueDate' is a date as yyyy-MM-dd."));
                var amount = RequestMapping.Minor(Terms[i].Amount, $"{field}.amount", 2, errors, required: true);
                if (amount is { } minor) terms.Add((date, minor));
            }
        string? reason = null;
        if (Reason is not null)
        {
            if (Reason.Trim().Length > ArrangementLimits.MaxReason) errors.Add(new("reason", $"'reason' is at most {ArrangementLimits.MaxReason} characters."));
            else RequestMapping.FreeText(Reason, "reason", errors);
            reason = string.IsNullOrWhiteSpace(Reason) ? null : Reason.Trim();
        }
        return errors.Count > 0 ? (null, null, errors) : (terms, reason, errors);
    }
}

public record TermDto(int Number, string DueDate, decimal Amount, string Status, bool DownPayment);

/// <summary>A plan. awaiting: organisation (a request to answer), customer (your counter-proposal, not accepted yet) or null.</summary>
public record ArrangementResponse(Guid Id, string CustomerRef, string Status, string? Awaiting, IReadOnlyList<string> InvoiceNumbers, decimal Total,
    string Currency, string PaidBy, int? CollectionDay, IReadOnlyList<TermDto> Terms, decimal AmountPaid, IReadOnlyList<string> OutsidePolicy,
    string? Reason, DateTime CreatedAt, DateTime? AgreedAt, DateTime? EndedAt)
{
    public static ArrangementResponse Of(ArrangementView v) =>
        new(v.Id, v.CustomerRef, ArrangementService.StatusName(v.Status),
            v.Status != ArrangementStatus.Requested ? null : v.AwaitingCustomer ? "customer" : "organisation",
            v.InvoiceNumbers, RequestMapping.Major(v.TotalMinor, v.Currency), v.Currency, ArrangementService.PaidByName(v.PaidBy), v.CollectionDay,
            [.. v.Terms.Select(t => new TermDto(t.Number, t.DueDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), RequestMapping.Major(t.AmountMinor, v.Currency),
                ArrangementService.TermStatusName(t.Status), t.DownPayment))],
            RequestMapping.Major(v.PaidTowardMinor, v.Currency), v.Reasons, v.Reason, Utc(v.CreatedAtUtc),
            v.AgreedAtUtc is { } agreed ? Utc(agreed) : null, v.EndedAtUtc is { } ended ? Utc(ended) : null);

    private static DateTime Utc(DateTime value) => DateTime.SpecifyKind(value, DateTimeKind.Utc);
}

public record ArrangementListResponse(IReadOnlyList<ArrangementResponse> Items, string? NextCursor);
