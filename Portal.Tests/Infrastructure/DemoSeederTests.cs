using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Portal.Infrastructure.Demo;
using Portal.Tests.Support;
using Shouldly;

namespace Portal.Tests.Infrastructure;

/// <summary>The demo organisation's key across restarts: whatever the settings, the next start comes up.</summary>
public class DemoSeederTests
{
    private const string ConfiguredKey = "pk_demo_configured_0123456789abcdef";

    /// <summary>One start of the app on a database that outlives it, seeding the demo, with or without a fixed key.</summary>
    private sealed class DemoNode(TestDatabase database, string? apiKey) : PortalFactory(database)
    {
        protected override IEnumerable<(string Key, string Value)> Settings =>
            apiKey is null ? [("Portal:Demo:Seed", "true")] : [("Portal:Demo:Seed", "true"), ("Portal:Demo:ApiKey", apiKey)];
    }

    private static async Task<HttpStatusCode> CallApiAsync(PortalFactory node, string key) =>
        (await node.CreateApiClient(key).GetAsync("/api/v1/invoices")).StatusCode;

    [Fact]
    public async Task Restart_WithConfiguredKey_ThenWithout_ThenWithAgain_ComesUpAndOnlyTheConfiguredKeyWorks()
    {
        using var database = new TestDatabase();
        await using (var first = new DemoNode(database, ConfiguredKey))
            (await CallApiAsync(first, ConfiguredKey)).ShouldBe(HttpStatusCode.OK);

        string randomKey;
        await using (var second = new DemoNode(database, null))
        {
            randomKey = second.Services.GetRequiredService<DemoLinks>().ApiKey!;
            randomKey.ShouldNotBe(ConfiguredKey);
            (await CallApiAsync(second, randomKey)).ShouldBe(HttpStatusCode.OK);
            (await CallApiAsync(second, ConfiguredKey)).ShouldBe(HttpStatusCode.Unauthorized);
        }

        await using var third = new DemoNode(database, ConfiguredKey);
        (await CallApiAsync(third, ConfiguredKey)).ShouldBe(HttpStatusCode.OK);
        third.Services.GetRequiredService<DemoLinks>().ApiKey.ShouldBe(ConfiguredKey);
        (await CallApiAsync(third, randomKey)).ShouldBe(HttpStatusCode.Unauthorized);
    }
}
