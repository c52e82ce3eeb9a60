using System.Data.Common;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Portal.Infrastructure.Database;

/// <summary>Brings the database up to date at start-up, on SQLite and on PostgreSQL alike.</summary>
public static class PortalDatabase
{
    /// <summary>EF's own name for the table that lists the applied migrations (Portal keeps the default).</summary>
    private const string HistoryTable = "__EFMigrationsHistory";

    public static string DefaultSqliteConnectionString(string contentRoot) =>
        $"Data Source={Path.Combine(contentRoot, "App_Data", "portal.db")}";

    /// <summary>Every migration in this build, by id, read from the classes themselves as EF reads them.</summary>
    public static IReadOnlyList<string> MigrationIds { get; } = typeof(PortalDbContext).Assembly.GetTypes()
        .Where(t => t.IsSubclassOf(typeof(Migration)) && t.GetCustomAttribute<DbContextAttribute>()?.ContextType == typeof(PortalDbContext))
        .Select(t => t.GetCustomAttribute<MigrationAttribute>()?.Id).OfType<string>().Order(StringComparer.Ordinal).ToList();

    /// <summary>
    /// Most starts find the database up to date. That is told by one query on the history table over a plain
    /// connection: asking EF instead builds its services and the model first, which was over half of a 3.5 s start.
    /// Only a database that lacks a migration (or the history table itself) goes through EF's migrator.
    /// </summary>
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var (provider, connectionString) = ConnectionOf(scope.ServiceProvider);
        if (provider == DatabaseProvider.Sqlite)
        {
            var dataSource = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString).DataSource;
            var folder = Path.GetDirectoryName(Path.GetFullPath(dataSource));
            if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
        }
        if (!await IsUpToDateAsync(provider, connectionString, ct))
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
            if (pending.Count > 0)
            {
                var logger = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(PortalDatabase));
                logger.LogInformation("Applying {Count} database migration(s): {Migrations}", pending.Count, string.Join(", ", pending));
                await db.Database.MigrateAsync(ct);
            }
        }
        if (provider == DatabaseProvider.Sqlite)
        {
            // Readers do not block the writer, so pages stay quick during a nightly batch load.
            await using var connection = NewConnection(provider, connectionString);
            await connection.OpenAsync(ct);
            await using var wal = connection.CreateCommand();
            wal.CommandText = "PRAGMA journal_mode=WAL;";
            await wal.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>
    /// Whether the history table lists every migration of this build. Any doubt (no database yet, no history table)
    /// answers false, and EF's migrator decides.
    /// </summary>
    public static async Task<bool> IsUpToDateAsync(DatabaseProvider provider, string connectionString, CancellationToken ct = default)
    {
        try
        {
            await using var connection = NewConnection(provider, connectionString);
            await connection.OpenAsync(ct);
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT \"MigrationId\" FROM \"{HistoryTable}\"";
            var applied = new HashSet<string>(StringComparer.Ordinal);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) applied.Add(reader.GetString(0));
            return MigrationIds.All(applied.Contains);
        }
        catch (DbException)
        {
            return false;
        }
    }

    /// <summary>
    /// A plain connection (not yet open) to the database <see cref="PortalDbContext"/> uses, for what runs while the app
    /// starts: EF would build its services and model first.
    /// </summary>
    public static DbConnection NewConnection(IServiceProvider services)
    {
        var (provider, connectionString) = ConnectionOf(services);
        return NewConnection(provider, connectionString);
    }

    private static (DatabaseProvider Provider, string ConnectionString) ConnectionOf(IServiceProvider services) =>
        (DatabaseProvider.Parse(services.GetRequiredService<IOptions<PortalOptions>>().Value.Database.Provider),
            RelationalOptionsExtension.Extract(services.GetRequiredService<DbContextOptions<PortalDbContext>>()).ConnectionString
            ?? throw new InvalidOperationException("The database has no connection string."));

    private static DbConnection NewConnection(DatabaseProvider provider, string connectionString) =>
        provider == DatabaseProvider.Postgres
            ? new Npgsql.NpgsqlConnection(connectionString)
            : new Microsoft.Data.Sqlite.SqliteConnection(connectionString);

    public static async Task<bool> CanConnectAsync(IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Database.CanConnectAsync(ct);
    }
}
