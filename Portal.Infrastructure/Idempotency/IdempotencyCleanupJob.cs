using Portal.Infrastructure.Jobs;
using Quartz;

namespace Portal.Infrastructure.Idempotency;

/// <summary>Forgets Idempotency-Keys older than their retention (<see cref="IdempotencyStore"/>), so the table stays small.</summary>
[DisallowConcurrentExecution]
public sealed class IdempotencyCleanupJob(IdempotencyStore work) : ScheduledJob<IdempotencyStore>(work)
{
    public static readonly JobKey Key = new("idempotency-cleanup");
}
