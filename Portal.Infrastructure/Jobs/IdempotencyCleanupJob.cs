using Portal.Infrastructure.Idempotency;
using Quartz;

namespace Portal.Infrastructure.Jobs;

/// <summary>Forgets Idempotency-Keys older than their retention, so the table stays small.</summary>
[DisallowConcurrentExecution]
public class IdempotencyCleanupJob(IdempotencyStore store) : IJob
{
    public static readonly JobKey Key = new("idempotency-cleanup");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await store.PurgeAsync(cancellationToken);
}
