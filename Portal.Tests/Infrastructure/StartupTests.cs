using System.Collections.Concurrent;
using System.Data.Common;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Portal.Infrastructure.Database;
using Portal.Tests.Support;
using Quartz;
using Shouldly;

namespace Portal.Tests.Infrastructure;

/// <summary>
/// What a start does, so that a node answers soon after a deploy: an up-to-date database is not migrated again, one
/// that is behind still is, and the job scheduler comes up after the node answers rather than before.
/// </summary>
public class StartupTests
{
    /// <summary>One start of the app on a database that outlives it, seeing every command EF sends.</summary>
    private sealed class RecordingNode(TestDatabase database) : PortalFactory(database)
    {
        public ConcurrentQueue<string> EfCommands { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services =>
                services.ConfigureDbContext<PortalDbContext>(o => o.AddInterceptors(new CommandRecorder(EfCommands))));
        }
    }

    private sealed class CommandRecorder(ConcurrentQueue<string> commands) : DbCommandInterceptor
    {
        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            commands.Enqueue(command.CommandText);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            commands.Enqueue(command.CommandText);
            return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            commands.Enqueue(command.CommandText);
            return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
        }
    }

    [Fact]
    public async Task AnUpToDateDatabase_IsNotMigratedAgain_AtTheNextStart()
    {
        using var database = new TestDatabase();
        await using (var first = new RecordingNode(database))
        {
            (await first.CreateClient().GetAsync("/health/live")).StatusCode.ShouldBe(HttpStatusCode.OK);
            first.EfCommands.ShouldContain(c => c.Contains("__EFMigrationsHistory"), "The first start should have migrated the new database.");
        }

        await using var second = new RecordingNode(database);
        (await second.CreateClient().GetAsync("/health/live")).StatusCode.ShouldBe(HttpStatusCode.OK);
        second.EfCommands.ShouldNotContain(c => c.Contains("__EFMigrationsHistory"), "EF's migrator ran on a database that was up to date.");
        (await AppliedAsync(database)).ShouldBe(PortalDatabase.MigrationIds, ignoreOrder: true);
    }

    [Fact]
    public async Task ADatabaseAMigrationBehind_GetsIt_AtTheNextStart()
    {
        using var database = new TestDatabase();
        await using (var old = Context(database))
            await old.GetService<IMigrator>().MigrateAsync(PortalDatabase.MigrationIds[^2]);
        (await AppliedAsync(database)).ShouldNotContain(PortalDatabase.MigrationIds[^1]);

        await using var node = new RecordingNode(database);
        (await node.CreateClient().GetAsync("/health/live")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await AppliedAsync(database)).ShouldBe(PortalDatabase.MigrationIds, ignoreOrder: true);
    }

    /// <summary>Branches merge: a migration with an earlier id can arrive after a later one was applied.</summary>
    [Fact]
    public async Task ADatabaseLackingAnEarlierMigration_IsNotTakenForUpToDate()
    {
        using var database = new TestDatabase();
        await using var db = Context(database);
        await db.Database.MigrateAsync();
        var provider = DatabaseProvider.Parse(database.Provider);
        (await PortalDatabase.IsUpToDateAsync(provider, database.ConnectionString)).ShouldBeTrue();

        await db.Database.ExecuteSqlRawAsync("DELETE FROM \"__EFMigrationsHistory\" WHERE \"MigrationId\" = {0}", PortalDatabase.MigrationIds[1]);
        (await PortalDatabase.IsUpToDateAsync(provider, database.ConnectionString)).ShouldBeFalse();
    }

    [Fact]
    public async Task ADatabaseNotThereYet_IsNotTakenForUpToDate()
    {
        using var database = new TestDatabase();
        (await PortalDatabase.IsUpToDateAsync(DatabaseProvider.Parse(database.Provider), database.ConnectionString)).ShouldBeFalse();
    }

    /// <summary>A node whose job scheduler takes its time to come up (a slow job store) still answers.</summary>
    private sealed class SlowSchedulerNode(TestDatabase database) : PortalFactory(database)
    {
        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services =>
            {
                var original = services.Last(d => d.ServiceType == typeof(ISchedulerFactory));
                services.Remove(original);
                services.AddSingleton<ISchedulerFactory>(sp => new SlowSchedulerFactory((ISchedulerFactory)(original.ImplementationInstance
                    ?? original.ImplementationFactory?.Invoke(sp) ?? ActivatorUtilities.CreateInstance(sp, original.ImplementationType!)), Release.Task));
            });
        }
    }

    private sealed class SlowSchedulerFactory(ISchedulerFactory inner, Task release) : ISchedulerFactory
    {
        public async ValueTask<List<IScheduler>> GetAllSchedulers(CancellationToken cancellationToken = default)
        {
            await release;
            return await inner.GetAllSchedulers(cancellationToken);
        }

        public async ValueTask<IScheduler> GetScheduler(CancellationToken cancellationToken = default)
        {
            await release;
            return await inner.GetScheduler(cancellationToken);
        }

        public async ValueTask<IScheduler?> LookupScheduler(string schedName, CancellationToken cancellationToken = default)
        {
            await release;
            return await inner.LookupScheduler(schedName, cancellationToken);
        }
    }

    [Fact]
    public async Task TheNode_AnswersBeforeTheJobSchedulerIsUp_AndTheSchedulerStartsAfterwards()
    {
        using var database = new TestDatabase();
        await using var node = new SlowSchedulerNode(database);
        var answering = Task.Run(async () => (await node.CreateClient().GetAsync("/health/live")).StatusCode);
        var first = await Task.WhenAny(answering, Task.Delay(TimeSpan.FromSeconds(60)));
        node.Release.TrySetResult();
        first.ShouldBe(answering, "The node did not answer while its job scheduler was not up yet.");
        (await answering).ShouldBe(HttpStatusCode.OK);

        var scheduler = await node.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (scheduler.Status != SchedulerStatus.Running && DateTime.UtcNow < deadline) await Task.Delay(50);
        scheduler.Status.ShouldBe(SchedulerStatus.Running, "The scheduler did not start once it could.");
    }

    private static PortalDbContext Context(TestDatabase database)
    {
        var options = new DbContextOptionsBuilder<PortalDbContext>().ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
        if (database.Provider == "Postgres") options.UseNpgsql(database.ConnectionString);
        else options.UseSqlite(database.ConnectionString);
        return new PortalDbContext(options.Options);
    }

    private static async Task<List<string>> AppliedAsync(TestDatabase database)
    {
        await using var db = Context(database);
        return (await db.Database.GetAppliedMigrationsAsync()).ToList();
    }
}
