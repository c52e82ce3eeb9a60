using Portal.Domain.Invoices;
using Portal.Domain.Language;
using Portal.Domain.Messages;
using Portal.Infrastructure.Messages;

namespace Portal.Api.Templates;

/// <summary>PUT /api/v1/templates/{kind}/{channel}/{language}: Scriban text; subject and html for e-mail only.</summary>
public record TemplateRequest(string? Subject, string? Text, string? Html)
{
    public const int MaxText = 20_000;
    public const int MaxSubject = 500;
    public const int MaxHtml = 100_000;

    /// <summary>The template's parts once each is within its limits, or null with the broken ones in <paramref name="errors"/>.</summary>
    public MessageTexts? ToTexts(MessageChannel channel, List<RuleViolation> errors)
    {
        var before = errors.Count;
        if (string.IsNullOrWhiteSpace(Text)) errors.Add(new("text", "'text' is required: the template of the message's text."));
        else if (Text.Length > MaxText) errors.Add(new("text", $"'text' is at most {MaxText:N0} characters."));
        if (channel != MessageChannel.Email && channel != MessageChannel.Letter && Subject is not null)
            errors.Add(new("subject", "'subject' is for e-mail and letter templates only."));
        else if (Subject is not null && (Subject.Length > MaxSubject || Subject.Contains('\n')))
            errors.Add(new("subject", $"'subject' is one line of at most {MaxSubject} characters."));
        if (channel != MessageChannel.Email && Html is not null) errors.Add(new("html", "'html' is for e-mail templates only."));
        else if (Html is { Length: > MaxHtml }) errors.Add(new("html", $"'html' is at most {MaxHtml:N0} characters."));
        return errors.Count > before ? null : new MessageTexts(Subject, Text!, Html);
    }

    /// <summary>The template a path names, or a message saying which part is unknown.</summary>
    public static TemplateService.Key? KeyOf(string kind, string channel, string language, out string? unknown)
    {
        unknown = null;
        if (!MessageNames.TryParseKind(kind, out var k)) unknown = $"There is no message kind '{kind}'; the kinds are {string.Join(", ", MessageNames.KindNames)}.";
        else if (!MessageNames.TryParseChannel(channel, out var c)) unknown = $"There is no channel '{channel}'; the channels are {string.Join(", ", MessageNames.ChannelNames)}.";
        else if (!SupportedLanguages.IsSupported(language) || language != language.ToLowerInvariant())
            unknown = $"There is no language '{language}'; the languages are {string.Join(", ", SupportedLanguages.Codes)}.";
        else return new TemplateService.Key(k, c, language);
        return null;
    }
}

/// <summary>POST /api/v1/templates/preview: a template to try on the sample customer, not stored.</summary>
public record TemplatePreviewRequest(string? Kind, string? Channel, string? Language, string? Subject, string? Text, string? Html);

public record TemplateResponse(string Kind, string Channel, string Language, string? Subject, string Text, string? Html, bool IsDefault, DateTime? UpdatedAt);

public record ReadabilityResponse(double FleschDouma, double Lix, double AverageSentenceLength, IReadOnlyList<string> NotB1);

public record TemplatePreviewResponse(string? Subject, string Text, string? Html, ReadabilityResponse Readability);
