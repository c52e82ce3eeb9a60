using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Infrastructure.Database;

namespace Portal.Infrastructure.Idempotency;

/// <summary>
/// Claims and completes Idempotency-Keys (ACCEPTANCE 23). Keys are per organisation and kept for
/// <see cref="Retention"/>. Each call uses its own database scope, so nothing it tracks can leak into the request's
/// own unit of work. The answers kept for a replay are encrypted with the Data Protection key ring: some hold a
/// secret shown only once (a new API key, a webhook endpoint's secret), which a copy of the database must not reveal.
/// </summary>
public class IdempotencyStore(IServiceScopeFactory scopes, TimeProvider clock, IDataProtectionProvider protection) : Jobs.IScheduledWork
{
    private readonly IDataProtector _bodies = protection.CreateProtector("Portal.Idempotency.ResponseBody.v1");

    Task Jobs.IScheduledWork.RunAsync(CancellationToken ct) => PurgeAsync(ct);

    /// <summary>How long a key is remembered: a day, as promised, plus a day of slack.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromHours(48);
    /// <summary>A first request still "running" after this long has died; its key may be used again.</summary>
    public static readonly TimeSpan Abandoned = TimeSpan.FromMinutes(10);

    public enum ClaimOutcome { Claimed, Replay, OtherRequest, InFlight }

    /// <param name="EarlierBody">With a replay: the first answer's body, decrypted.</param>
    public record Claim(ClaimOutcome Outcome, IdempotencyRecord? Earlier = null, byte[]? EarlierBody = null);

    public async Task<Claim> ClaimAsync(long organisationId, string key, string requestHash, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var now = clock.GetUtcNow().UtcDateTime;
            var existing = await db.IdempotencyRecords.FirstOrDefaultAsync(r => r.OrganisationId == organisationId && r.Key == key, ct);
            if (existing is not null)
            {
                var stale = now - existing.CreatedAtUtc > Retention || (existing.CompletedAtUtc is null && now - existing.CreatedAtUtc > Abandoned);
                if (!stale)
                {
                    if (existing.RequestHash != requestHash) return new(ClaimOutcome.OtherRequest);
                    return existing.CompletedAtUtc is null ? new(ClaimOutcome.InFlight) : new(ClaimOutcome.Replay, existing, Open(existing.ResponseBody));
                }
                db.IdempotencyRecords.Remove(existing);
                await db.SaveChangesAsync(ct);
                continue;
            }
            db.IdempotencyRecords.Add(new IdempotencyRecord(organisationId, key, requestHash, now));
            try
            {
                await db.SaveChangesAsync(ct);
                return new(ClaimOutcome.Claimed);
            }
            catch (DbUpdateException)
            {
                // Another request claimed the key between our read and our insert: read theirs.
            }
        }
        return new(ClaimOutcome.InFlight);
    }

    public async Task CompleteAsync(long organisationId, string key, int status, string? contentType, string? location, byte[] body)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var record = await db.IdempotencyRecords.FirstOrDefaultAsync(r => r.OrganisationId == organisationId && r.Key == key);
        if (record is null) return;
        record.Complete(status, contentType, location, body.Length == 0 ? body : _bodies.Protect(body), clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync();
    }

    /// <summary>An answer kept before answers were encrypted is read as it is.</summary>
    private byte[]? Open(byte[]? stored)
    {
        if (stored is not { Length: > 0 }) return stored;
        try
        {
            return _bodies.Unprotect(stored);
        }
        catch (CryptographicException)
        {
            return stored;
        }
    }

    /// <summary>Frees a key whose request failed on Portal's side, so the same request can be tried again.</summary>
    public async Task ReleaseAsync(long organisationId, string key)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        await db.IdempotencyRecords.Where(r => r.OrganisationId == organisationId && r.Key == key && r.CompletedAtUtc == null).ExecuteDeleteAsync();
    }

    public async Task<int> PurgeAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var before = clock.GetUtcNow().UtcDateTime - Retention;
        return await db.IdempotencyRecords.Where(r => r.CreatedAtUtc < before).ExecuteDeleteAsync(ct);
    }
}
