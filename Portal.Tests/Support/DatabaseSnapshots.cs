using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Infrastructure.Database;

namespace Portal.Tests.Support;

/// <summary>
/// Row counts of every table Portal maps, and the latest of each of their time columns: the clock moves a second
/// before each request, so any write shows. Idempotency keys are left out: a refused POST keeps its answer by design;
/// so is when an API key was last used, which any call with it may note (at most once a minute).
/// </summary>
internal sealed class DatabaseSnapshots : IAsyncDisposable
{
    private readonly AsyncServiceScope _scope;
    private readonly System.Data.Common.DbCommand _command;

    public DatabaseSnapshots(IServiceProvider services)
    {
        _scope = services.CreateAsyncScope();
        var db = _scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var parts = new List<string>();
        foreach (var table in db.Model.GetEntityTypes().Where(t => t.GetTableName() is not null).GroupBy(t => t.GetTableName()!).OrderBy(g => g.Key))
        {
            if (table.Key is "IdempotencyRecords" or "DataProtectionKeys") continue;
            parts.Add($"COUNT(*) FROM \"{table.Key}\"");
            var store = Microsoft.EntityFrameworkCore.Metadata.StoreObjectIdentifier.Table(table.Key, null);
            foreach (var column in table.SelectMany(t => t.GetProperties())
                         .Where(p => (Nullable.GetUnderlyingType(p.ClrType) ?? p.ClrType) == typeof(DateTime)).Select(p => p.GetColumnName(store)).Distinct()
                         .Where(c => !(table.Key == "ApiKeys" && c == "LastUsedAtUtc")))
                parts.Add($"MAX(\"{column}\") FROM \"{table.Key}\"");
        }
        db.Database.OpenConnection();
        _command = db.Database.GetDbConnection().CreateCommand();
        _command.CommandText = "SELECT " + string.Join(", ", parts.Select(p => $"(SELECT {p})"));
    }

    public async Task<string> TakeAsync()
    {
        await using var reader = await _command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return string.Join(",", Enumerable.Range(0, reader.FieldCount).Select(i => Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture)));
    }

    public async ValueTask DisposeAsync()
    {
        await _command.DisposeAsync();
        await _scope.DisposeAsync();
    }
}
