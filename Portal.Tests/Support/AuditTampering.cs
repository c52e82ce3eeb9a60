using Microsoft.EntityFrameworkCore;
using Portal.Infrastructure.Database;

namespace Portal.Tests.Support;

/// <summary>
/// Changes an audit record behind Portal's back, as someone with the database owner's rights could: the append-only
/// triggers go first. Inside a transaction that is rolled back, the triggers are back afterwards.
/// </summary>
internal static class AuditTampering
{
    public static async Task ChangeOutcomeAsync(PortalDbContext db, long recordId, string outcome)
    {
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlRawAsync("""DROP TRIGGER "AuditRecords_AppendOnly" ON "AuditRecords" """);
        }
        else
        {
            await db.Database.ExecuteSqlRawAsync("""DROP TRIGGER "AuditRecords_NoUpdate" """);
            await db.Database.ExecuteSqlRawAsync("""DROP TRIGGER "AuditRecords_NoDelete" """);
        }
        await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE \"AuditRecords\" SET \"Outcome\" = {outcome} WHERE \"Id\" = {recordId}");
    }

    /// <summary>Runs a statement on AuditBatchItems with its append-only triggers gone.</summary>
    public static async Task ChangeBatchItemsAsync(PortalDbContext db, FormattableString statement)
    {
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlRawAsync("""DROP TRIGGER "AuditBatchItems_AppendOnly" ON "AuditBatchItems" """);
        }
        else
        {
            await db.Database.ExecuteSqlRawAsync("""DROP TRIGGER "AuditBatchItems_NoUpdate" """);
            await db.Database.ExecuteSqlRawAsync("""DROP TRIGGER "AuditBatchItems_NoDelete" """);
        }
        await db.Database.ExecuteSqlInterpolatedAsync(statement);
    }
}
