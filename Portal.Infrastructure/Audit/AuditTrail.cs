using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Audit;
using Portal.Infrastructure.Database;

namespace Portal.Infrastructure.Audit;

/// <summary>
/// Adds audit records to the current unit of work, chained to the organisation's previous record.
/// The caller's SaveChanges stores them together with the change they describe.
/// </summary>
public class AuditTrail(PortalDbContext db, TimeProvider clock, IHttpContextAccessor http)
{
    private readonly Dictionary<long, string> _lastHash = [];

    public async Task AppendAsync(long? organisationId, string actor, string action, string objectType, string objectId,
        string outcome, CancellationToken ct = default)
    {
        var key = organisationId ?? 0;
        if (!_lastHash.TryGetValue(key, out var previous))
        {
            previous = await db.AuditRecords.AsNoTracking()
                .Where(a => a.OrganisationId == organisationId)
                .OrderByDescending(a => a.Id)
                .Select(a => a.Hash)
                .FirstOrDefaultAsync(ct) ?? AuditRecord.GenesisHash;
        }
        var record = new AuditRecord(organisationId, clock.GetUtcNow().UtcDateTime, actor, action, objectType, objectId,
            outcome, http.HttpContext?.TraceIdentifier, previous);
        db.AuditRecords.Add(record);
        _lastHash[key] = record.Hash;
    }

    /// <summary>Forgets chain heads it has seen, after a failed save was rolled back.</summary>
    public void Reset() => _lastHash.Clear();

    /// <summary>Returns the first record of an organisation's chain that was changed, or null when it holds.</summary>
    public async Task<AuditRecord?> FindFirstBrokenAsync(long? organisationId, CancellationToken ct = default)
    {
        var chain = await db.AuditRecords.AsNoTracking()
            .Where(a => a.OrganisationId == organisationId).OrderBy(a => a.Id).ToListAsync(ct);
        return AuditRecord.FirstBroken(chain);
    }
}
