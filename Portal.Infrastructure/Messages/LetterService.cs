using Microsoft.EntityFrameworkCore;
using Portal.Domain.Events;
using Portal.Domain.Messages;
using Portal.Infrastructure.Database;

namespace Portal.Infrastructure.Messages;

/// <summary>
/// Letters for the ERP to print and post: the PDF of a letter message. The first fetch counts as sent — from there on
/// it is the ERP's to post — and the ERP hears message.sent like for any other channel.
/// </summary>
public class LetterService(PortalDbContext db, TimeProvider clock, MessageService messages, LetterRenderer renderer)
{
    public enum Outcome
    {
        Pdf,
        NotFound,
        NotALetter,
        NoFont,
    }

    public sealed record Result(Outcome Outcome, byte[]? Pdf = null);

    public async Task<Result> PdfAsync(long organisationId, long messageId, CancellationToken ct = default)
    {
        var message = await db.Messages.FirstOrDefaultAsync(m => m.Id == messageId && m.OrganisationId == organisationId, ct);
        if (message is null) return new Result(Outcome.NotFound);
        if (message.Channel != MessageChannel.Letter) return new Result(Outcome.NotALetter);
        var organisation = await db.Organisations.AsNoTracking().Where(o => o.Id == organisationId)
            .Select(o => new { o.Name, o.BrandColour, o.Logo, o.LogoContentType }).FirstAsync(ct);
        var stored = messages.Stored(message);
        var pdf = renderer.Render(new LetterRenderer.Input(organisation.Name, organisation.BrandColour, organisation.Logo, organisation.LogoContentType,
            message.Language, stored.Texts, stored.Letter!));
        if (pdf is null) return new Result(Outcome.NoFont);

        var now = clock.GetUtcNow().UtcDateTime;
        if (message.MarkLetterFetched(now))
        {
            var customerRef = await db.Customers.Where(c => c.Id == message.CustomerId).Select(c => c.CustomerRef).FirstAsync(ct);
            db.OutboxEvents.Add(OutboxEvent.Create(organisationId, EventCatalogue.MessageSent,
                new MessageEventData(message.Id, customerRef, message.Kind.Name(), message.Channel.Name(), null, false), now));
            await db.SaveChangesAsync(ct);
        }
        return new Result(Outcome.Pdf, pdf);
    }
}
