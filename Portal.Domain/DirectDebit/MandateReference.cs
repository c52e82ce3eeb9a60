namespace Portal.Domain.DirectDebit;

/// <summary>
/// A mandate reference as SEPA allows it: at most 35 characters, letters, digits, space and + ? / - : ( ) . , '.
/// Portal makes its own as PORTAL-{organisation}-{customer}-{number}, unique per organisation.
/// </summary>
public static class MandateReference
{
    public const int MaxLength = 35;
    private const string Allowed = "+?/-:().,' ";

    public static bool IsValid(string? reference) =>
        reference is { Length: > 0 and <= MaxLength } r && r.Trim().Length == r.Length && r.All(c => char.IsAsciiLetterOrDigit(c) || Allowed.Contains(c));

    public static string Make(long organisationId, long customerId, int number) =>
        FormattableString.Invariant($"PORTAL-{organisationId}-{customerId}-{number}");
}

/// <summary>An IBAN shown without giving it away: the country and check digits and the last four, "NL91 •••• 4300".</summary>
public static class IbanMask
{
    public static string Of(string iban)
    {
        var value = Payments.Iban.Normalise(iban);
        return value.Length < 8 ? "••••" : $"{value[..4]} •••• {value[^4..]}";
    }
}
