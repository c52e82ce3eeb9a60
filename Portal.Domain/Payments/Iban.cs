namespace Portal.Domain.Payments;

/// <summary>
/// An IBAN check (ISO 13616): country, two check digits, and a body whose mod 97 must come to 1. Catches a typo
/// in a bank account before a bank refuses a direct debit for it days later.
/// </summary>
public static class Iban
{
    /// <summary>Upper case, without spaces: the form banks and APIs exchange.</summary>
    public static string Normalise(string iban) =>
        new string(iban.Where(c => !char.IsWhiteSpace(c)).ToArray()).ToUpperInvariant();

    public static bool IsValid(string? iban)
    {
        if (iban is null) return false;
        var value = Normalise(iban);
        if (value.Length is < 15 or > 34 || !char.IsAsciiLetterUpper(value[0]) || !char.IsAsciiLetterUpper(value[1])
            || !char.IsAsciiDigit(value[2]) || !char.IsAsciiDigit(value[3]) || !value.All(char.IsAsciiLetterOrDigit)) return false;
        return Mod97(value[4..] + value[..4]) == 1;
    }

    /// <summary>ISO 7064 mod 97-10 of upper-case letters and digits, letters counting as 10 to 35: 1 for a valid IBAN or creditor id.</summary>
    internal static int Mod97(string lettersAndDigits)
    {
        var remainder = 0;
        foreach (var c in lettersAndDigits)
        {
            var digits = char.IsAsciiDigit(c) ? c - '0' : c - 'A' + 10;
            remainder = digits >= 10 ? (remainder * 100 + digits) % 97 : (remainder * 10 + digits) % 97;
        }
        return remainder;
    }
}
