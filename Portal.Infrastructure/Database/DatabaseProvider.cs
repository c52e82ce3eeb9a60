using System.Diagnostics.CodeAnalysis;

namespace Portal.Infrastructure.Database;

/// <summary>
/// The database <c>Portal:Database:Provider</c> names, read in this one place: when the database setup and the job
/// store each read the setting, <c>PostgreSQL</c> put the data on PostgreSQL and the jobs in every node's memory,
/// so each worker ran every job.
/// </summary>
public sealed class DatabaseProvider
{
    public const string Key = "Portal:Database:Provider";
    public const string Allowed = "Sqlite or Postgres (also written PostgreSQL; any case)";

    public static readonly DatabaseProvider Sqlite = new("Sqlite", ["sqlite"]);
    public static readonly DatabaseProvider Postgres = new("Postgres", ["postgres", "postgresql"]);

    private readonly string[] _spellings;

    private DatabaseProvider(string name, string[] spellings)
    {
        Name = name;
        _spellings = spellings;
    }

    public string Name { get; }

    public static bool TryParse(string? value, [NotNullWhen(true)] out DatabaseProvider? provider)
    {
        var spelling = value?.Trim().ToLowerInvariant();
        provider = new[] { Sqlite, Postgres }.FirstOrDefault(p => p._spellings.Contains(spelling));
        return provider is not null;
    }

    public static DatabaseProvider Parse(string? value) =>
        TryParse(value, out var provider) ? provider : throw new InvalidOperationException(Refusal(value));

    public static string Refusal(string? value) => $"{Key} is '{value}'; it must be {Allowed}.";

    public override string ToString() => Name;
}
