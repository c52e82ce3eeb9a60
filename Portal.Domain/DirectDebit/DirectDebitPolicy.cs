using Portal.Domain.Invoices;

namespace Portal.Domain.DirectDebit;

/// <summary>
/// An organisation's direct-debit rules: whether customers may set it up, the days of the month they may choose,
/// how many business days before a collection the customer is told (the SEPA pre-notification), the amount of the
/// first iDEAL payment that sets up a mandate, and the creditor identifier printed on every notice.
/// </summary>
public sealed record DirectDebitPolicy(bool Enabled, IReadOnlyList<int> AllowedDays, int LeadBusinessDays, long FirstPaymentMinor, string? CreditorId)
{
    public const int MaxLeadBusinessDays = 20;
    /// <summary>A first payment only proves the account: at most € 10.</summary>
    public const long MaxFirstPaymentMinor = 10_00;

    /// <summary>Off, with the days and lead an organisation would most likely choose once it switches it on.</summary>
    public static readonly DirectDebitPolicy Default = new(false, [1, 15, 25], 5, 1, null);

    /// <summary>The rules a policy must keep; empty when it is sound. Fields are named as the API names them.</summary>
    public IReadOnlyList<RuleViolation> Check()
    {
        var errors = new List<RuleViolation>();
        if (AllowedDays.Count == 0) errors.Add(new("allowedDays", "'allowedDays' names at least one day of the month, 1 to 31."));
        else if (AllowedDays.Where(d => !CollectionCalendar.IsDay(d)).ToList() is [var wrong, ..])
            errors.Add(new("allowedDays", $"'allowedDays' holds days of the month, 1 to 31; {wrong} is not one."));
        else if (AllowedDays.Distinct().Count() != AllowedDays.Count) errors.Add(new("allowedDays", "'allowedDays' names each day once."));
        if (LeadBusinessDays is < 1 or > MaxLeadBusinessDays)
            errors.Add(new("leadBusinessDays", $"'leadBusinessDays' is 1 to {MaxLeadBusinessDays} business days: the customer must hear of a collection before it happens."));
        if (FirstPaymentMinor is < 1 or > MaxFirstPaymentMinor)
            errors.Add(new("firstPaymentAmount", "'firstPaymentAmount' is 0.01 to 10.00: a small amount that only proves the account."));
        if (CreditorId is not null && !DirectDebit.CreditorId.IsValid(CreditorId))
            errors.Add(new("creditorId", "'creditorId' is not a valid SEPA creditor identifier: country, two check digits (ISO 7064 mod 97-10), business code and national identifier, such as NL57ZZZ999999999999."));
        if (Enabled && CreditorId is null)
            errors.Add(new("creditorId", "'creditorId' is needed to switch direct debit on: it is printed on every notice to the customer."));
        return errors;
    }

    /// <summary>The allowed days in order, the form they are stored and offered in.</summary>
    public IReadOnlyList<int> Days => [.. AllowedDays.Distinct().Order()];

    public bool Allows(int day) => AllowedDays.Contains(day);
}
