using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.ApiKeys;
using Portal.Infrastructure.Audit;
using Portal.Infrastructure.Database;

namespace Portal.Infrastructure.ApiKeys;

/// <summary>
/// Issues API keys, tells which organisation a presented key belongs to, and lets an organisation list and retire its
/// keys, so it can rotate them without a moment without a working key.
/// </summary>
public class ApiKeyService(PortalDbContext db, TimeProvider clock, AuditTrail audit)
{
    /// <summary>Enough for a key per system and a spare while rotating; more would be keys nobody tracks.</summary>
    public const int MaxActiveKeys = 20;

    public record Caller(long OrganisationId, long KeyId, string Hint);

    public record KeyView(long Id, string Name, string Hint, DateTime CreatedAtUtc, DateTime? LastUsedAtUtc, DateTime? RevokedAtUtc);

    public record Created(KeyView Key, string Secret);

    public enum RevokeOutcome { Revoked, AlreadyRevoked, NotFound, LastActiveKey }

    /// <summary>Also notes when the key was used, writing at most once per <see cref="ApiKey.LastUseResolution"/>.</summary>
    public async Task<Caller?> AuthenticateAsync(string? secret, CancellationToken ct = default)
    {
        if (!ApiKey.IsWellFormed(secret)) return null;
        var found = await ActiveKeyByHash(db, ApiKey.Hash(secret!));
        if (found is null) return null;
        var now = clock.GetUtcNow().UtcDateTime;
        var staleBefore = now - ApiKey.LastUseResolution;
        if (found.LastUsedAtUtc is null || found.LastUsedAtUtc < staleBefore)
        {
            try
            {
                // Conditional, so of several requests in the same minute only one writes.
                await db.ApiKeys.Where(k => k.Id == found.Caller.KeyId && (k.LastUsedAtUtc == null || k.LastUsedAtUtc < staleBefore))
                    .ExecuteUpdateAsync(u => u.SetProperty(k => k.LastUsedAtUtc, now), ct);
            }
            catch (DbException)
            {
                // Only a note for the organisation: a busy database must not turn away a valid key. The next call notes it.
            }
        }
        return found.Caller;
    }

    private sealed record KeyRow(Caller Caller, DateTime? LastUsedAtUtc);

    // Compiled: every API call sends it (see Customers.CustomerQueries for why).
    private static readonly Func<PortalDbContext, byte[], Task<KeyRow?>> ActiveKeyByHash = EF.CompileAsyncQuery((PortalDbContext db, byte[] hash) =>
        db.ApiKeys.AsNoTracking().Where(k => k.KeyHash == hash && k.RevokedAtUtc == null)
            .Select(k => new KeyRow(new Caller(k.OrganisationId, k.Id, k.Hint), k.LastUsedAtUtc)).FirstOrDefault());

    /// <summary>Every key of the organisation, retired ones too, oldest first; never a secret.</summary>
    public Task<List<KeyView>> ListAsync(long organisationId, CancellationToken ct = default) =>
        db.ApiKeys.AsNoTracking().Where(k => k.OrganisationId == organisationId).OrderBy(k => k.Id)
            .Select(k => new KeyView(k.Id, k.Name, k.Hint, k.CreatedAtUtc, k.LastUsedAtUtc, k.RevokedAtUtc))
            .ToListAsync(ct);

    /// <summary>A new key, audited; null when the organisation already has <see cref="MaxActiveKeys"/> active keys.</summary>
    public async Task<Created?> CreateAsync(long organisationId, string name, string actor, CancellationToken ct = default)
    {
        await using var transaction = await db.BeginWriteAsync(organisationId, ct);
        if (await db.ApiKeys.CountAsync(k => k.OrganisationId == organisationId && k.RevokedAtUtc == null, ct) >= MaxActiveKeys) return null;
        var (key, secret) = Add(organisationId, name, actor);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new Created(new KeyView(key.Id, key.Name, key.Hint, key.CreatedAtUtc, null, null), secret);
    }

    /// <summary>Adds a key and its audit record to the current unit of work, for a use case that saves them with more.</summary>
    public (ApiKey Key, string Secret) Add(long organisationId, string name, string actor)
    {
        var secret = ApiKey.NewSecret();
        var key = new ApiKey(organisationId, name, secret, clock.GetUtcNow().UtcDateTime);
        db.ApiKeys.Add(key);
        audit.Append(organisationId, actor, "api_key.issued", "api_key", key.Hint, "ok");
        return (key, secret);
    }

    /// <summary>
    /// Retires a key at once. The organisation's last active key stays, so it is never locked out of the API:
    /// rotate by creating the new key first.
    /// </summary>
    public async Task<RevokeOutcome> RevokeAsync(long organisationId, long keyId, string actor, CancellationToken ct = default)
    {
        await using var transaction = await db.BeginWriteAsync(organisationId, ct);
        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == keyId && k.OrganisationId == organisationId, ct);
        if (key is null) return RevokeOutcome.NotFound;
        if (!key.IsActive) return RevokeOutcome.AlreadyRevoked;
        if (!await db.ApiKeys.AnyAsync(k => k.OrganisationId == organisationId && k.RevokedAtUtc == null && k.Id != keyId, ct))
            return RevokeOutcome.LastActiveKey;
        key.Revoke(clock.GetUtcNow().UtcDateTime);
        audit.Append(organisationId, actor, "api_key.revoked", "api_key", key.Hint, "ok");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return RevokeOutcome.Revoked;
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
