using Quartz;

namespace Portal.Infrastructure.Jobs;

/// <summary>Work that runs on a schedule on the worker nodes: a service with one thing to do, safe to run twice.</summary>
public interface IScheduledWork
{
    Task RunAsync(CancellationToken ct);
}

/// <summary>
/// The one adapter between Quartz and a service: Quartz makes a DI scope for each run (its job factory does), the
/// job gets the service from it and runs it. A job is then one line beside the service it runs.
/// </summary>
public abstract class ScheduledJob<TWork>(TWork work) : IJob where TWork : IScheduledWork
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) => await work.RunAsync(cancellationToken);
}
