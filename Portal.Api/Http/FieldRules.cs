using PhoneNumbers;

namespace Portal.Api.Http;

/// <summary>
/// What text Portal stores. One-line fields (references, names, address lines, e-mail, phone) hold no control
/// characters at all, not even tabs or line breaks; free text (descriptions) may hold line breaks and tabs, and no other
/// control character. PostgreSQL cannot store U+0000 at all, and other control characters break e-mails, printed
/// invoices and screen readers, so they are refused rather than stored.
/// </summary>
public static class FieldRules
{
    public const int MaxEmail = 254;
    public const string DefaultPhoneRegion = "NL";

    public static bool IsOneLine(string text) => !text.Any(char.IsControl);

    public static bool IsFreeText(string text) => !text.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t'));

    /// <summary>
    /// One address, the way a mail server takes it: exactly one @ with something before it, a domain with a dot that
    /// neither starts nor ends it, no spaces or control characters, no display name or list, at most 254 characters.
    /// </summary>
    public static bool IsEmail(string text)
    {
        if (text.Length is < 5 or > MaxEmail || text.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || "<>()[]\\,;:\"".Contains(c)))
            return false;
        var at = text.IndexOf('@');
        if (at is <= 0 or > 64 || at != text.LastIndexOf('@')) return false;
        var domain = text[(at + 1)..];
        return domain.Contains('.') && !domain.StartsWith('.') && !domain.EndsWith('.') && !domain.Contains("..");
    }

    /// <summary>
    /// The number in E.164 (+31207654321), or null when it is not a number that can be called. Without a country code it
    /// is read as Dutch; digits of other scripts are read as the digits they are.
    /// </summary>
    public static string? ToE164Phone(string text)
    {
        var phones = PhoneNumberUtil.GetInstance();
        try
        {
            var number = phones.Parse(text, DefaultPhoneRegion);
            return phones.IsValidNumber(number) ? phones.Format(number, PhoneNumberFormat.E164) : null;
        }
        catch (NumberParseException)
        {
            return null;
        }
    }

    /// <summary>A stored number (E.164) the way people write it: 06 12345678 for a Dutch one, +32 470 12 34 56 for another.</summary>
    public static string ReadablePhone(string e164)
    {
        var phones = PhoneNumberUtil.GetInstance();
        try
        {
            var number = phones.Parse(e164, DefaultPhoneRegion);
            return phones.Format(number, phones.GetRegionCodeForNumber(number) == DefaultPhoneRegion ? PhoneNumberFormat.NATIONAL : PhoneNumberFormat.INTERNATIONAL);
        }
        catch (NumberParseException)
        {
            return e164;
        }
    }
}
