using Npgsql;

namespace Portal.Tests.Support;

/// <summary>
/// A fresh database per test fixture: a SQLite file, or a PostgreSQL database when PORTAL_TEST_DATABASE=Postgres
/// (test.sh starts a throwaway server and sets PORTAL_TEST_POSTGRES).
/// </summary>
public sealed class TestDatabase : IDisposable
{
    private readonly string? _sqliteFile;
    private readonly string? _postgresName;
    private readonly string? _postgresServer;

    public TestDatabase()
    {
        if (IsPostgres)
        {
            _postgresServer = Environment.GetEnvironmentVariable("PORTAL_TEST_POSTGRES")
                ?? throw new InvalidOperationException("PORTAL_TEST_DATABASE=Postgres needs PORTAL_TEST_POSTGRES, the server's connection string.");
            _postgresName = $"portal_test_{Guid.NewGuid():N}";
            Provider = "Postgres";
            ConnectionString = $"{_postgresServer};Database={_postgresName}";
        }
        else
        {
            _sqliteFile = Path.Combine(Path.GetTempPath(), $"portal-test-{Guid.NewGuid():N}.db");
            Provider = "Sqlite";
            ConnectionString = $"Data Source={_sqliteFile}";
        }
    }

    public static bool IsPostgres =>
        string.Equals(Environment.GetEnvironmentVariable("PORTAL_TEST_DATABASE"), "Postgres", StringComparison.OrdinalIgnoreCase);

    public string Provider { get; }
    public string ConnectionString { get; }

    public void Dispose()
    {
        if (_sqliteFile is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                try { File.Delete(_sqliteFile + suffix); } catch (IOException) { }
            }
        }
        if (_postgresName is not null)
        {
            NpgsqlConnection.ClearAllPools();
            using var connection = new NpgsqlConnection($"{_postgresServer};Database=postgres");
            connection.Open();
            using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_postgresName}\" WITH (FORCE)", connection);
            drop.ExecuteNonQuery();
        }
    }
}
