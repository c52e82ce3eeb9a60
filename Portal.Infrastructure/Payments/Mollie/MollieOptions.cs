using Portal.Infrastructure.Settings;

namespace Portal.Infrastructure.Payments.Mollie;

/// <summary><c>Portal:Payments:Mollie</c>: where the Mollie v2 API is and how patiently to talk to it.</summary>
public class MollieOptions : ICheckedOptions
{
    public const string Section = "Portal:Payments:Mollie";

    /// <summary><c>test_…</c> or <c>live_…</c>; the sandbox accepts only <c>test_</c> keys.</summary>
    public string ApiKey { get; set; } = "";
    public Uri BaseUrl { get; set; } = new("https://api.mollie.com/v2/");
    /// <summary>How long one attempt may take.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);
    public int MaxRetries { get; set; } = 3;
    /// <summary>The first back-off; it doubles per retry, up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    public IEnumerable<string> Problems()
    {
        if (ApiKey.Length > 0 && !ApiKey.StartsWith("test_", StringComparison.Ordinal) && !ApiKey.StartsWith("live_", StringComparison.Ordinal))
            yield return $"{Section}:ApiKey must start with test_ or live_ (Mollie's API keys do).";
        if (!PortalSettings.IsHttpBase(BaseUrl.OriginalString))
            yield return $"{Section}:BaseUrl is '{BaseUrl}'; it must be an absolute http or https URL, such as https://api.mollie.com/v2/.";
        if (AttemptTimeout <= TimeSpan.Zero)
            yield return $"{Section}:AttemptTimeout is {AttemptTimeout}; it must be a time span of more than zero, such as 00:00:10.";
        if (MaxRetries < 0) yield return $"{Section}:MaxRetries is {MaxRetries}; it must be 0 or more.";
        if (RetryBaseDelay < TimeSpan.Zero) yield return $"{Section}:RetryBaseDelay is {RetryBaseDelay}; it must be zero or more.";
        else if (MaxRetryDelay < RetryBaseDelay)
            yield return $"{Section}:MaxRetryDelay ({MaxRetryDelay}) is shorter than {Section}:RetryBaseDelay ({RetryBaseDelay}); it must be at least as long.";
    }
}
