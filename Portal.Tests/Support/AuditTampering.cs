using Microsoft.EntityFrameworkCore;
using Portal.Infrastructure.Database;

namespace Portal.Tests.Support;

/// <summary>
/// Changes an audit record behind Portal's back, as someone with the database owner's rights could: the append-only
/// triggers go first. Inside a transaction that is rolled back, the triggers are back afterwards. Also what the
/// audit tests check with: the operator's <c>audit verify</c>, and the database's refusal of a statement.
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

    /// <summary>Runs <c>audit verify</c> on a database as an operator would, with its exit code and what it printed.</summary>
    public static async Task<(int Exit, string Output)> VerifyAsync(TestDatabase database)
    {
        var output = new StringWriter();
        var exit = await Portal.Web.Setup.AuditCommand.RunAsync(
            ["audit", "verify", $"--Portal:Database:Provider={database.Provider}", $"--ConnectionStrings:Portal={database.ConnectionString}"], output);
        return (exit, output.ToString());
    }

    /// <summary>The database's refusal of a statement; fails the test when it was not refused.</summary>
    public static async Task<System.Data.Common.DbException> FailureOf(Func<Task> statement)
    {
        try
        {
            await statement();
        }
        catch (System.Data.Common.DbException e)
        {
            return e;
        }
        throw new Shouldly.ShouldAssertException("The statement was not refused.");
    }
}
