using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace Portal.Infrastructure.Jobs;

/// <summary>
/// Scheduled work on Quartz, on nodes with the worker role. The store is in memory: every job is safe to run on
/// several workers at once because the work it does is idempotent and serialised per organisation.
/// </summary>
public static class JobSetup
{
    public static void AddPortalJobs(this IServiceCollection services, IConfiguration configuration)
    {
        var every = configuration.GetValue("Portal:Jobs:ReconcilePaymentsEvery", TimeSpan.FromMinutes(2));
        var webhooksEvery = configuration.GetValue("Portal:Jobs:DeliverWebhooksEvery", TimeSpan.FromSeconds(10));
        services.AddQuartz(q =>
        {
            q.AddJob<PaymentReconciliationJob>(j => j.WithIdentity(PaymentReconciliationJob.Key).StoreDurably());
            q.AddTrigger(t => t.ForJob(PaymentReconciliationJob.Key).StartAt(DateTimeOffset.UtcNow + every)
                .WithSimpleSchedule(s => s.WithInterval(every).RepeatForever()));
            q.AddJob<WebhookDeliveryJob>(j => j.WithIdentity(WebhookDeliveryJob.Key).StoreDurably());
            q.AddTrigger(t => t.ForJob(WebhookDeliveryJob.Key).StartAt(DateTimeOffset.UtcNow + webhooksEvery)
                .WithSimpleSchedule(s => s.WithInterval(webhooksEvery).RepeatForever()));
            q.AddJob<IdempotencyCleanupJob>(j => j.WithIdentity(IdempotencyCleanupJob.Key).StoreDurably());
            q.AddTrigger(t => t.ForJob(IdempotencyCleanupJob.Key).StartAt(DateTimeOffset.UtcNow + TimeSpan.FromMinutes(5))
                .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromHours(1)).RepeatForever()));
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
    }
}
