namespace Portal.Domain.DirectDebit;

/// <summary>
/// A SEPA creditor identifier: country code, two check digits, a three-character business code (often ZZZ) and the
/// national identifier. The check digits are ISO 7064 mod 97-10 over the national identifier followed by the
/// country code and "00", the business code left out, so NL57ZZZ999999999999 is valid and NL98ZZZ999999999999 is not.
/// </summary>
public static class CreditorId
{
    public static string Normalise(string value) => Payments.Iban.Normalise(value);

    public static bool IsValid(string? value)
    {
        if (value is null) return false;
        var id = Normalise(value);
        if (id.Length is < 8 or > 35 || !char.IsAsciiLetterUpper(id[0]) || !char.IsAsciiLetterUpper(id[1])
            || !char.IsAsciiDigit(id[2]) || !char.IsAsciiDigit(id[3]) || !id.All(char.IsAsciiLetterOrDigit)) return false;
        return Payments.Iban.Mod97(id[7..] + id[..4]) == 1;
    }
}
