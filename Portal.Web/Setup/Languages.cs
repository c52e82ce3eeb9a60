using System.Globalization;

namespace Portal.Web.Setup;

/// <summary>The languages of the customer's pages. Dutch (B1) comes first and is the default.</summary>
public static class Languages
{
    public const string CookieName = "portal_lang";
    public const string QueryName = "lang";

    public static readonly CultureInfo Default = CultureInfo.GetCultureInfo("nl-NL");

    /// <summary>Dutch and English are complete; Turkish, Polish and Arabic (right to left) cover the customer's pages.</summary>
    public static readonly IList<CultureInfo> Cultures =
    [
        Default,
        CultureInfo.GetCultureInfo("en-GB"),
        CultureInfo.GetCultureInfo("tr-TR"),
        CultureInfo.GetCultureInfo("pl-PL"),
        CultureInfo.GetCultureInfo("ar"),
    ];

    /// <summary>"nl" or "en" to a supported culture, or null.</summary>
    public static CultureInfo? Find(string? code) =>
        string.IsNullOrEmpty(code) ? null : Cultures.FirstOrDefault(c => c.TwoLetterISOLanguageName.Equals(code, StringComparison.OrdinalIgnoreCase));

    /// <summary>The endonym shown in the switch: a language is always offered in its own words.</summary>
    public static string NativeName(CultureInfo culture) => culture.TwoLetterISOLanguageName switch
    {
        "nl" => "Nederlands",
        "en" => "English",
        "tr" => "Türkçe",
        "pl" => "Polski",
        "ar" => "العربية",
        _ => culture.NativeName,
    };
}
