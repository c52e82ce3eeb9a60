using System.Globalization;
using Portal.Domain.Language;

namespace Portal.Web.Setup;

/// <summary>The languages of the customer's pages. Dutch (B1) comes first and is the default.</summary>
public static class Languages
{
    public const string CookieName = "portal_lang";
    public const string QueryName = "lang";

    /// <summary>
    /// Dutch and English are complete; Turkish, Polish and Arabic (right to left) cover the customer's pages. The
    /// list and the region that formats their dates and amounts are the domain's <see cref="SupportedLanguages"/>.
    /// </summary>
    public static readonly IList<CultureInfo> Cultures = [.. SupportedLanguages.Codes.Select(code => CultureInfo.GetCultureInfo(SupportedLanguages.CultureName(code)))];

    public static readonly CultureInfo Default = Cultures[0];

    /// <summary>"nl" or "en" to a supported culture, or null.</summary>
    public static CultureInfo? Find(string? code) =>
        string.IsNullOrEmpty(code) ? null : Cultures.FirstOrDefault(c => c.TwoLetterISOLanguageName.Equals(code, StringComparison.OrdinalIgnoreCase));

    /// <summary>HttpContext.Items key: the cultures this request's customer is offered, set while choosing the culture.</summary>
    public const string OfferedItem = "portal:offered-cultures";

    /// <summary>The cultures of comma-separated language codes (an organisation's choice), in that order; every one when none is known.</summary>
    public static IReadOnlyList<CultureInfo> Offered(string? codes)
    {
        var offered = (codes ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(Find).OfType<CultureInfo>().Distinct().ToList();
        return offered.Count > 0 ? offered : [.. Cultures];
    }

    /// <summary>What the language switch offers on this request: the customer's organisation's languages, or every one.</summary>
    public static IReadOnlyList<CultureInfo> OfferedOn(HttpContext http) =>
        http.Items[OfferedItem] as IReadOnlyList<CultureInfo> ?? [.. Cultures];

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
