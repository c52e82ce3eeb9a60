using System.Data.Common;
using Npgsql;

namespace Portal.Infrastructure.Database;

/// <summary>
/// The PostgreSQL connection settings Portal's hot paths need, set by Portal rather than left to each operator's
/// connection string. A setting the operator names keeps the operator's value.
/// </summary>
public static class ConnectionSettings
{
    /// <summary>Statements a connection keeps prepared: the session check and each page's projection stay parsed and planned.</summary>
    public const int MaxAutoPrepare = 64;

    /// <summary>
    /// Adds to the operator's connection string: <c>No Reset On Close</c>, so handing a pooled connection back does
    /// not cost a <c>DISCARD ALL</c> round trip after every use and does not throw away the prepared statements
    /// (Portal keeps no session state on a connection: its locks are transaction-scoped); and
    /// <c>Max Auto Prepare</c>, so the statements every page sends are prepared once per connection.
    /// </summary>
    public static string ForPostgres(string connectionString)
    {
        var named = new DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>()
            .Select(k => k.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant()).ToHashSet();
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!named.Contains("noresetonclose")) builder.NoResetOnClose = true;
        if (!named.Contains("maxautoprepare")) builder.MaxAutoPrepare = MaxAutoPrepare;
        return builder.ConnectionString;
    }
}
