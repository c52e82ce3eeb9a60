using System.Text.Json;
using Portal.Domain.Messages;

namespace Portal.Infrastructure.Messages;

/// <summary>
/// Portal's own texts for every kind in every language (<c>Messages/Defaults/{language}.json</c>): a subject and a text
/// for e-mail and letter, a short text for SMS. An organisation's template replaces one of them; deleting it brings
/// the default back. The Dutch ones are B1 (a test scores them).
/// </summary>
public static class DefaultTemplates
{
    private sealed record Entry(string Subject, string Text, string Sms);

    private static readonly Dictionary<string, Dictionary<string, Entry>> ByLanguage = Load();

    public static MessageTexts For(MessageKind kind, MessageChannel channel, string language)
    {
        var entry = ByLanguage[language][kind.Name()];
        return channel == MessageChannel.Sms ? new MessageTexts(null, entry.Sms, null) : new MessageTexts(entry.Subject, entry.Text, null);
    }

    private static Dictionary<string, Dictionary<string, Entry>> Load()
    {
        var result = new Dictionary<string, Dictionary<string, Entry>>();
        foreach (var language in Portal.Domain.Language.SupportedLanguages.Codes)
        {
            using var stream = typeof(DefaultTemplates).Assembly.GetManifestResourceStream($"Portal.Messages.Defaults.{language}.json")
                ?? throw new InvalidOperationException($"The default message templates for '{language}' are missing from the build.");
            var entries = JsonSerializer.Deserialize<Dictionary<string, Entry>>(stream, JsonSerializerOptions.Web)!;
            var missing = MessageNames.KindNames.Where(k => !entries.ContainsKey(k)).ToList();
            if (missing.Count > 0) throw new InvalidOperationException($"The default templates for '{language}' lack {string.Join(", ", missing)}.");
            result[language] = entries;
        }
        return result;
    }
}
