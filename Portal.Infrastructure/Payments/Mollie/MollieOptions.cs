namespace Portal.Infrastructure.Payments.Mollie;

/// <summary><c>Portal:Payments:Mollie</c>: where the Mollie v2 API is and how patiently to talk to it.</summary>
public class MollieOptions
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
}
