using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Portal.Infrastructure.Database;
using Portal.Infrastructure.Settings;
using Quartz;

namespace Portal.Infrastructure.Jobs;

/// <summary>
/// Scheduled work on Quartz, on nodes with the worker role. On PostgreSQL the job store is Quartz's clustered
/// store in Portal's own database (Quartz creates its qrtz_ tables when they are missing), so several worker nodes
/// share the schedule and each run happens on one of them. On SQLite — one node — the store is in memory. Either
/// way every job is safe to run twice: its work is idempotent and serialised per organisation.
/// </summary>
public static class JobSetup
{
    /// <summary>Whether this configuration uses the clustered store: PostgreSQL, unless Portal:Jobs:Clustered is false.</summary>
    public static bool UsesClusteredStore(IConfiguration configuration) =>
        UsesClusteredStore(PortalSettings.Read<PortalOptions>(configuration, PortalOptions.Section), PortalSettings.Read<JobOptions>(configuration, JobOptions.Section));

    private static bool UsesClusteredStore(PortalOptions portal, JobOptions jobs) =>
        DatabaseProvider.Parse(portal.Database.Provider) == DatabaseProvider.Postgres && jobs.Clustered;

    /// <summary>
    /// Each job's one trigger, under a fixed key: a persistent store keeps triggers across starts, so a generated key
    /// would add another copy — and another run — at every start.
    /// </summary>
    public static TriggerKey TriggerKeyOf(JobKey job) => new(job.Name + "-schedule");

    public static void AddPortalJobs(this IServiceCollection services, IConfiguration configuration)
    {
        var jobs = services.AddPortalOptions<JobOptions>(configuration, JobOptions.Section);
        var every = jobs.ReconcilePaymentsEvery;
        var webhooksEvery = jobs.DeliverWebhooksEvery;
        var clustered = UsesClusteredStore(PortalSettings.Read<PortalOptions>(configuration, PortalOptions.Section), jobs);
        var connectionString = configuration.GetConnectionString("Portal");
        services.AddQuartz(q =>
        {
            if (clustered)
            {
                q.UsePersistentStore(store =>
                {
                    store.UsePostgres(connectionString ?? throw new InvalidOperationException("ConnectionStrings:Portal is needed for the PostgreSQL job store."));
                    store.UseSystemTextJsonSerializer();
                    store.UseClustering();
                    store.ProvisionSchema();
                });
            }
            q.AddJob<PaymentReconciliationJob>(j => j.WithIdentity(PaymentReconciliationJob.Key).StoreDurably());
            q.AddTrigger(t => t.WithIdentity(TriggerKeyOf(PaymentReconciliationJob.Key)).ForJob(PaymentReconciliationJob.Key).StartAt(DateTimeOffset.UtcNow + every)
                .WithSimpleSchedule(s => s.WithInterval(every).RepeatForever()));
            q.AddJob<WebhookDeliveryJob>(j => j.WithIdentity(WebhookDeliveryJob.Key).StoreDurably());
            q.AddTrigger(t => t.WithIdentity(TriggerKeyOf(WebhookDeliveryJob.Key)).ForJob(WebhookDeliveryJob.Key).StartAt(DateTimeOffset.UtcNow + webhooksEvery)
                .WithSimpleSchedule(s => s.WithInterval(webhooksEvery).RepeatForever()));
            q.AddJob<IdempotencyCleanupJob>(j => j.WithIdentity(IdempotencyCleanupJob.Key).StoreDurably());
            q.AddTrigger(t => t.WithIdentity(TriggerKeyOf(IdempotencyCleanupJob.Key)).ForJob(IdempotencyCleanupJob.Key).StartAt(DateTimeOffset.UtcNow + TimeSpan.FromMinutes(5))
                .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromHours(1)).RepeatForever()));
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
    }
}
