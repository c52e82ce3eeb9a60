using System.Globalization;
using Portal.Domain;
using Portal.Domain.Language;

namespace Portal.Web.Customers;

/// <summary>Amounts and dates the way the page's language writes them: "€ 125,50", "1 december 2026".</summary>
public static class Display
{
    public static string Amount(Money money) => Isolate(LocalFormats.Amount(money, CultureInfo.CurrentCulture));

    /// <summary>
    /// Keeps left-to-right data (invoice numbers, names, amounts) in one piece inside right-to-left text, so
    /// "2026-0088" is not shown as "0088-2026". Left-to-right pages get the text unchanged.
    /// </summary>
    public static string Isolate(string text) =>
        CultureInfo.CurrentUICulture.TextInfo.IsRightToLeft ? "\u2068" + text + "\u2069" : text;

    public static string Date(DateOnly date) => LocalFormats.Date(date, CultureInfo.CurrentCulture);

    /// <summary>A day with its weekday, for choosing one: "donderdag 10 december".</summary>
    public static string Day(DateOnly date) => date.ToString("dddd d MMMM", CultureInfo.CurrentCulture);

    /// <summary>A time of day as it stands on the clock it was given in: "10:00".</summary>
    public static string Clock(DateTimeOffset at) => at.ToString("HH:mm", CultureInfo.InvariantCulture);

    /// <summary>A moment as the time of day in the Netherlands, where the organisations are: "14:05".</summary>
    public static string Time(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Amsterdam).ToString("HH:mm", CultureInfo.InvariantCulture);

    private static readonly TimeZoneInfo Amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    /// <summary>The machine-readable form for a time element.</summary>
    public static string IsoDate(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A phone number as a tel: link target: digits only, Dutch numbers with +31.</summary>
    public static string TelHref(string phone)
    {
        var digits = new string(phone.Where(c => char.IsDigit(c) || c == '+').ToArray());
        return "tel:" + (digits.StartsWith('0') && !digits.StartsWith("00", StringComparison.Ordinal) ? "+31" + digits[1..] : digits);
    }
}
