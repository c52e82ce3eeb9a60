using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Audit;
using Portal.Infrastructure.Database;

namespace Portal.Infrastructure.Audit;

/// <summary>
/// Adds audit records to the current unit of work. <see cref="PortalDbContext"/> chains them to the
/// organisation's previous record when it saves, so they are stored with the change they describe.
/// </summary>
public class AuditTrail(PortalDbContext db, TimeProvider clock, IHttpContextAccessor http)
{
    public void Append(long? organisationId, string actor, string action, string objectType, string objectId, string outcome) =>
        db.AuditRecords.Add(new AuditRecord(organisationId, clock.GetUtcNow().UtcDateTime, actor, action, objectType, objectId,
            outcome, http.HttpContext?.TraceIdentifier, AuditRecord.GenesisHash));

    /// <summary>Returns the first record of an organisation's chain that was changed, or null when it holds.</summary>
    public async Task<AuditRecord?> FindFirstBrokenAsync(long? organisationId, CancellationToken ct = default)
    {
        var chain = await db.AuditRecords.AsNoTracking()
            .Where(a => a.OrganisationId == organisationId).OrderBy(a => a.Id).ToListAsync(ct);
        return AuditRecord.FirstBroken(chain);
    }

    /// <summary>One organisation's chain (or the chain of records without one) as <see cref="VerifyAllAsync"/> found it.</summary>
    public record ChainCheck(long? OrganisationId, string? OrganisationName, int Records, AuditRecord? FirstBroken);

    /// <summary>
    /// Checks every chain: each organisation's (also one without records, which a wholesale removal would leave) and
    /// the one of records without organisation. One chain is in memory at a time.
    /// </summary>
    public async Task<List<ChainCheck>> VerifyAllAsync(CancellationToken ct = default)
    {
        var names = await db.Organisations.AsNoTracking().ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        var chains = await db.AuditRecords.AsNoTracking().Select(a => a.OrganisationId).Distinct().ToListAsync(ct);
        var checks = new List<ChainCheck>();
        foreach (var organisationId in chains.Union(names.Keys.Select(id => (long?)id)).OrderBy(id => id ?? 0))
        {
            var chain = await db.AuditRecords.AsNoTracking()
                .Where(a => a.OrganisationId == organisationId).OrderBy(a => a.Id).ToListAsync(ct);
            checks.Add(new ChainCheck(organisationId, organisationId is { } id ? names.GetValueOrDefault(id) : null, chain.Count, AuditRecord.FirstBroken(chain)));
        }
        return checks;
    }
}
