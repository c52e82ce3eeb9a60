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

    [Fact]
    public async Task EveryStart_ReusesTheDemoCustomersLinks_AndIssuesNoneForCustomersTheErpPushed()
    {
        using var database = new TestDatabase();
        IReadOnlyList<DemoLinks.Link> firstLinks;
        await using (var first = new DemoNode(database, ConfiguredKey))
        {
            firstLinks = first.Services.GetRequiredService<DemoLinks>().Links;
            firstLinks.Count.ShouldBe(3);
            (await first.CreateApiClient(ConfiguredKey).PutJsonAsync("/api/v1/customers/ERP-1", new { name = "Klant van het ERP" }))
                .StatusCode.ShouldBe(HttpStatusCode.Created);
        }
        await using var second = new DemoNode(database, ConfiguredKey);
        second.Services.GetRequiredService<DemoLinks>().Links.Select(l => l.Path).ShouldBe(firstLinks.Select(l => l.Path));
        var links = await second.WithScopeAsync(sp => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(
            sp.GetRequiredService<Portal.Infrastructure.Database.PortalDbContext>().PayLinks));
        links.ShouldBe(3);
        var open = await second.CreateBrowserClient().GetAsync(firstLinks[0].Path);
        open.StatusCode.ShouldBe(HttpStatusCode.SeeOther);
    }
}
