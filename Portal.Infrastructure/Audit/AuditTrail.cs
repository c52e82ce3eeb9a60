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

    /// <summary>
    /// The one record of a bulk import, not yet chained or stored: its object is the digest of the items it created or
    /// changed (<see cref="AuditBatchItem.Digest"/>), so the chain covers them.
    /// </summary>
    public AuditRecord BatchRecord(long organisationId, string actor, string itemsDigest, string outcome) =>
        new(organisationId, clock.GetUtcNow().UtcDateTime, actor, AuditBatchItem.BatchAction, AuditBatchItem.ObjectTypeOfBatch, itemsDigest,
            outcome, http.HttpContext?.TraceIdentifier, AuditRecord.GenesisHash);

    /// <summary>Returns the first record of an organisation's chain that was changed, or null when it holds.</summary>
    public async Task<AuditRecord?> FindFirstBrokenAsync(long? organisationId, CancellationToken ct = default)
    {
        var chain = await db.AuditRecords.AsNoTracking()
            .Where(a => a.OrganisationId == organisationId).OrderBy(a => a.Id).ToListAsync(ct);
        return AuditRecord.FirstBroken(chain);
    }

    /// <summary>
    /// The records that name an object, oldest first: its own (a PUT, a cancellation) and those of the batches that
    /// created or changed it, found through their items.
    /// </summary>
    public async Task<List<AuditRecord>> HistoryOfAsync(long organisationId, string objectType, string objectId, CancellationToken ct = default)
    {
        var batches = db.Set<AuditBatchItem>()
            .Where(i => i.OrganisationId == organisationId && i.ObjectType == objectType && i.ObjectId == objectId).Select(i => i.AuditRecordId);
        return await db.AuditRecords.AsNoTracking()
            .Where(a => a.OrganisationId == organisationId && ((a.ObjectType == objectType && a.ObjectId == objectId) || batches.Contains(a.Id)))
            .OrderBy(a => a.Id).ToListAsync(ct);
    }

    /// <summary>
    /// One organisation's chain (or the chain of records without one) as <see cref="VerifyAllAsync"/> found it.
    /// <see cref="BrokenBatch"/> is the first batch record whose stored items no longer give its digest (or, with
    /// <see cref="StrayItems"/>, items that name a record that is no batch of this organisation).
    /// </summary>
    public record ChainCheck(long? OrganisationId, string? OrganisationName, int Records, AuditRecord? FirstBroken,
        AuditRecord? BrokenBatch = null, long? StrayItems = null)
    {
        public bool IsIntact => FirstBroken is null && BrokenBatch is null && StrayItems is null;
    }

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
            var (brokenBatch, stray) = organisationId is { } org ? await CheckBatchItemsAsync(org, chain, ct) : (null, null);
            checks.Add(new ChainCheck(organisationId, organisationId is { } id ? names.GetValueOrDefault(id) : null, chain.Count, AuditRecord.FirstBroken(chain),
                brokenBatch, stray));
        }
        return checks;
    }

    /// <summary>
    /// Recomputes every batch record's digest from the items stored for it, streaming them (a record per batch is
    /// kept, not the items). Returns the first batch that does not match, and the id of a record that items name but
    /// that is not one of this chain's batches.
    /// </summary>
    private async Task<(AuditRecord? BrokenBatch, long? StrayItems)> CheckBatchItemsAsync(long organisationId, List<AuditRecord> chain, CancellationToken ct)
    {
        var digests = new Dictionary<long, string>();
        long? current = null;
        var entries = new List<(string, string, string, string)>();
        var items = db.Set<AuditBatchItem>().AsNoTracking().Where(i => i.OrganisationId == organisationId).OrderBy(i => i.AuditRecordId)
            .Select(i => new { i.AuditRecordId, i.ObjectType, i.ObjectId, i.Outcome, i.ContentDigest }).AsAsyncEnumerable();
        await foreach (var item in items.WithCancellation(ct))
        {
            if (item.AuditRecordId != current)
            {
                if (current is { } done) digests[done] = AuditBatchItem.Digest(entries);
                current = item.AuditRecordId;
                entries.Clear();
            }
            entries.Add((item.ObjectType, item.ObjectId, item.Outcome, item.ContentDigest));
        }
        if (current is { } last) digests[last] = AuditBatchItem.Digest(entries);

        var batches = chain.Where(r => r.Action == AuditBatchItem.BatchAction && r.ObjectType == AuditBatchItem.ObjectTypeOfBatch).ToList();
        var broken = batches.FirstOrDefault(r => digests.GetValueOrDefault(r.Id, AuditBatchItem.Digest([])) != r.ObjectId);
        var batchIds = batches.Select(r => r.Id).ToHashSet();
        var stray = digests.Keys.Where(id => !batchIds.Contains(id)).Order().Select(id => (long?)id).FirstOrDefault();
        return (broken, stray);
    }
}
