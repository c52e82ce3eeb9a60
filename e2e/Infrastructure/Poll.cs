using System.Diagnostics;
using Shouldly;

namespace Portal.E2E.Infrastructure;

/// <summary>Waiting for something that happens in the background (a job, a webhook): often, but never longer than a bound.</summary>
public static class Poll
{
    /// <summary>Asks until the answer is not null, and fails with <paramref name="what"/> once <paramref name="within"/> has passed.</summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T?>> ask, TimeSpan within, string what) where T : class
    {
        var clock = Stopwatch.StartNew();
        var pause = TimeSpan.FromMilliseconds(50);
        while (true)
        {
            if (await ask() is { } answer) return answer;
            if (clock.Elapsed > within) throw new ShouldAssertException($"Waited {within.TotalSeconds:0} s, but {what} did not happen.");
            await Task.Delay(pause);
            pause = TimeSpan.FromMilliseconds(Math.Min(pause.TotalMilliseconds * 2, 500));
        }
    }

    public static Task<T> UntilAsync<T>(Func<T?> ask, TimeSpan within, string what) where T : class =>
        UntilAsync(() => Task.FromResult(ask()), within, what);
}
