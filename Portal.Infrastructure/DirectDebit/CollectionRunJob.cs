using Portal.Infrastructure.Jobs;
using Quartz;

namespace Portal.Infrastructure.DirectDebit;

/// <summary>Plans and submits direct debits (<see cref="CollectionRun"/>) on the worker nodes; never two runs at once, also across nodes.</summary>
[DisallowConcurrentExecution]
public sealed class CollectionRunJob(CollectionRun work) : ScheduledJob<CollectionRun>(work)
{
    public static readonly JobKey Key = new("direct-debit-collections");
}
