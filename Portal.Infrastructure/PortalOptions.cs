using Portal.Infrastructure.Database;
using Portal.Infrastructure.Settings;

namespace Portal.Infrastructure;

/// <summary>The <c>Portal</c> configuration section (see the table in README.md).</summary>
public class PortalOptions : ICheckedOptions
{
    public const string Section = "Portal";
    private static readonly string[] KnownRoles = ["portal", "api", "worker"];

    public DatabaseOptions Database { get; set; } = new();
    public DemoOptions Demo { get; set; } = new();
    public PaymentsOptions Payments { get; set; } = new();
    /// <summary>Which parts this node serves: any of portal, api, worker.</summary>
    public string Roles { get; set; } = "portal,api,worker";
    /// <summary>The public address pay links point at; when empty, the address of the request that made them.</summary>
    public string? PublicBaseUrl { get; set; }

    public bool HasRole(string role) => RoleList().Contains(role, StringComparer.OrdinalIgnoreCase);

    private string[] RoleList() => Roles.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    public IEnumerable<string> Problems()
    {
        if (!DatabaseProvider.TryParse(Database.Provider, out _)) yield return DatabaseProvider.Refusal(Database.Provider);
        var roles = RoleList();
        if (roles.Length == 0) yield return $"{Section}:Roles is empty; it must name one or more of portal, api, worker, separated by commas.";
        foreach (var unknown in roles.Where(r => !KnownRoles.Contains(r, StringComparer.OrdinalIgnoreCase)))
            yield return $"{Section}:Roles names '{unknown}'; each entry must be portal, api or worker.";
        if (!string.IsNullOrEmpty(PublicBaseUrl) && !PortalSettings.IsHttpBase(PublicBaseUrl))
            yield return $"{Section}:PublicBaseUrl is '{PublicBaseUrl}'; it must be an absolute http or https URL without query, such as https://betalen.example.nl.";
        if (Payments.Provider is { } provider && !new[] { "Sandbox", "Mollie" }.Contains(provider, StringComparer.OrdinalIgnoreCase))
            yield return $"{Section}:Payments:Provider is '{provider}'; it must be Sandbox or Mollie.";
    }

    public class DatabaseOptions
    {
        /// <summary><c>Sqlite</c> or <c>Postgres</c> (also <c>PostgreSQL</c>), read through <see cref="Portal.Infrastructure.Database.DatabaseProvider"/>.</summary>
        public string Provider { get; set; } = "Sqlite";
    }

    public class PaymentsOptions
    {
        /// <summary><c>Sandbox</c> (Portal's own Mollie-compatible sandbox) or <c>Mollie</c>; Sandbox by default in Development.</summary>
        public string? Provider { get; set; }

        public bool UsesSandbox(bool development) =>
            string.Equals(Provider ?? (development ? "Sandbox" : "Mollie"), "Sandbox", StringComparison.OrdinalIgnoreCase);
    }

    public class DemoOptions
    {
        /// <summary>Seed the demo organisation into an empty database; defaults to true in Development.</summary>
        public bool? Seed { get; set; }
        /// <summary>Fixes the demo organisation's API key instead of a random one.</summary>
        public string? ApiKey { get; set; }
    }
}
