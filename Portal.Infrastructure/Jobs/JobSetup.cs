using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Portal.Infrastructure.Database;
using Portal.Infrastructure.Settings;
using Portal.Infrastructure.Idempotency;
using Portal.Infrastructure.Payments;
using Portal.Infrastructure.Events;
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

    /// <summary>One job's place in the schedule: which job, how often, and how long after start its first run comes.</summary>
    public sealed record JobSchedule(JobKey Key, Type Job, TimeSpan Every, TimeSpan FirstAfter);

    /// <summary>Every job and when it runs, in one table.</summary>
    public static IReadOnlyList<JobSchedule> Schedules(JobOptions jobs) =>
    [
        new(PaymentReconciliationJob.Key, typeof(PaymentReconciliationJob), jobs.ReconcilePaymentsEvery, jobs.ReconcilePaymentsEvery),
        new(WebhookDeliveryJob.Key, typeof(WebhookDeliveryJob), jobs.DeliverWebhooksEvery, jobs.DeliverWebhooksEvery),
        new(Messages.MessageDeliveryJob.Key, typeof(Messages.MessageDeliveryJob), jobs.DeliverMessagesEvery, jobs.DeliverMessagesEvery),
        new(DirectDebit.CollectionRunJob.Key, typeof(DirectDebit.CollectionRunJob), jobs.RunCollectionsEvery, jobs.RunCollectionsEvery),
        new(IdempotencyCleanupJob.Key, typeof(IdempotencyCleanupJob), TimeSpan.FromHours(1), TimeSpan.FromMinutes(5)),
    ];

    public static void AddPortalJobs(this IServiceCollection services, IConfiguration configuration)
    {
        var jobs = services.AddPortalOptions<JobOptions>(configuration, JobOptions.Section);
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
            foreach (var schedule in Schedules(jobs))
            {
                q.AddJob(schedule.Job, j => j.WithIdentity(schedule.Key).StoreDurably());
                q.AddTrigger(t => t.WithIdentity(TriggerKeyOf(schedule.Key)).ForJob(schedule.Key).StartAt(DateTimeOffset.UtcNow + schedule.FirstAfter)
                    .WithSimpleSchedule(s => s.WithInterval(schedule.Every).RepeatForever()));
            }
        });
        services.AddHostedService<SchedulerAfterStart>();
    }
}
