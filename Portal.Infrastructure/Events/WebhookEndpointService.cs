using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Domain.Invoices;
using Portal.Domain.Events;
using Portal.Infrastructure.Audit;
using Portal.Infrastructure.Database;

namespace Portal.Infrastructure.Events;

/// <summary>The organisation's webhook endpoints: register (the secret is shown once), list, delete.</summary>
public class WebhookEndpointService(PortalDbContext db, TimeProvider clock, AuditTrail audit, IDataProtectionProvider protection,
    IOptions<WebhookOptions> options)
{
    public const string ProtectorPurpose = "Portal.Webhooks.Secret.v1";

    public record Created(WebhookEndpoint Endpoint, string Secret);

    public record EndpointView(Guid Id, string Url, DateTime CreatedAtUtc);

    public async Task<(Created? Endpoint, RuleViolation? Error)> CreateAsync(long organisationId, string? url, string actor, CancellationToken ct = default)
    {
        var allowLoopback = options.Value.AllowLoopback;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || !string.IsNullOrEmpty(uri.UserInfo)
            || url!.Length > 2000)
            return (null, new("url", "'url' is an absolute https URL without user name or password."));
        if (uri.Scheme == "http" && !allowLoopback) return (null, new("url", "'url' must use https."));
        if (!await AddressGuard.HostIsAllowedAsync(uri.Host, allowLoopback, ct))
            return (null, new("url", $"'{uri.Host}' is not a public address Portal can send to (loopback, private and link-local addresses are refused)."));

        var secret = WebhookSignature.NewSecret();
        var lastEvent = await db.OutboxEvents.Where(e => e.OrganisationId == organisationId).MaxAsync(e => (long?)e.Id, ct) ?? 0;
        var endpoint = new WebhookEndpoint(organisationId, uri, protection.CreateProtector(ProtectorPurpose).Protect(secret), lastEvent,
            clock.GetUtcNow().UtcDateTime);
        db.WebhookEndpoints.Add(endpoint);
        audit.Append(organisationId, actor, "webhook_endpoint.created", "webhook_endpoint", endpoint.Id.ToString(), "ok");
        await db.SaveChangesAsync(ct);
        return (new Created(endpoint, secret), null);
    }

    public Task<List<EndpointView>> ListAsync(long organisationId, CancellationToken ct = default) =>
        db.WebhookEndpoints.AsNoTracking().Where(e => e.OrganisationId == organisationId && e.DeletedAtUtc == null)
            .OrderBy(e => e.CreatedAtUtc).Select(e => new EndpointView(e.Id, e.Url, e.CreatedAtUtc)).ToListAsync(ct);

    public async Task<bool> DeleteAsync(long organisationId, Guid id, string actor, CancellationToken ct = default)
    {
        var endpoint = await db.WebhookEndpoints.FirstOrDefaultAsync(e => e.Id == id && e.OrganisationId == organisationId && e.DeletedAtUtc == null, ct);
        if (endpoint is null) return false;
        endpoint.Delete(clock.GetUtcNow().UtcDateTime);
        audit.Append(organisationId, actor, "webhook_endpoint.deleted", "webhook_endpoint", id.ToString(), "ok");
        await db.SaveChangesAsync(ct);
        return true;
    }
}
