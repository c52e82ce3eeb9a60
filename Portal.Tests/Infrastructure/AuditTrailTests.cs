using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Infrastructure.Database;
using Portal.Tests.Support;
using Portal.Web.Setup;
using Shouldly;

namespace Portal.Tests.Infrastructure;

/// <summary>
/// The audit trail is append-only in the database itself, and an administrator can check every chain with
/// <c>audit verify</c> without writing a test.
/// </summary>
public class AuditTrailTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task AuditRecords_RefuseUpdateAndDelete_InTheDatabase()
    {
        var organisation = await factory.CreateOrganisationAsync();
        await factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<PortalDbContext>();
            var record = await db.AuditRecords.AsNoTracking().SingleAsync(a => a.OrganisationId == organisation.Id);

            var update = await AuditTampering.FailureOf(() => db.Database.ExecuteSqlInterpolatedAsync(
                $"UPDATE \"AuditRecords\" SET \"Outcome\" = 'failed' WHERE \"Id\" = {record.Id}"));
            var delete = await AuditTampering.FailureOf(() => db.Database.ExecuteSqlInterpolatedAsync($"DELETE FROM \"AuditRecords\" WHERE \"Id\" = {record.Id}"));
            var deleteAll = await AuditTampering.FailureOf(() => db.Database.ExecuteSqlRawAsync("DELETE FROM \"AuditRecords\""));

            foreach (var refused in new[] { update, delete, deleteAll }) refused.Message.ShouldContain("AuditRecords is append-only");
            if (db.Database.IsNpgsql())
                (await AuditTampering.FailureOf(() => db.Database.ExecuteSqlRawAsync("TRUNCATE \"AuditRecords\""))).Message.ShouldContain("append-only");
            var after = await db.AuditRecords.AsNoTracking().SingleAsync(a => a.Id == record.Id);
            (after.Outcome, after.Hash).ShouldBe((record.Outcome, record.Hash));
            return 0;
        });
    }

    [Fact]
    public async Task AuditVerify_SaysOkOnAnIntactDatabase_AndNamesTheFirstChangedRecord_ExitingNonZero()
    {
        using var database = new TestDatabase();
        await using var app = new PortalFactory(database);
        var tampered = await app.CreateOrganisationAsync("Gewijzigd Bedrijf");
        var intact = await app.CreateOrganisationAsync("Heel Bedrijf");
        await tampered.AddCustomerAsync("C-1");
        await tampered.AddInvoiceAsync("F-1", "C-1", 1000, new DateOnly(2026, 12, 1));
        await tampered.AddInvoiceAsync("F-1", "C-1", 2000, new DateOnly(2026, 12, 1));

        var (good, goodOutput) = await AuditTampering.VerifyAsync(database);

        good.ShouldBe(0, goodOutput);
        goodOutput.ShouldContain($"Organisation {tampered.Id} \"Gewijzigd Bedrijf\": OK (4 record(s))");
        goodOutput.ShouldContain($"Organisation {intact.Id} \"Heel Bedrijf\": OK (1 record(s))");
        goodOutput.ShouldContain("OK: 2 chain(s), 5 record(s), none changed.");

        var target = await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<PortalDbContext>();
            var id = await db.AuditRecords.Where(a => a.OrganisationId == tampered.Id && a.Action == "invoice.created").Select(a => a.Id).SingleAsync();
            await AuditTampering.ChangeOutcomeAsync(db, id, "failed");
            return id;
        });
        var (broken, brokenOutput) = await AuditTampering.VerifyAsync(database);

        broken.ShouldBe(1, brokenOutput);
        brokenOutput.ShouldContain($"Organisation {tampered.Id} \"Gewijzigd Bedrijf\": BROKEN at audit record {target} (");
        brokenOutput.ShouldContain("invoice.created invoice F-1");
        brokenOutput.ShouldContain($"Organisation {intact.Id} \"Heel Bedrijf\": OK (1 record(s))");
        brokenOutput.ShouldContain("BROKEN: 1 of 2 chain(s)");
    }

    [Fact]
    public async Task AuditVerify_OnADatabaseThatWasNeverMigrated_RefusesAndChecksNothing()
    {
        using var database = new TestDatabase();

        var (exit, output) = await AuditTampering.VerifyAsync(database);

        exit.ShouldBe(2, output);
        output.ShouldContain("Nothing was checked.");
    }

    [Fact]
    public async Task AuditCommand_WithoutVerify_PrintsUsage()
    {
        var output = new StringWriter();
        (await AuditCommand.RunAsync(["audit"], output)).ShouldBe(2);
        output.ToString().ShouldContain("Usage: Portal.Web audit verify");
    }
}
