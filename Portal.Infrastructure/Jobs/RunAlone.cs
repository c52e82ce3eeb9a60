using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Portal.Infrastructure.Database;

namespace Portal.Infrastructure.Jobs;

/// <summary>
/// One run of a piece of scheduled work at a time per database: in this process a semaphore, across nodes PostgreSQL's
/// advisory lock (SQLite has one node). A run that finds another busy does not wait: that one does the work.
/// </summary>
public static class RunAlone
{
    private static readonly ConcurrentDictionary<(string Database, long Lock), SemaphoreSlim> LocalTurns = new();

    /// <summary>Runs <paramref name="work"/> unless another run holds <paramref name="lockId"/>; Ran is false then.</summary>
    public static async Task<(bool Ran, T Value)> RunAsync<T>(PortalDbContext db, long lockId, Func<Task<T>> work, CancellationToken ct)
    {
        var turn = LocalTurns.GetOrAdd((db.Database.GetConnectionString() ?? "", lockId), _ => new SemaphoreSlim(1, 1));
        if (!await turn.WaitAsync(0, ct)) return (false, default!);
        var locked = false;
        try
        {
            if (db.Database.IsNpgsql())
            {
                await db.Database.OpenConnectionAsync(ct);
                locked = await db.Database.SqlQuery<bool>($"SELECT pg_try_advisory_lock({lockId}) AS \"Value\"").SingleAsync(ct);
                if (!locked) return (false, default!);
            }
            return (true, await work());
        }
        finally
        {
            try
            {
                // A dropped connection ends its session's advisory locks by itself; the turn here must be given back regardless.
                if (locked) await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({lockId})", CancellationToken.None);
                if (db.Database.IsNpgsql()) await db.Database.CloseConnectionAsync();
            }
            finally
            {
                turn.Release();
            }
        }
    }
}
