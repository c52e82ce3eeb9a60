namespace Portal.Sandbox;

/// <summary>
/// The clock of an app that pays through the sandbox: the real time plus how far a tester has moved it on, so a month
/// of collections can be tried in a minute (<c>/dev/clock</c>). It only moves forward, and goes back to the real time
/// when the app restarts. Timers and stopwatches keep real time: a time-out stays a time-out.
/// </summary>
public sealed class SandboxTime(TimeProvider real) : TimeProvider
{
    private long _offsetTicks;

    /// <summary>How far this clock is ahead of the real one.</summary>
    public TimeSpan Ahead => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public override DateTimeOffset GetUtcNow() => real.GetUtcNow() + Ahead;

    public override TimeZoneInfo LocalTimeZone => real.LocalTimeZone;

    public override long TimestampFrequency => real.TimestampFrequency;

    public override long GetTimestamp() => real.GetTimestamp();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        real.CreateTimer(callback, state, dueTime, period);

    /// <summary>Moves the clock on by <paramref name="by"/>; a negative span is refused, because time never runs back.</summary>
    public void MoveOn(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        Interlocked.Add(ref _offsetTicks, by.Ticks);
    }
}
