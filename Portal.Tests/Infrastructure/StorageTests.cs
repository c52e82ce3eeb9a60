using System.Net;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Infrastructure.Audit;
using Portal.Infrastructure.Database;
using Portal.Tests.Support;
using Shouldly;

namespace Portal.Tests.Infrastructure;

public class StorageTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Migrations_CoverEveryEntityInTheModel()
    {
        await factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<PortalDbContext>();
            (await db.Database.GetPendingMigrationsAsync()).ShouldBeEmpty();
            var query = typeof(StorageTests).GetMethod(nameof(FirstOrDefault), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!;
            foreach (var entity in db.Model.GetEntityTypes().Where(e => !e.IsOwned()))
            {
                // Selecting every mapped column fails if a migration forgot one.
                await (Task)query.MakeGenericMethod(entity.ClrType).Invoke(null, [db])!;
            }
            return 0;
        });
    }

    private static Task FirstOrDefault<T>(PortalDbContext db) where T : class => db.Set<T>().AsNoTracking().FirstOrDefaultAsync();

    [Fact]
    public async Task DataProtectionKeys_AreKeptInTheDatabase()
    {
        var protector = factory.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test");
        protector.Unprotect(protector.Protect("hello")).ShouldBe("hello");
        var keys = await factory.WithScopeAsync(sp => sp.GetRequiredService<PortalDbContext>().DataProtectionKeys.CountAsync());
        keys.ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task ConcurrentPutsOfOneNewInvoice_MakeOneInvoiceAndAnUnbrokenAuditChain()
    {
        var organisation = await factory.CreateOrganisationAsync();
        await organisation.AddCustomerAsync("C-1");
        var api = factory.CreateApiClient(organisation.ApiKey);

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            api.PutJsonAsync("/api/v1/invoices/SAME-1", ApiJson.Invoice(total: 10m + (i % 2)))));
        responses.ShouldAllBe(r => r.StatusCode == HttpStatusCode.Created || r.StatusCode == HttpStatusCode.OK, string.Join("\n", factory.LogLines.Where(l => l.StartsWith("Error"))));
        responses.Count(r => r.StatusCode == HttpStatusCode.Created).ShouldBe(1);

        await factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<PortalDbContext>();
            (await db.Invoices.CountAsync(i => i.OrganisationId == organisation.Id && i.InvoiceNumber == "SAME-1")).ShouldBe(1);
            (await sp.GetRequiredService<AuditTrail>().FindFirstBrokenAsync(organisation.Id)).ShouldBeNull();
            return 0;
        });
    }

    [Fact]
    public async Task AuditTrail_RecordsEachChange_AndDetectsATamperedRecord()
    {
        var organisation = await factory.CreateOrganisationAsync();
        await organisation.AddCustomerAsync("C-1");
        await organisation.AddInvoiceAsync("F-1", "C-1", 1000, new DateOnly(2026, 12, 1));
        await organisation.AddInvoiceAsync("F-1", "C-1", 1000, new DateOnly(2026, 12, 1));
        await organisation.AddInvoiceAsync("F-1", "C-1", 2000, new DateOnly(2026, 12, 1));

        await factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<PortalDbContext>();
            var actions = await db.AuditRecords.Where(a => a.OrganisationId == organisation.Id).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync();
            actions.ShouldBe(["api_key.issued", "customer.created", "invoice.created", "invoice.updated"]);
            var audit = sp.GetRequiredService<AuditTrail>();
            (await audit.FindFirstBrokenAsync(organisation.Id)).ShouldBeNull();

            var target = await db.AuditRecords.Where(a => a.OrganisationId == organisation.Id && a.Action == "invoice.created").Select(a => a.Id).SingleAsync();
            // Rolled back at the end, append-only triggers included.
            await using var intrusion = await db.Database.BeginTransactionAsync();
            await AuditTampering.ChangeOutcomeAsync(db, target, "failed");
            (await audit.FindFirstBrokenAsync(organisation.Id))!.Id.ShouldBe(target);
            return 0;
        });
    }
}
