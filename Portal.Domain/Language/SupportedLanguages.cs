namespace Portal.Domain.Language;

/// <summary>
/// The languages Portal's pages are written in, as ISO 639-1 codes; Dutch (B1) first, the default. The pages'
/// cultures, and the languages an organisation may offer its customers, come from this one list.
/// </summary>
public static class SupportedLanguages
{
    public static readonly IReadOnlyList<string> Codes = ["nl", "en", "tr", "pl", "ar"];

    /// <summary>The culture that writes a language's dates and amounts: the region is the one its customers most often live in.</summary>
    public static string CultureName(string code) => code switch
    {
        "nl" => "nl-NL",
        "en" => "en-GB",
        "tr" => "tr-TR",
        "pl" => "pl-PL",
        _ => code,
    };

    public static bool IsSupported(string? code) => code is not null && Codes.Contains(code.ToLowerInvariant());
}
