using System.Globalization;
using System.Text.RegularExpressions;

namespace Portal.E2E.Infrastructure;

/// <summary>The amounts and dates the tests expect, written out independently of the app's own formatting code.</summary>
public static partial class Texts
{
    public static readonly CultureInfo Dutch = CultureInfo.GetCultureInfo("nl-NL");
    public static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>"€ 125,50".</summary>
    public static string DutchAmount(long minor) =>
        "€ " + (minor / 100m).ToString("#,##0.00", Dutch);

    /// <summary>"€125.50".</summary>
    public static string EnglishAmount(long minor) =>
        "€" + (minor / 100m).ToString("#,##0.00", English);

    /// <summary>"1 december 2026".</summary>
    public static string DutchDate(DateOnly date) => date.ToString("d MMMM yyyy", Dutch);

    /// <summary>"1 December 2026".</summary>
    public static string EnglishDate(DateOnly date) => date.ToString("d MMMM yyyy", English);

    /// <summary>Text as a reader sees it: every run of white space (non-breaking spaces too) as one plain space.</summary>
    public static string Normalise(string text) => WhiteSpace().Replace(text, " ").Trim();

    [GeneratedRegex(@"[\s\u00A0\u202F]+")]
    private static partial Regex WhiteSpace();
}
