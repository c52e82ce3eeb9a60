using Microsoft.EntityFrameworkCore;
using Portal.Infrastructure.Audit;
using Portal.Infrastructure.Database;

namespace Portal.Infrastructure.Messages;

/// <summary>What an organisation says after a payment: whether it sends a thank-you, and its after-sales block.</summary>
public class MessageSettingsService(PortalDbContext db, AuditTrail audit)
{
    public sealed record Settings(bool ThankYou, string? AfterSalesText, string? AfterSalesLink);

    public Task<Settings> GetAsync(long organisationId, CancellationToken ct = default) =>
        db.Organisations.AsNoTracking().Where(o => o.Id == organisationId)
            .Select(o => new Settings(o.SendsThankYou, o.AfterSalesText, o.AfterSalesLink)).FirstAsync(ct);

    public async Task SetAsync(long organisationId, Settings settings, string actor, CancellationToken ct = default)
    {
        await using var transaction = await db.BeginWriteAsync(organisationId, ct);
        var organisation = await db.Organisations.FirstAsync(o => o.Id == organisationId, ct);
        if (!organisation.SetMessageSettings(settings.ThankYou, settings.AfterSalesText, settings.AfterSalesLink)) return;
        audit.Append(organisationId, actor, "organisation.message_settings_changed", "organisation",
            organisationId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            (settings.ThankYou ? "thank-you on" : "thank-you off") + (settings.AfterSalesText is null ? ", no after-sales block" : ", with an after-sales block"));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }
}
