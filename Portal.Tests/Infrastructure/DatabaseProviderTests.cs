using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Portal.Infrastructure;
using Portal.Infrastructure.Database;
using Portal.Infrastructure.Jobs;
using Portal.Tests.Support;
using Quartz;
using Shouldly;

namespace Portal.Tests.Infrastructure;

/// <summary>
/// Every spelling of Portal:Database:Provider the database accepts puts the jobs where the database is: on
/// PostgreSQL in the clustered store, so several worker nodes share one schedule instead of each running every job.
/// </summary>
public class DatabaseProviderTests
{
    private static IConfiguration Config(string provider) => new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["Portal:Database:Provider"] = provider,
        ["ConnectionStrings:Portal"] = provider.StartsWith("sqlite", StringComparison.OrdinalIgnoreCase) ? "Data Source=:memory:" : "Host=127.0.0.1;Database=portal",
    }).Build();

    private static bool DatabaseIsPostgres(IConfiguration configuration)
    {
        var services = new ServiceCollection().AddLogging().AddPortalInfrastructure(configuration, new TestHostEnvironment());
        using var provider = services.BuildServiceProvider();
        using var scope = provider.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        db.Database.IsSqlite().ShouldNotBe(db.Database.IsNpgsql());
        return db.Database.IsNpgsql();
    }

    [Theory]
    [InlineData("Postgres")]
    [InlineData("postgres")]
    [InlineData("POSTGRES")]
    [InlineData("PostgreSQL")]
    [InlineData("postgresql")]
    public void PostgresSpellings_PutTheDatabaseAndTheJobsOnPostgres(string spelling)
    {
        var configuration = Config(spelling);
        DatabaseIsPostgres(configuration).ShouldBeTrue();
        JobSetup.UsesClusteredStore(configuration).ShouldBeTrue();
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("sqlite")]
    [InlineData("SQLite")]
    public void SqliteSpellings_PutTheDatabaseOnSqlite_AndTheJobsInMemory(string spelling)
    {
        var configuration = Config(spelling);
        DatabaseIsPostgres(configuration).ShouldBeFalse();
        JobSetup.UsesClusteredStore(configuration).ShouldBeFalse();
    }

    [Theory]
    [InlineData("Oracle")]
    [InlineData("Postgre")]
    [InlineData("")]
    public void AnotherProvider_RefusesToStart_NamingTheKeyAndTheAllowedValues(string provider)
    {
        var message = Should.Throw<Exception>(() => DatabaseIsPostgres(Config(provider))).Message;
        message.ShouldContain("Portal:Database:Provider");
        message.ShouldContain("Sqlite or Postgres");
    }
}

/// <summary>The whole app with the provider spelled another way than the test database's own name: the store still follows it.</summary>
public class JobStoreSpellingTests(JobStoreSpellingTests.OtherSpellingFactory factory) : IClassFixture<JobStoreSpellingTests.OtherSpellingFactory>
{
    public sealed class OtherSpellingFactory : PortalFactory
    {
        protected override IEnumerable<(string Key, string Value)> Settings =>
            [("Portal:Database:Provider", TestDatabase.IsPostgres ? "PostgreSQL" : "SQLite")];
    }

    [Fact]
    public async Task ProviderSpelledPostgreSQL_UsesTheClusteredStore()
    {
        var scheduler = await factory.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var meta = await scheduler.GetMetadata();
        meta.JobStoreClustered.ShouldBe(TestDatabase.IsPostgres);
        meta.JobStorePersistent.ShouldBe(TestDatabase.IsPostgres);
    }
}
