using System.Globalization;

namespace Portal.Domain.Language;

/// <summary>
/// How amounts, dates, IBANs, phone numbers and invoice numbers are said aloud (ACCEPTANCE 14), for screen
/// readers (aria-label) and read-aloud. Supports Dutch and English; any other language falls back to English.
/// </summary>
public static class SpokenForms
{
    public static string Amount(Money money, CultureInfo culture)
    {
        var dutch = IsDutch(culture);
        var whole = (long)decimal.Truncate(money.Amount);
        var cents = (int)((money.Amount - whole) * 100);
        var (major, minor) = UnitNames(money.Currency, dutch, whole, cents);
        if (whole == 0 && cents > 0) return $"{cents} {minor}";
        if (cents == 0) return $"{whole} {major}";
        return dutch ? $"{whole} {major} en {cents} {minor}" : $"{whole} {major} and {cents} {minor}";
    }

    public static string Date(DateOnly date, CultureInfo culture) =>
        date.ToString("dddd d MMMM yyyy", IsDutch(culture) ? CultureInfo.GetCultureInfo("nl-NL") : CultureInfo.GetCultureInfo("en-GB"));

    /// <summary>"NL91ABNA0417164300" → "N L 9 1, A B N A, 0 4 1 7, 1 6 4 3, 0 0": letter by letter in groups of four.</summary>
    public static string Iban(string iban)
    {
        var compact = new string(iban.Where(char.IsLetterOrDigit).Select(char.ToUpperInvariant).ToArray());
        return string.Join(", ", compact.Chunk(4).Select(group => string.Join(' ', group)));
    }

    /// <summary>"020 123 45 67" → "0 2 0, 1 2 3, 4 5, 6 7": digit by digit, keeping the groups as written.</summary>
    public static string Phone(string phone) => CharacterGroups(phone);

    /// <summary>"2026-0101" → "2 0 2 6, 0 1 0 1": character by character, a pause at each separator.</summary>
    public static string InvoiceNumber(string number) => CharacterGroups(number);

    private static string CharacterGroups(string text)
    {
        var groups = text.Split([' ', '-', '/', '.', '_'], StringSplitOptions.RemoveEmptyEntries);
        return string.Join(", ", groups.Select(g => string.Join(' ', g.Where(char.IsLetterOrDigit).Select(char.ToUpperInvariant))).Where(g => g.Length > 0));
    }

    private static (string Major, string Minor) UnitNames(string currency, bool dutch, long whole, int cents) => currency switch
    {
        "EUR" => dutch ? ("euro", "cent") : (whole == 1 ? "euro" : "euros", cents == 1 ? "cent" : "cents"),
        "USD" => dutch ? ("dollar", "cent") : (whole == 1 ? "dollar" : "dollars", cents == 1 ? "cent" : "cents"),
        "GBP" => dutch ? ("pond", "penny") : (whole == 1 ? "pound" : "pounds", cents == 1 ? "penny" : "pence"),
        _ => (currency, dutch ? "honderdste" : "hundredths"),
    };

    private static bool IsDutch(CultureInfo culture) => culture.TwoLetterISOLanguageName == "nl";
}
