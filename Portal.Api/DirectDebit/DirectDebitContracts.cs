using System.Globalization;
using Portal.Api.Http;
using Portal.Domain.DirectDebit;
using Portal.Domain.Invoices;
using Portal.Infrastructure.DirectDebit;

namespace Portal.Api.DirectDebit;

/// <summary>PUT /api/v1/direct-debit-settings.</summary>
public record DirectDebitSettingsRequest(bool? Enabled, IReadOnlyList<int>? AllowedDays, int? LeadBusinessDays, decimal? FirstPaymentAmount, string? CreditorId)
{
    public (DirectDebitPolicy? Policy, IReadOnlyList<RuleViolation> Errors) Check()
    {
        var errors = new List<RuleViolation>();
        if (Enabled is null) errors.Add(new("enabled", "'enabled' is required: true or false."));
        if (AllowedDays is null) errors.Add(new("allowedDays", "'allowedDays' is required: the days of the month customers may choose, such as [1, 15, 25]."));
        if (LeadBusinessDays is null) errors.Add(new("leadBusinessDays", "'leadBusinessDays' is required: how many business days before a collection the customer is told."));
        var first = RequestMapping.Minor(FirstPaymentAmount ?? DirectDebitPolicy.Default.FirstPaymentMinor / 100m, "firstPaymentAmount", 2, errors, required: true);
        if (errors.Count > 0) return (null, errors);
        var policy = new DirectDebitPolicy(Enabled!.Value, AllowedDays!, LeadBusinessDays!.Value, first!.Value,
            string.IsNullOrWhiteSpace(CreditorId) ? null : CreditorId.Trim());
        var broken = policy.Check();
        return broken.Count > 0 ? (null, broken) : (policy, []);
    }
}

public record DirectDebitSettingsResponse(bool Enabled, IReadOnlyList<int> AllowedDays, int LeadBusinessDays, decimal FirstPaymentAmount, string? CreditorId)
{
    public static DirectDebitSettingsResponse Of(DirectDebitPolicy p) =>
        new(p.Enabled, p.Days, p.LeadBusinessDays, RequestMapping.Major(p.FirstPaymentMinor, "EUR"), p.CreditorId);
}

/// <summary>POST /api/v1/customers/{customerRef}/mandates: a SEPA mandate the organisation already holds.</summary>
public record SignedMandateRequest(string? Iban, string? AccountHolder, string? SignatureDate, string? MandateReference, int? CollectionDay)
{
    public (DirectDebitService.SignedMandate? Mandate, IReadOnlyList<RuleViolation> Errors) Check(DateOnly today)
    {
        var errors = new List<RuleViolation>();
        if (string.IsNullOrWhiteSpace(Iban)) errors.Add(new("iban", "'iban' is required: the customer's account, such as NL91 ABNA 0417 1643 00."));
        else if (!Portal.Domain.Payments.Iban.IsValid(Iban)) errors.Add(new("iban", "'iban' is not a valid IBAN: its check digits do not match (ISO 13616 mod 97)."));
        if (string.IsNullOrWhiteSpace(AccountHolder)) errors.Add(new("accountHolder", "'accountHolder' is required: the name on the account."));
        else if (AccountHolder.Trim().Length > Mandate.MaxAccountHolderLength)
            errors.Add(new("accountHolder", $"'accountHolder' is at most {Mandate.MaxAccountHolderLength} characters."));
        else RequestMapping.OneLine(AccountHolder, "accountHolder", errors);
        DateOnly signed = default;
        if (SignatureDate is null) errors.Add(new("signatureDate", "'signatureDate' is required: the day the customer signed, as yyyy-MM-dd."));
        else if (!DateOnly.TryParseExact(SignatureDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out signed))
            errors.Add(new("signatureDate", "'signatureDate' is a date as yyyy-MM-dd."));
        else if (signed > today) errors.Add(new("signatureDate", "'signatureDate' cannot be in the future."));
        if (string.IsNullOrWhiteSpace(MandateReference)) errors.Add(new("mandateReference", "'mandateReference' is required: your unique reference for this mandate."));
        else if (!Portal.Domain.DirectDebit.MandateReference.IsValid(MandateReference))
            errors.Add(new("mandateReference", "'mandateReference' is at most 35 characters: letters, digits, spaces and + ? / - : ( ) . , '."));
        if (CollectionDay is null) errors.Add(new("collectionDay", "'collectionDay' is required: the day of the month to collect, 1 to 31."));
        else if (!CollectionCalendar.IsDay(CollectionDay.Value)) errors.Add(new("collectionDay", "'collectionDay' is a day of the month, 1 to 31."));
        return errors.Count > 0 ? (null, errors)
            : (new DirectDebitService.SignedMandate(Iban!, AccountHolder!.Trim(), signed, MandateReference!, CollectionDay!.Value), errors);
    }
}

public record MandateDto(string Status, string Iban, string AccountHolder, string Reference, string Source, string SignatureDate);

public record NextCollectionDto(string Date, decimal Amount, IReadOnlyList<string> InvoiceNumbers);

public record CollectionDto(string Date, decimal Amount, string Status, string? BankReasonCode);

/// <summary>GET /api/v1/customers/{customerRef}/direct-debit.</summary>
public record CustomerDirectDebitResponse(string CustomerRef, MandateDto? Mandate, int? CollectionDay, NextCollectionDto? NextCollection,
    IReadOnlyList<CollectionDto> Collections)
{
    public static CustomerDirectDebitResponse Of(DirectDebitService.View v) =>
        new(v.CustomerRef,
            v.Mandate is { } m ? new MandateDto(DirectDebitService.StatusName(m.Status), m.Iban, m.AccountHolder, m.Reference,
                DirectDebitService.SourceName(m.Source), m.SignatureDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)) : null,
            v.CollectionDay,
            v.Next is { } n ? new NextCollectionDto(n.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), RequestMapping.Major(n.AmountMinor, n.Currency), n.InvoiceNumbers) : null,
            [.. v.Collections.Select(c => new CollectionDto(c.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), RequestMapping.Major(c.AmountMinor, c.Currency),
                StatusName(c.Status), c.BankReasonCode))]);

    public static string StatusName(CollectionStatus status) => status switch
    {
        CollectionStatus.Planned => "scheduled",
        CollectionStatus.Submitted => "submitted",
        CollectionStatus.Paid => "paid",
        CollectionStatus.Failed => "failed",
        CollectionStatus.ChargedBack => "charged_back",
        _ => "cancelled",
    };
}
