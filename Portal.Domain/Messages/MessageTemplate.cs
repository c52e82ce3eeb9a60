namespace Portal.Domain.Messages;

/// <summary>
/// An organisation's own text for one kind, channel and language, in Scriban, replacing Portal's default. Subject and
/// HTML are for e-mail only; without its own HTML an e-mail's HTML part is made from the text.
/// </summary>
public class MessageTemplate
{
    private MessageTemplate() { }

    public MessageTemplate(long organisationId, MessageKind kind, MessageChannel channel, string language, MessageTexts texts, DateTime nowUtc)
    {
        OrganisationId = organisationId;
        Kind = kind;
        Channel = channel;
        Language = language;
        Change(texts, nowUtc);
    }

    public long Id { get; private set; }
    public long OrganisationId { get; private set; }
    public MessageKind Kind { get; private set; }
    public MessageChannel Channel { get; private set; }
    public string Language { get; private set; } = "nl";
    public string? Subject { get; private set; }
    public string Text { get; private set; } = "";
    public string? Html { get; private set; }
    public DateTime UpdatedAtUtc { get; private set; }

    public MessageTexts Texts => new(Subject, Text, Html);

    public bool Change(MessageTexts texts, DateTime nowUtc)
    {
        if (texts == Texts) return false;
        Subject = texts.Subject;
        Text = texts.Text;
        Html = texts.Html;
        UpdatedAtUtc = nowUtc;
        return true;
    }
}

/// <summary>A template's parts, or a message's once rendered.</summary>
public record MessageTexts(string? Subject, string Text, string? Html);
