using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Events;
using Portal.Infrastructure.Database;
using Portal.Infrastructure.Idempotency;
using Portal.Infrastructure.Jobs;
using Portal.Infrastructure.Payments;
using Portal.Infrastructure.Events;
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
    private static readonly RecordingHandler Erp = new();

    public JobStoreTests(PortalFactory factory)
    {
        _factory = factory;
        _factory.ErpWebhookHandler ??= Erp;
    }

    [Fact]
    public async Task TheStore_IsClusteredOnPostgres_InMemoryOnSqlite_AndHoldsEveryJob()
    {
        var scheduler = await _factory.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var meta = await scheduler.GetMetadata();

        meta.JobStoreClustered.ShouldBe(TestDatabase.IsPostgres);
        meta.JobStorePersistent.ShouldBe(TestDatabase.IsPostgres);
        var jobs = await scheduler.GetJobKeys(GroupMatcher<JobKey>.AnyGroup());
        jobs.ShouldBe([PaymentReconciliationJob.Key, WebhookDeliveryJob.Key, Portal.Infrastructure.Messages.MessageDeliveryJob.Key, IdempotencyCleanupJob.Key,
            Portal.Infrastructure.DirectDebit.CollectionRunJob.Key], ignoreOrder: true);
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
            db.OutboxEvents.Add(OutboxEvent.Create(organisation.Id, EventCatalogue.PaymentPaid, new PaymentEventData(Guid.NewGuid(), ["F-1"], 10m, "EUR", "ideal", "paid"), _factory.Clock.GetUtcNow().UtcDateTime));
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

/// <summary>Two worker nodes on one PostgreSQL database: one cluster, and a restart adds no second schedule.</summary>
public class JobClusterTests
{
    /// <summary>Runs only on PostgreSQL: SQLite serves one node with an in-memory store, so there is no cluster to test.</summary>
    public sealed class PostgresFactAttribute : FactAttribute
    {
        public PostgresFactAttribute()
        {
            if (!TestDatabase.IsPostgres) Skip = "A cluster of workers needs PostgreSQL; this run is on SQLite.";
        }
    }

    [PostgresFact]
    public async Task TwoWorkers_JoinOneCluster_AndKeepOneScheduleBetweenThem()
    {
        using var database = new TestDatabase();
        using var first = new PortalFactory(database);
        first.CreateClient().Dispose();
        using var second = new PortalFactory(database);
        second.CreateClient().Dispose();

        var one = await first.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var two = await second.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        (await one.GetSchedulerInstanceId()).ShouldNotBe(await two.GetSchedulerInstanceId());

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        IReadOnlyCollection<ClusterNode> nodes;
        while ((nodes = await one.QueryClusterNodes()).Count < 2 && DateTime.UtcNow < deadline) await Task.Delay(200);
        nodes.Count.ShouldBe(2, "The second worker did not join the first one's cluster.");

        // The second start replaced the schedule the first one stored instead of adding to it.
        foreach (var job in (JobKey[])[PaymentReconciliationJob.Key, WebhookDeliveryJob.Key, Portal.Infrastructure.Messages.MessageDeliveryJob.Key, IdempotencyCleanupJob.Key])
            (await two.GetTriggersOfJob(job)).ShouldHaveSingleItem().Key.ShouldBe(JobSetup.TriggerKeyOf(job));
    }
}
