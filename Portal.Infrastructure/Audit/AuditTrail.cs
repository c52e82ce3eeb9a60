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
}
