using Microsoft.Data.Sqlite;
using Npgsql;

namespace Portal.E2E.Infrastructure;

/// <summary>
/// A database of its own for one server: a temporary SQLite file, or a fresh PostgreSQL database when
/// <c>PORTAL_TEST_DATABASE=Postgres</c> (the server comes from <c>PORTAL_TEST_POSTGRES</c>). The app migrates it at start-up.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string? _sqliteFile;
    private readonly string? _postgresServer;
    private readonly string? _postgresName;

    private TestDatabase(string provider, string connectionString, string? sqliteFile, string? postgresServer, string? postgresName)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _sqliteFile = sqliteFile;
        _postgresServer = postgresServer;
        _postgresName = postgresName;
    }

    /// <summary>The value for <c>Portal:Database:Provider</c>.</summary>
    public string Provider { get; }

    /// <summary>The value for <c>ConnectionStrings:Portal</c>.</summary>
    public string ConnectionString { get; }

    public static TestDatabase FromEnvironment()
    {
        var kind = Environment.GetEnvironmentVariable("PORTAL_TEST_DATABASE");
        if (string.IsNullOrWhiteSpace(kind) || kind.Equals("Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            var file = Path.Combine(Path.GetTempPath(), $"portal-e2e-{Guid.NewGuid():N}.db");
            return new TestDatabase("Sqlite", $"Data Source={file}", file, null, null);
        }
        if (kind.Equals("Postgres", StringComparison.OrdinalIgnoreCase) || kind.Equals("PostgreSQL", StringComparison.OrdinalIgnoreCase))
        {
            var server = Environment.GetEnvironmentVariable("PORTAL_TEST_POSTGRES");
            if (string.IsNullOrWhiteSpace(server))
                throw new InvalidOperationException("PORTAL_TEST_DATABASE is Postgres, so PORTAL_TEST_POSTGRES must name the server.");
            var name = $"portal_e2e_{Guid.NewGuid():N}";
            return new TestDatabase("Postgres", $"{server.TrimEnd(';')};Database={name}", null, server, name);
        }
        throw new InvalidOperationException($"PORTAL_TEST_DATABASE '{kind}' is not Sqlite or Postgres.");
    }

    public async ValueTask DisposeAsync()
    {
        if (_sqliteFile is not null)
        {
            SqliteConnection.ClearAllPools();
            foreach (var file in new[] { _sqliteFile, _sqliteFile + "-wal", _sqliteFile + "-shm" })
            {
                if (File.Exists(file)) File.Delete(file);
            }
        }
        if (_postgresServer is not null && _postgresName is not null)
        {
            NpgsqlConnection.ClearAllPools();
            var builder = new NpgsqlConnectionStringBuilder(_postgresServer) { Database = "postgres", Pooling = false };
            await using var connection = new NpgsqlConnection(builder.ConnectionString);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_postgresName}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
