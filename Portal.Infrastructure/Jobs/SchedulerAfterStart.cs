using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Quartz;

namespace Portal.Infrastructure.Jobs;

/// <summary>
/// Creates and starts the Quartz scheduler once the app is listening, instead of before. Quartz's own hosted service
/// creates the scheduler while the host starts, and on PostgreSQL that means checking its tables and storing every job
/// and trigger in the clustered store: the node answered nothing, not even <c>/health/live</c>, until that was done.
/// The jobs' first runs are minutes after start anyway. A scheduler that cannot be created stops the app, as it did
/// when that happened during the start.
/// </summary>
public sealed class SchedulerAfterStart(ISchedulerFactory schedulers, IHostApplicationLifetime lifetime, ILogger<SchedulerAfterStart> logger) : IHostedService
{
    // Not disposed: the host may dispose its services before it stops them, and this one holds no timer.
    private readonly CancellationTokenSource _stopping = new();
    private Task<IScheduler?> _started = Task.FromResult<IScheduler?>(null);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _started = StartWhenListeningAsync(_stopping.Token);
        return Task.CompletedTask;
    }

    private async Task<IScheduler?> StartWhenListeningAsync(CancellationToken ct)
    {
        try
        {
            await WhenStartedAsync(lifetime.ApplicationStarted, ct);
            // Not cancelled half-way: a scheduler that exists is started, so that StopAsync can shut it down.
            var scheduler = await schedulers.GetScheduler(CancellationToken.None);
            await scheduler.Start(CancellationToken.None);
            return scheduler;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return null;
        }
        catch (Exception e)
        {
            logger.LogCritical(e, "The job scheduler could not start; stopping the app.");
            Environment.ExitCode = 1;
            lifetime.StopApplication();
            return null;
        }
    }

    /// <summary>Waits for the host to have started (listening), off the thread that starts it.</summary>
    private static async Task WhenStartedAsync(CancellationToken started, CancellationToken ct)
    {
        var waiting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var onStarted = started.Register(() => waiting.TrySetResult());
        await using var onStopping = ct.Register(() => waiting.TrySetCanceled(ct));
        await waiting.Task;
    }

    /// <summary>Lets running jobs finish, as <c>WaitForJobsToComplete</c> did.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        var scheduler = await _started;
        if (scheduler is null) return;
        try
        {
            await scheduler.Shutdown(waitForJobsToComplete: true, cancellationToken);
        }
        catch (ObjectDisposedException e)
        {
            // Stopped and disposed at once (a test host's app returns from Run and disposes while the factory stops
            // it): the scheduler's job store reached for services already gone. Nothing is left to stop them for.
            logger.LogDebug(e, "The job scheduler stopped while the app's services were being disposed.");
        }
    }
}
