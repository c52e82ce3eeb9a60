using Microsoft.EntityFrameworkCore;
using Portal.Domain.ApiKeys;
using Portal.Infrastructure.Audit;
using Portal.Infrastructure.Database;

namespace Portal.Infrastructure.ApiKeys;

/// <summary>Issues API keys and tells which organisation a presented key belongs to.</summary>
public class ApiKeyService(PortalDbContext db, TimeProvider clock, AuditTrail audit)
{
    public record Caller(long OrganisationId, long KeyId, string Hint);

    public async Task<Caller?> AuthenticateAsync(string? secret, CancellationToken ct = default)
    {
        if (!ApiKey.IsWellFormed(secret)) return null;
        var hash = ApiKey.Hash(secret!);
        return await db.ApiKeys.AsNoTracking()
            .Where(k => k.KeyHash == hash && k.RevokedAtUtc == null)
            .Select(k => new Caller(k.OrganisationId, k.Id, k.Hint))
            .FirstOrDefaultAsync(ct);
    }

    /// <summary>Creates a key and returns its secret; the secret is not kept and cannot be shown again.</summary>
    public async Task<string> IssueAsync(long organisationId, string name, string actor, string? secret = null, CancellationToken ct = default)
    {
        secret ??= ApiKey.NewSecret();
        var key = new ApiKey(organisationId, name, secret, clock.GetUtcNow().UtcDateTime);
        db.ApiKeys.Add(key);
        audit.Append(organisationId, actor, "api_key.issued", "api_key", key.Hint, "ok");
        await db.SaveChangesAsync(ct);
        return secret;
    }

    /// <summary>Makes a revoked key valid again, on the record; see <see cref="ApiKey.Reinstate"/>.</summary>
    public async Task ReinstateAsync(ApiKey key, string actor, CancellationToken ct = default)
    {
        key.Reinstate();
        audit.Append(key.OrganisationId, actor, "api_key.reinstated", "api_key", key.Hint, "ok");
        await db.SaveChangesAsync(ct);
    }
}
