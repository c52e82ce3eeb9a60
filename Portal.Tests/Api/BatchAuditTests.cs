using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Audit;
using Portal.Infrastructure.Audit;
using Portal.Infrastructure.Database;
using Portal.Tests.Support;
using Portal.Web.Setup;
using Shouldly;

namespace Portal.Tests.Api;

/// <summary>
/// A batch is one chained audit record holding the digest of the items it created or changed: an auditor still finds
/// every invoice in the trail, and <c>audit verify</c> notices when the list of items was tampered with.
/// </summary>
public class BatchAuditTests
{
    private static string Invoice(string number, string customerRef, int total, string line = "Water") =>
        $$"""{"invoiceNumber":"{{number}}","customerRef":"{{customerRef}}","issueDate":"2026-11-01","dueDate":"2026-12-01","currency":"EUR","totalAmount":{{total}},"lines":[{"description":"{{line}}","amount":{{total}}}]}""";

    [Fact]
    public async Task Batch_IsOneAuditRecord_FoundByInvoiceNumber_AndVerified()
    {
        using var database = new TestDatabase();
        await using var app = new PortalFactory(database);
        var organisation = await app.CreateOrganisationAsync("Batch Bedrijf");
        var api = app.CreateApiClient(organisation.ApiKey);
        var first = $$"""{"customers":[{"customerRef":"A-1","name":"Noor"},{"customerRef":"A-2","name":"Sem"}],"invoices":[{{Invoice("A-100", "A-1", 10)}},{{Invoice("A-101", "A-2", 20)}},{{Invoice("A-102", "A-1", 30)}}]}""";
        (await api.PostAsync("/api/v1/invoices/batch", ApiJson.Raw(first))).EnsureSuccessStatusCode();
        // The second changes one invoice and leaves the rest as they are: only the change is in its record.
        var second = $$"""{"invoices":[{{Invoice("A-100", "A-1", 15)}},{{Invoice("A-101", "A-2", 20)}}]}""";
        (await api.PostAsync("/api/v1/invoices/batch", ApiJson.Raw(second))).EnsureSuccessStatusCode();

        var (batches, history, untouched) = await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<PortalDbContext>();
            var audit = sp.GetRequiredService<AuditTrail>();
            var batches = await db.AuditRecords.AsNoTracking().Where(a => a.OrganisationId == organisation.Id && a.Action == "batch.imported")
                .OrderBy(a => a.Id).ToListAsync();
            return (batches, await audit.HistoryOfAsync(organisation.Id, "invoice", "A-100"), await audit.HistoryOfAsync(organisation.Id, "invoice", "A-101"));
        });
        batches.Count.ShouldBe(2);
        batches[0].Outcome.ShouldBe("ok: 5 item(s)");
        batches[1].Outcome.ShouldBe("ok: 1 item(s)");
        history.Select(r => r.Id).ShouldBe(batches.Select(b => b.Id));
        untouched.Select(r => r.Id).ShouldBe([batches[0].Id]);

        var (good, goodOutput) = await AuditTampering.VerifyAsync(database);
        good.ShouldBe(0, goodOutput);
        goodOutput.ShouldContain($"Organisation {organisation.Id} \"Batch Bedrijf\": OK (3 record(s))");

        await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<PortalDbContext>();
            await AuditTampering.ChangeBatchItemsAsync(db,
                $"UPDATE \"AuditBatchItems\" SET \"ContentDigest\" = {new string('0', 64)} WHERE \"OrganisationId\" = {organisation.Id} AND \"ObjectId\" = 'A-102'");
            return 0;
        });
        var (broken, brokenOutput) = await AuditTampering.VerifyAsync(database);
        broken.ShouldBe(1, brokenOutput);
        brokenOutput.ShouldContain($"Organisation {organisation.Id} \"Batch Bedrijf\": BROKEN at audit record {batches[0].Id} (");
        brokenOutput.ShouldContain("the items this batch created or changed were altered");
    }

    [Fact]
    public async Task Batch_ItemRemoved_IsReportedByVerify()
    {
        using var database = new TestDatabase();
        await using var app = new PortalFactory(database);
        var organisation = await app.CreateOrganisationAsync("Weg Bedrijf");
        var api = app.CreateApiClient(organisation.ApiKey);
        var body = $$"""{"customers":[{"customerRef":"W-1","name":"Noor"}],"invoices":[{{Invoice("W-100", "W-1", 10)}}]}""";
        (await api.PostAsync("/api/v1/invoices/batch", ApiJson.Raw(body))).EnsureSuccessStatusCode();
        var batchId = await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<PortalDbContext>();
            await AuditTampering.ChangeBatchItemsAsync(db, $"DELETE FROM \"AuditBatchItems\" WHERE \"OrganisationId\" = {organisation.Id} AND \"ObjectId\" = 'W-100'");
            return await db.AuditRecords.Where(a => a.OrganisationId == organisation.Id && a.Action == "batch.imported").Select(a => a.Id).SingleAsync();
        });

        var (exit, output) = await AuditTampering.VerifyAsync(database);

        exit.ShouldBe(1, output);
        output.ShouldContain($"BROKEN at audit record {batchId} (");
    }

    [Fact]
    public async Task BatchItem_UnderARecordThatIsNoBatch_IsReportedByVerify()
    {
        using var database = new TestDatabase();
        await using var app = new PortalFactory(database);
        var organisation = await app.CreateOrganisationAsync("Erbij Bedrijf");
        // An item slipped in under the record of the API key, to give an invoice a history it never had.
        var keyRecord = await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<PortalDbContext>();
            var id = await db.AuditRecords.Where(a => a.OrganisationId == organisation.Id).Select(a => a.Id).SingleAsync();
            await db.Database.ExecuteSqlInterpolatedAsync($"""
                INSERT INTO "AuditBatchItems" ("OrganisationId", "ObjectType", "ObjectId", "AuditRecordId", "Outcome", "ContentDigest")
                VALUES ({organisation.Id}, 'invoice', 'E-1', {id}, 'created', {new string('2', 64)})
                """);
            return id;
        });

        var (exit, output) = await AuditTampering.VerifyAsync(database);

        exit.ShouldBe(1, output);
        output.ShouldContain($"Organisation {organisation.Id} \"Erbij Bedrijf\": BROKEN: batch items name audit record {keyRecord}, which is not a batch");
    }

    [Fact]
    public async Task AuditBatchItems_RefuseUpdateAndDelete_InTheDatabase()
    {
        using var database = new TestDatabase();
        await using var app = new PortalFactory(database);
        var organisation = await app.CreateOrganisationAsync();
        var api = app.CreateApiClient(organisation.ApiKey);
        (await api.PostAsync("/api/v1/invoices/batch", ApiJson.Raw("""{"customers":[{"customerRef":"X-1","name":"Noor"}]}"""))).EnsureSuccessStatusCode();
        await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<PortalDbContext>();
            var update = await AuditTampering.FailureOf(() => db.Database.ExecuteSqlRawAsync("UPDATE \"AuditBatchItems\" SET \"Outcome\" = 'updated'"));
            var delete = await AuditTampering.FailureOf(() => db.Database.ExecuteSqlRawAsync("DELETE FROM \"AuditBatchItems\""));
            update.Message.ShouldContain("AuditBatchItems is append-only");
            delete.Message.ShouldContain("AuditBatchItems is append-only");
            (await db.Set<AuditBatchItem>().CountAsync(i => i.OrganisationId == organisation.Id)).ShouldBe(1);
            return 0;
        });
    }
}
