using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Infrastructure.Audit;
using Portal.Infrastructure.Database;
using Portal.Tests.Support;
using Shouldly;

namespace Portal.Tests.Api;

/// <summary>
/// Two senders for one organisation: batches wait for each other only on an invoice both send, and whatever the
/// interleaving, nothing either sent is lost and every invoice ends as one of them sent it.
/// </summary>
public class BatchConcurrencyTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static string Batch(IEnumerable<string> numbers, int total, string customerRef = "P-1") =>
        $$"""{"customers":[{"customerRef":"{{customerRef}}","name":"Noor Bakker"}],"invoices":[{{string.Join(",", numbers.Select(n =>
            $$"""{"invoiceNumber":"{{n}}","customerRef":"{{customerRef}}","issueDate":"2026-11-01","dueDate":"2026-12-01","currency":"EUR","totalAmount":{{total}},"lines":[{"description":"Water {{total}}","amount":{{total}}}]}"""))}}]}""";

    private static IEnumerable<string> Numbers(string prefix, int count) => Enumerable.Range(0, count).Select(i => $"{prefix}-{i}");

    private static async Task<JsonElement> SummaryOf(Task<HttpResponseMessage> sent)
    {
        var response = await sent;
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.JsonAsync()).GetProperty("summary");
    }

    [Fact]
    public async Task TwoBatchesAtOnce_DifferentInvoices_BothAreStored()
    {
        var organisation = await factory.CreateOrganisationAsync();
        var one = factory.CreateApiClient(organisation.ApiKey);
        var two = factory.CreateApiClient(organisation.ApiKey);

        var sent = await Task.WhenAll(SummaryOf(one.PostAsync("/api/v1/invoices/batch", ApiJson.Raw(Batch(Numbers("D", 400), 10)))),
            SummaryOf(two.PostAsync("/api/v1/invoices/batch", ApiJson.Raw(Batch(Numbers("E", 400), 20)))));

        sent.Sum(s => s.GetProperty("rejected").GetInt32()).ShouldBe(0);
        // The customer both send is created by one and unchanged for the other.
        sent.Sum(s => s.GetProperty("created").GetInt32()).ShouldBe(801);
        var stored = await factory.WithScopeAsync(sp => sp.GetRequiredService<PortalDbContext>().Invoices
            .Where(i => i.OrganisationId == organisation.Id).GroupBy(i => i.TotalMinor).Select(g => new { g.Key, Count = g.Count() }).ToListAsync());
        stored.OrderBy(s => s.Key).Select(s => (s.Key, s.Count)).ShouldBe([(1000L, 400), (2000L, 400)]);
    }

    [Fact]
    public async Task TwoBatchesAtOnce_TheSameInvoices_OneCreatesTheOtherUpdates_AndEachInvoiceIsWhole()
    {
        var organisation = await factory.CreateOrganisationAsync();
        var one = factory.CreateApiClient(organisation.ApiKey);
        var two = factory.CreateApiClient(organisation.ApiKey);

        var sent = await Task.WhenAll(SummaryOf(one.PostAsync("/api/v1/invoices/batch", ApiJson.Raw(Batch(Numbers("S", 300), 10)))),
            SummaryOf(two.PostAsync("/api/v1/invoices/batch", ApiJson.Raw(Batch(Numbers("S", 300), 20)))));

        sent.Sum(s => s.GetProperty("rejected").GetInt32()).ShouldBe(0);
        sent.Sum(s => s.GetProperty("created").GetInt32()).ShouldBe(301);
        sent.Sum(s => s.GetProperty("updated").GetInt32()).ShouldBe(300);
        var invoices = await factory.WithScopeAsync(sp => sp.GetRequiredService<PortalDbContext>().Invoices.AsNoTracking().Include(i => i.Lines)
            .Where(i => i.OrganisationId == organisation.Id).ToListAsync());
        invoices.Count.ShouldBe(300);
        foreach (var invoice in invoices)
        {
            // Every invoice is one batch's version as a whole: its total and its one line from the same sender.
            invoice.Lines.Count.ShouldBe(1, invoice.InvoiceNumber);
            invoice.Lines[0].Description.ShouldBe($"Water {invoice.TotalMinor / 100}", invoice.InvoiceNumber);
        }
        // Both batches are in the trail of an invoice: the one that created it and the one that changed it.
        var history = await factory.WithScopeAsync(sp => sp.GetRequiredService<AuditTrail>().HistoryOfAsync(organisation.Id, "invoice", "S-7"));
        history.Select(r => r.Action).ShouldBe(["batch.imported", "batch.imported"]);
        (await factory.WithScopeAsync(sp => sp.GetRequiredService<AuditTrail>().FindFirstBrokenAsync(organisation.Id))).ShouldBeNull();
    }

    [Fact]
    public async Task ABatchWaitingForOneInvoice_DoesNotHoldUpABatchOfOtherInvoices()
    {
        // SQLite has one writer at a time by design; the claim is PostgreSQL's.
        if (!TestDatabase.IsPostgres) return;
        var organisation = await factory.CreateOrganisationAsync();
        var api = factory.CreateApiClient(organisation.ApiKey);
        (await SummaryOf(api.PostAsync("/api/v1/invoices/batch", ApiJson.Raw(Batch(["L-1"], 10))))).GetProperty("created").GetInt32().ShouldBe(2);

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        await using var holder = await db.Database.BeginTransactionAsync();
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"SELECT 1 FROM \"Invoices\" WHERE \"OrganisationId\" = {organisation.Id} AND \"InvoiceNumber\" = 'L-1' FOR UPDATE");

        var waiting = SummaryOf(api.PostAsync("/api/v1/invoices/batch", ApiJson.Raw(Batch(["L-1", "L-2"], 20))));
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        waiting.IsCompleted.ShouldBeFalse();

        var other = await SummaryOf(factory.CreateApiClient(organisation.ApiKey)
            .PostAsync("/api/v1/invoices/batch", ApiJson.Raw(Batch(["L-3", "L-4"], 30)))).WaitAsync(TimeSpan.FromSeconds(30));
        other.GetProperty("created").GetInt32().ShouldBe(2);
        waiting.IsCompleted.ShouldBeFalse();

        await holder.RollbackAsync();
        var done = await waiting.WaitAsync(TimeSpan.FromSeconds(30));
        (done.GetProperty("created").GetInt32(), done.GetProperty("updated").GetInt32(), done.GetProperty("unchanged").GetInt32()).ShouldBe((1, 1, 1));
    }
}
