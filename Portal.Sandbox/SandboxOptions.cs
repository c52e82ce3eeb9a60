using Portal.Infrastructure.Settings;

namespace Portal.Sandbox;

/// <summary><c>Portal:Payments:Sandbox</c>: where the sandbox may run beyond Development and tests, and how its time runs.</summary>
public sealed class SandboxOptions : ICheckedOptions
{
    public const string Section = "Portal:Payments:Sandbox";

    /// <summary>
    /// True maps the sandbox outside Development and tests too (a demo or Staging server without Mollie), never in
    /// Production; false keeps it off everywhere. Unset: Development and tests only.
    /// </summary>
    public bool? Enabled { get; set; }

    /// <summary>How often time acts (expiry, collections, refunds); zero is off. Unset: 30 seconds in Development, off otherwise.</summary>
    public TimeSpan? TickEvery { get; set; }

    /// <summary>How much faster than Mollie the sandbox retries webhooks.</summary>
    public double WebhookTimeScale { get; set; } = 60;

    public IEnumerable<string> Problems()
    {
        if (TickEvery < TimeSpan.Zero) yield return $"{Section}:TickEvery is {TickEvery}; it must be a time span of zero (off) or more, such as 00:00:30.";
        if (!(WebhookTimeScale > 0)) yield return $"{Section}:WebhookTimeScale is {WebhookTimeScale}; it must be a number above zero.";
    }
}
