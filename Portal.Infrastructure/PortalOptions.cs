namespace Portal.Infrastructure;

/// <summary>The <c>Portal</c> configuration section (see the table in README.md).</summary>
public class PortalOptions
{
    public const string Section = "Portal";

    public DatabaseOptions Database { get; set; } = new();
    public DemoOptions Demo { get; set; } = new();
    public PaymentsOptions Payments { get; set; } = new();
    /// <summary>Which parts this node serves: any of portal, api, worker.</summary>
    public string Roles { get; set; } = "portal,api,worker";
    /// <summary>The public address pay links point at; when empty, the address of the request that made them.</summary>
    public string? PublicBaseUrl { get; set; }

    public bool HasRole(string role) =>
        Roles.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Contains(role, StringComparer.OrdinalIgnoreCase);

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
