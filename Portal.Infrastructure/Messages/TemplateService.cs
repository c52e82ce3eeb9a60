using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Invoices;
using Portal.Domain.Language;
using Portal.Domain.Messages;
using Portal.Infrastructure.Audit;
using Portal.Infrastructure.Database;

namespace Portal.Infrastructure.Messages;

/// <summary>An organisation's own message texts: read (its own or the default), replace, remove, and try out before storing.</summary>
public partial class TemplateService(PortalDbContext db, TimeProvider clock, AuditTrail audit, PublicLinks links)
{
    public sealed record Key(MessageKind Kind, MessageChannel Channel, string Language);

    public sealed record View(Key Key, MessageTexts Texts, bool IsDefault, DateTime? UpdatedAtUtc);

    /// <summary>What a template gives for the sample customer, with how readable the text is.</summary>
    public sealed record Preview(MessageTexts Rendered, double FleschDouma, double Lix, double AverageSentenceLength, IReadOnlyList<string> NotB1);

    public async Task<View> GetAsync(long organisationId, Key key, CancellationToken ct = default)
    {
        var own = await Own(organisationId, key).AsNoTracking().FirstOrDefaultAsync(ct);
        return own is null
            ? new View(key, DefaultTemplates.For(key.Kind, key.Channel, key.Language), true, null)
            : new View(key, own.Texts, false, own.UpdatedAtUtc);
    }

    /// <summary>Stores the organisation's template after trying it on the sample customer; a template that fails is not stored.</summary>
    public async Task<(View? Stored, IReadOnlyList<RuleViolation> Errors)> PutAsync(long organisationId, Key key, MessageTexts texts, string actor,
        CancellationToken ct = default)
    {
        var errors = await CheckAsync(organisationId, key, texts, ct);
        if (errors.Count > 0) return (null, errors);
        await using var transaction = await db.BeginWriteAsync(organisationId, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var own = await Own(organisationId, key).FirstOrDefaultAsync(ct);
        var changed = true;
        if (own is null) db.MessageTemplates.Add(own = new MessageTemplate(organisationId, key.Kind, key.Channel, key.Language, texts, now));
        else changed = own.Change(texts, now);
        if (changed)
        {
            audit.Append(organisationId, actor, "template.changed", "template", Name(key), "ok");
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        return (new View(key, own.Texts, false, own.UpdatedAtUtc), []);
    }

    /// <summary>Removes the organisation's template, so the default is used again; false when it had none.</summary>
    public async Task<bool> DeleteAsync(long organisationId, Key key, string actor, CancellationToken ct = default)
    {
        await using var transaction = await db.BeginWriteAsync(organisationId, ct);
        var own = await Own(organisationId, key).FirstOrDefaultAsync(ct);
        if (own is null) return false;
        db.MessageTemplates.Remove(own);
        audit.Append(organisationId, actor, "template.removed", "template", Name(key), "ok");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    public async Task<(Preview? Preview, IReadOnlyList<RuleViolation> Errors)> PreviewAsync(long organisationId, Key key, MessageTexts texts,
        CancellationToken ct = default)
    {
        var (sample, organisationName) = await SampleAsync(organisationId, key.Language, ct);
        var errors = Errors(TemplateRenderer.Check(texts, sample));
        if (errors.Count > 0) return (null, errors);
        var rendered = MessageService.Compose(texts, key.Channel, key.Language, organisationName, sample);
        var readable = EmailLayout.WithoutLinks(rendered.Text);
        var score = Readability.Score(readable);
        return (new Preview(rendered, Math.Round(score.FleschDouma, 1), Math.Round(score.Lix, 1), Math.Round(score.WordsPerSentence, 1),
            NotB1Sentences(readable)), []);
    }

    /// <summary>
    /// The sentences that on their own break a B1 rule: more than 15 words, a word B1 avoids, or — from six words on,
    /// where the formula means something — a Flesch-Douma under 65.
    /// </summary>
    public static IReadOnlyList<string> NotB1Sentences(string text) =>
        [.. SentenceEnd().Split(text.Replace('\n', ' ')).Select(s => s.Trim()).Where(s => s.Length > 0).Where(sentence =>
        {
            var score = Readability.Score(sentence);
            return score.Words > 15 || score.BannedWords.Count > 0 || (score.Words >= 6 && score.FleschDouma < 65);
        })];

    private async Task<IReadOnlyList<RuleViolation>> CheckAsync(long organisationId, Key key, MessageTexts texts, CancellationToken ct)
    {
        var (sample, _) = await SampleAsync(organisationId, key.Language, ct);
        return Errors(TemplateRenderer.Check(texts, sample));
    }

    private static List<RuleViolation> Errors(IReadOnlyList<TemplateRenderer.TemplateError> errors) =>
        [.. errors.Select(e => new RuleViolation(e.Part, $"The {e.Part} does not work: {e.Message}"))];

    private async Task<(MessageModel Sample, string OrganisationName)> SampleAsync(long organisationId, string language, CancellationToken ct)
    {
        var organisation = await db.Organisations.AsNoTracking().Where(o => o.Id == organisationId).Select(o => new { o.Name, o.Phone }).FirstAsync(ct);
        var culture = CultureInfo.GetCultureInfo(SupportedLanguages.CultureName(language));
        return (MessageModel.Sample(organisation.Name, organisation.Phone, links.BaseUrl(), culture), organisation.Name);
    }

    private IQueryable<MessageTemplate> Own(long organisationId, Key key) =>
        db.MessageTemplates.Where(t => t.OrganisationId == organisationId && t.Kind == key.Kind && t.Channel == key.Channel && t.Language == key.Language);

    private static string Name(Key key) => $"{key.Kind.Name()}/{key.Channel.Name()}/{key.Language}";

    [GeneratedRegex(@"(?<=[.!?])\s+")]
    private static partial Regex SentenceEnd();
}
