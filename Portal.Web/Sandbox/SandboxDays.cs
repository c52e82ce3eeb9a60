using Portal.Infrastructure.DirectDebit;
using Portal.Sandbox;

namespace Portal.Web.Sandbox;

/// <summary>
/// Lets days pass where no money moves: moves the app's <see cref="SandboxTime"/> on one day at a time and, on each
/// day, does what that day would bring — Portal's direct-debit run (plan, announce, submit), then the sandbox's own
/// day (debits due are collected or refused, their webhooks come). So a tester, the browser suite or a benchmark sees
/// a month of collections as it would happen, without waiting for the hourly schedule.
/// </summary>
public sealed class SandboxDays(TimeProvider clock, SandboxStore store, SandboxWebhooks webhooks, IServiceScopeFactory scopes, ILogger<SandboxDays> log)
{
    /// <summary>At most this many days in one move: a year and a bit is enough for any schedule.</summary>
    public const int MostDays = 400;

    private readonly SemaphoreSlim _one = new(1, 1);

    /// <summary>What one day brought.</summary>
    public sealed record Day(DateOnly Date, int Planned, int Submitted, int Cancelled, IReadOnlyList<Change> Changed);

    /// <summary>A payment at the sandbox that changed that day.</summary>
    public sealed record Change(string Id, string Status, string Description);

    /// <summary>False where the app's clock is another one (the tests' own), so moving this one would mean nothing.</summary>
    public bool CanMove => clock is SandboxTime;

    public DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    /// <summary>
    /// Lets the days up to and including <paramref name="date"/> pass, in order. Answers what each day brought, or null
    /// when <paramref name="date"/> is not after today or more than <see cref="MostDays"/> ahead.
    /// </summary>
    public async Task<IReadOnlyList<Day>?> MoveToAsync(DateOnly date, CancellationToken ct)
    {
        if (clock is not SandboxTime time) throw new InvalidOperationException("The app's clock is not the sandbox's; it cannot be moved.");
        await _one.WaitAsync(ct);
        try
        {
            var days = date.DayNumber - Today.DayNumber;
            if (days is < 1 or > MostDays) return null;
            var passed = new List<Day>(days);
            for (var i = 0; i < days; i++)
            {
                time.MoveOn(TimeSpan.FromDays(1));
                passed.Add(await PassAsync(ct));
            }
            log.LogInformation("The sandbox clock moved on {Days} days to {Date}", days, Today);
            return passed;
        }
        finally
        {
            _one.Release();
        }
    }

    private async Task<Day> PassAsync(CancellationToken ct)
    {
        CollectionRun.Outcome? outcome;
        // The schedule's own run may be busy at this moment; this day's run must still happen before the bank's day.
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            outcome = await scope.ServiceProvider.GetRequiredService<CollectionRun>().RunAsync(ct);
            if (outcome is not null) break;
            await Task.Delay(TimeSpan.FromMilliseconds(100), ct);
        }
        var changed = await SandboxCheckoutEndpoints.TickAsync(store, webhooks, ct);
        return new Day(Today, outcome.Planned, outcome.Submitted, outcome.Cancelled,
            [.. changed.Select(p => new Change(p.Id, p.Status, p.Request.Description))]);
    }
}
