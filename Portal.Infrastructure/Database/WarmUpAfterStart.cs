using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Portal.Infrastructure.Database;

/// <summary>
/// Once the app listens, builds EF's services and model and runs a first query in the background, so the first
/// customer does not wait for them. Nothing in the start itself goes through EF any more (the migration check and the
/// key ring read plain connections), which is what lets the node answer its first request within about a second and a
/// half; a request that comes before the warm-up is done waits for the same work, nothing more.
/// </summary>
public sealed class WarmUpAfterStart(IServiceScopeFactory scopes, IHostApplicationLifetime lifetime, ILogger<WarmUpAfterStart> logger)
    : IHostedService
{
    // Not disposed: the host may dispose its services before it stops them, and this one holds no timer.
    private readonly CancellationTokenSource _stopping = new();
    private Task _warming = Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var started = lifetime.ApplicationStarted;
        _warming = Task.Run(async () =>
        {
            var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            await using (started.Register(() => listening.TrySetResult()))
            await using (_stopping.Token.Register(() => listening.TrySetCanceled()))
                await listening.Task;
            await WarmUpAsync(_stopping.Token);
        });
        return Task.CompletedTask;
    }

    private async Task WarmUpAsync(CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Organisations.AsNoTracking().AnyAsync(ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            // Only a head start: the first request that needs the database tries again and reports what is wrong.
            logger.LogWarning(e, "Warming up the database access after start failed.");
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        try
        {
            await _warming;
        }
        catch (OperationCanceledException)
        {
        }
    }
}
