using Portal.Domain.Invoices;
using Portal.Domain.Language;

namespace Portal.Domain.Organisations;

/// <summary>
/// What an organisation tells its customers about itself: its name and colour, its phone number, the account a bank
/// transfer goes to, the languages its customers are offered (the first is the default) and the name its e-mails
/// come from. The command that creates an organisation and the API that maintains it share these rules.
/// </summary>
public record OrganisationProfile(string Name, string BrandColour, string Phone, string Iban, string AccountHolder,
    IReadOnlyList<string> Languages, string? SenderName)
{
    public const int MaxName = 200;
    public const int MaxAccountHolder = 200;
    public const int MaxPhone = 40;
    public const int MaxSenderName = 100;

    public record Result(OrganisationProfile? Profile, IReadOnlyList<RuleViolation> Errors);

    /// <summary>
    /// Checks every field, naming each broken one as the API calls it, and returns the profile in its stored form:
    /// trimmed, the IBAN without spaces in capitals, the colour in capitals, the languages in lower case. Only
    /// <paramref name="senderName"/> may be left out.
    /// </summary>
    public static Result From(string? name, string? brandColour, string? phone, string? iban, string? accountHolder,
        IReadOnlyList<string?>? languages, string? senderName)
    {
        var errors = new List<RuleViolation>();
        name = Text(name, "name", MaxName, required: true, errors);
        accountHolder = Text(accountHolder, "accountHolder", MaxAccountHolder, required: true, errors);
        senderName = Text(senderName, "senderName", MaxSenderName, required: false, errors);

        if (string.IsNullOrWhiteSpace(brandColour)) errors.Add(new("brandColour", "Required: a colour as #RRGGBB, such as #0B5394."));
        else if (!BrandColours.IsValid(brandColour.Trim())) errors.Add(new("brandColour", "A colour as #RRGGBB, such as #0B5394."));

        phone = phone?.Trim();
        if (string.IsNullOrEmpty(phone)) errors.Add(new("phone", "Required: the number customers can call, such as 020 123 45 67."));
        else if (phone.Length > MaxPhone || !phone.All(c => char.IsAsciiDigit(c) || c is '+' or ' ' or '-' or '(' or ')') || !phone.Any(char.IsAsciiDigit))
            errors.Add(new("phone", $"Digits, spaces, '+', '-' and brackets, at most {MaxPhone} characters."));

        if (string.IsNullOrWhiteSpace(iban)) errors.Add(new("iban", "Required: the IBAN customers transfer to, such as NL91ABNA0417164300."));
        else if (!PlainText.IsOneLine(iban) || !Payments.Iban.IsValid(iban))
            errors.Add(new("iban", "Not a valid IBAN: the country, length or check digits (mod 97) do not match. Check it for a typo."));

        var codes = LanguageCodes(languages, errors);
        if (errors.Count > 0) return new(null, errors);
        return new(new OrganisationProfile(name!, brandColour!.Trim().ToUpperInvariant(), phone!, Payments.Iban.Normalise(iban!),
            accountHolder!, codes, senderName), []);
    }

    private static string? Text(string? value, string field, int max, bool required, List<RuleViolation> errors)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            if (required || value is not null) errors.Add(new(field, required ? $"Required, at most {max} characters." : $"Leave it out, or 1 to {max} characters."));
            return null;
        }
        if (trimmed.Length > max) errors.Add(new(field, $"At most {max} characters."));
        else if (!PlainText.IsOneLine(trimmed)) errors.Add(new(field, "One line of text, without control characters."));
        return trimmed;
    }

    private static List<string> LanguageCodes(IReadOnlyList<string?>? languages, List<RuleViolation> errors)
    {
        var offered = string.Join(", ", SupportedLanguages.Codes);
        if (languages is null || languages.Count == 0)
        {
            errors.Add(new("languages", $"Required: one or more of {offered}, the first being the default."));
            return [];
        }
        if (languages.Count > SupportedLanguages.Codes.Count)
        {
            errors.Add(new("languages", $"At most {SupportedLanguages.Codes.Count}: each of {offered} once."));
            return [];
        }
        var codes = new List<string>();
        foreach (var language in languages)
        {
            var code = language?.Trim().ToLowerInvariant();
            if (code is null || !SupportedLanguages.IsSupported(code))
                errors.Add(new("languages", $"{Quoted(language)} is not a language Portal offers; choose from {offered}."));
            else if (codes.Contains(code)) errors.Add(new("languages", $"'{code}' is named twice."));
            else codes.Add(code);
        }
        return codes;
    }

    private static string Quoted(string? value) =>
        value is null ? "null" : value.Length > 10 || !PlainText.IsOneLine(value) ? "That value" : $"'{value}'";
}
