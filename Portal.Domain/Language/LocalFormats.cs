using System.Globalization;

namespace Portal.Domain.Language;

/// <summary>Amounts and dates the way a language writes them — "€ 125,50", "1 december 2026" — for pages and messages alike.</summary>
public static class LocalFormats
{
    public static string Amount(Money money, CultureInfo culture)
    {
        var format = (NumberFormatInfo)culture.NumberFormat.Clone();
        format.CurrencySymbol = money.Currency switch { "EUR" => "€", "USD" => "$", "GBP" => "£", _ => money.Currency };
        format.CurrencyDecimalDigits = Currency.DigitsOf(money.Currency);
        return money.Amount.ToString("C", format);
    }

    public static string Date(DateOnly date, CultureInfo culture) => date.ToString("d MMMM yyyy", culture);
}
