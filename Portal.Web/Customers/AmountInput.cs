using System.Globalization;

namespace Portal.Web.Customers;

/// <summary>
/// Reads an amount the way people type it: "25", "25,50", "25.50", "€ 1.250,00", "1,250.00", "25,-". A single
/// separator followed by one or two digits is the decimal point, whichever it is; followed by three digits it
/// groups thousands only if that is how the page's language groups them ("1.250" in Dutch, "1,250" in English).
/// Anything else is refused rather than guessed.
/// </summary>
public static class AmountInput
{
    public enum Result { Ok, Missing, Invalid }

    public static Result TryParseMinor(string? text, CultureInfo culture, out long minor)
    {
        var grouping = culture.NumberFormat.NumberDecimalSeparator == "," ? '.' : ',';
        minor = 0;
        if (string.IsNullOrWhiteSpace(text)) return Result.Missing;
        var value = new string(text.Where(c => !char.IsWhiteSpace(c)).ToArray()).Replace("€", "").Replace("EUR", "", StringComparison.OrdinalIgnoreCase);
        if (value.EndsWith(",-", StringComparison.Ordinal) || value.EndsWith(".-", StringComparison.Ordinal)) value = value[..^2];
        if (value.Length is 0 or > 20 || !value.All(c => char.IsAsciiDigit(c) || c is '.' or ',')) return Result.Invalid;

        var last = value.LastIndexOfAny(['.', ',']);
        string whole, fraction = "";
        if (last < 0) whole = value;
        else
        {
            var decimals = value.Length - last - 1;
            var separator = value[last];
            var singleKind = value.IndexOf(separator == '.' ? ',' : '.') < 0;
            var once = value.IndexOf(separator) == last;
            if (decimals is 1 or 2 || (!singleKind && decimals is not 3))
            {
                whole = value[..last];
                fraction = value[(last + 1)..];
                if (fraction.Length is 0 or > 2) return Result.Invalid;
            }
            else if (decimals == 3 && ((singleKind && separator == grouping) || !once))
                whole = value;
            else
                return Result.Invalid;
            if (!singleKind && whole.Contains(separator)) return Result.Invalid;
        }
        if (!ValidGrouping(whole)) return Result.Invalid;
        var digits = new string(whole.Where(char.IsAsciiDigit).ToArray());
        if (digits.Length is 0 or > 12) return Result.Invalid;
        minor = long.Parse(digits, CultureInfo.InvariantCulture) * 100
                + (fraction.Length == 0 ? 0 : long.Parse(fraction.PadRight(2, '0'), CultureInfo.InvariantCulture));
        return minor > 0 ? Result.Ok : Result.Invalid;
    }

    /// <summary>Thousands separators, if any, stand between groups of exactly three digits, all of one kind.</summary>
    private static bool ValidGrouping(string whole)
    {
        var separators = whole.Where(c => c is '.' or ',').Distinct().ToList();
        if (separators.Count == 0) return true;
        if (separators.Count > 1) return false;
        var groups = whole.Split(separators[0]);
        return groups[0].Length is >= 1 and <= 3 && groups.Skip(1).All(g => g.Length == 3);
    }
}
