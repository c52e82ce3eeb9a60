namespace Portal.E2E.Infrastructure;

/// <summary>
/// Finds the Chromium the browser tests drive. Playwright's own download needs the internet, so the tests use
/// the system's Chromium: <c>PORTAL_CHROMIUM</c>, else <c>/usr/bin/chromium</c>.
/// </summary>
public static class Chromium
{
    public const string PathVariable = "PORTAL_CHROMIUM";
    public const string DefaultPath = "/usr/bin/chromium";

    /// <summary>The browser's path, or null when there is none.</summary>
    public static string? Path { get; } = Find();

    /// <summary>Under CI a missing browser is a failure, not a skip.</summary>
    public static bool Required => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static string MissingMessage =>
        $"Chromium was not found: {PathVariable} is not set and {DefaultPath} does not exist. Install Chromium or set {PathVariable}.";

    /// <summary>The arguments for a headless Chromium in a container without GPU or network.</summary>
    public static readonly IReadOnlyList<string> Arguments =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private static string? Find()
    {
        var configured = Environment.GetEnvironmentVariable(PathVariable);
        if (!string.IsNullOrWhiteSpace(configured)) return configured;
        return File.Exists(DefaultPath) ? DefaultPath : null;
    }
}
