using Portal.Domain;
using Portal.Domain.Invoices;

namespace Portal.Api.Http;

/// <summary>
/// The checks more than one request shares: a key (a customer reference or an invoice number), an amount in major
/// units to minor units and back, and one-line or free text, each broken one named by its field. Each request's own
/// checks are on its record (<c>CustomerRequest.ToDetails</c>).
/// </summary>
public static class RequestMapping
{
    private const decimal MaxAmount = 1_000_000_000m;

    public static bool IsValidKey(string? key) =>
        !string.IsNullOrWhiteSpace(key) && key.Length <= 100 && key.Trim() == key && FieldRules.IsOneLine(key) && !HasUndecodedByte(key);

    public static string KeyRule(string field) =>
        $"'{field}' is 1 to 100 characters, without control characters, leading or trailing spaces, or a leftover of invalid UTF-8 percent-encoding such as %C3.";

    /// <summary>
    /// A percent-encoded byte from 80 to FF left in a decoded URL: ASP.NET Core leaves sequences that are not UTF-8
    /// (/invoices/%C3%28) encoded instead of refusing them, so "%C3(" would be stored as the number. A key holding it is
    /// refused wherever it comes from, so that every stored key can also be read back through a URL.
    /// </summary>
    private static bool HasUndecodedByte(string key)
    {
        for (var i = 0; i + 2 < key.Length; i++)
        {
            if (key[i] == '%' && key[i + 1] is (>= '8' and <= '9') or (>= 'A' and <= 'F') or (>= 'a' and <= 'f') && char.IsAsciiHexDigit(key[i + 2]))
                return true;
        }
        return false;
    }

    /// <summary>A JSON amount (125.50) in minor units of a currency with <paramref name="digits"/> decimals, or null with the reason named by <paramref name="field"/>.</summary>
    public static long? Minor(decimal? amount, string field, int digits, List<RuleViolation> errors, bool required)
    {
        if (amount is null)
        {
            if (required) errors.Add(new(field, $"'{field}' is required, as a JSON number such as 125.50."));
            return null;
        }
        if (amount < 0) { errors.Add(new(field, $"'{field}' cannot be negative.")); return null; }
        if (amount > MaxAmount) { errors.Add(new(field, $"'{field}' is at most 1,000,000,000.")); return null; }
        if (decimal.Round(amount.Value, digits) != amount)
        {
            errors.Add(new(field, digits == 0 ? $"'{field}' has no decimals in this currency." : $"'{field}' has at most {digits} decimals."));
            return null;
        }
        return (long)(amount.Value * (decimal)Math.Pow(10, digits));
    }

    /// <summary>Names <paramref name="field"/> when it holds a control character: see <see cref="FieldRules"/>.</summary>
    public static void OneLine(string? value, string field, List<RuleViolation> errors)
    {
        if (value is not null && !FieldRules.IsOneLine(value))
            errors.Add(new(field, $"'{field}' is one line of text, without control characters such as tabs, line breaks or U+0000."));
    }

    /// <summary>Names <paramref name="field"/> when it holds a control character other than a line break or tab.</summary>
    public static void FreeText(string? value, string field, List<RuleViolation> errors)
    {
        if (value is not null && !FieldRules.IsFreeText(value))
            errors.Add(new(field, $"'{field}' may hold line breaks and tabs, but no other control characters such as U+0000."));
    }

    /// <summary>Minor units back to a JSON number with the currency's scale (125.50).</summary>
    public static decimal Major(long minor, string currency) => Money.FromMinor(minor, currency).Amount;
}
