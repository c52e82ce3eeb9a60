using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Events;
using Portal.Infrastructure.Database;
using Portal.Infrastructure.Jobs;
using Portal.Tests.Support;
using Quartz;
using Shouldly;

namespace Portal.Tests.Infrastructure;

/// <summary>
/// On PostgreSQL the worker jobs live in Quartz's clustered store in Portal's database, so several worker nodes
/// share one schedule; on SQLite (one node) they live in memory. Either way a job fired through the scheduler does
/// its work.
/// </summary>
public class JobStoreTests : IClassFixture<PortalFactory>
{
    private readonly PortalFactory _factory;
    private static readonly Receiver Erp = new();

    public JobStoreTests(PortalFactory factory)
    {
        _factory = factory;
        _factory.ErpWebhookHandler ??= Erp;
    }

    private sealed class Receiver : HttpMessageHandler
    {
        private int _count;
        public int Count => Volatile.Read(ref _count);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            Interlocked.Increment(ref _count);
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK));
        }
    }

    [Fact]
    public async Task TheStore_IsClusteredOnPostgres_InMemoryOnSqlite_AndHoldsEveryJob()
    {
        var scheduler = await _factory.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var meta = await scheduler.GetMetadata();

        meta.JobStoreClustered.ShouldBe(TestDatabase.IsPostgres);
        meta.JobStorePersistent.ShouldBe(TestDatabase.IsPostgres);
        var jobs = await scheduler.GetJobKeys(GroupMatcher<JobKey>.AnyGroup());
        jobs.ShouldBe([PaymentReconciliationJob.Key, WebhookDeliveryJob.Key, IdempotencyCleanupJob.Key], ignoreOrder: true);
        // One trigger per job under a fixed key: a persistent store would otherwise gain a copy at every start.
        foreach (var job in jobs)
            (await scheduler.GetTriggersOfJob(job)).ShouldHaveSingleItem().Key.ShouldBe(JobSetup.TriggerKeyOf(job));
    }

    [Fact]
    public async Task AJobFiredThroughTheScheduler_DeliversAWaitingWebhook()
    {
        var organisation = await _factory.CreateOrganisationAsync();
        var api = _factory.CreateApiClient(organisation.ApiKey);
        (await api.PostAsync("/api/v1/webhook-endpoints", ApiJson.Raw("""{"url":"https://203.0.113.20/hook"}"""))).EnsureSuccessStatusCode();
        await _factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<PortalDbContext>();
            db.OutboxEvents.Add(new OutboxEvent(organisation.Id, "payment.paid", """{"invoiceNumbers":["F-1"]}""", _factory.Clock.GetUtcNow().UtcDateTime));
            return await db.SaveChangesAsync();
        });
        var before = Erp.Count;

        var scheduler = await _factory.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        await scheduler.TriggerJob(WebhookDeliveryJob.Key);

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (Erp.Count == before && DateTime.UtcNow < deadline) await Task.Delay(100);
        Erp.Count.ShouldBeGreaterThan(before, "The job fired through the scheduler did not deliver the webhook within 30 s.");
    }
}
