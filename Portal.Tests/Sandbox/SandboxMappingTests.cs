using System.Net;
using Microsoft.AspNetCore.Hosting;
using Portal.Tests.Support;
using Shouldly;

namespace Portal.Tests.Sandbox;

/// <summary>
/// The sandbox's test controls let anyone mark a payment paid, so a server outside Development and tests, such as
/// Staging, maps them only when told to, and refuses to start when told to next to a live Mollie key.
/// </summary>
public class SandboxMappingTests
{
    private sealed class StagingFactory(params (string Key, string Value)[] settings) : PortalFactory
    {
        protected override IEnumerable<(string Key, string Value)> Settings => settings;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Staging");
        }
    }

    [Fact]
    public async Task Staging_SandboxChosenButNotEnabled_RefusesToStart()
    {
        await using var staging = new StagingFactory();
        Should.Throw<InvalidOperationException>(() => staging.CreateClient())
            .Message.ShouldContain("Portal:Payments:Sandbox:Enabled to true");
    }

    [Fact]
    public async Task Staging_SandboxEnabled_MapsIt()
    {
        await using var staging = new StagingFactory(("Portal:Payments:Sandbox:Enabled", "true"));
        (await staging.CreateClient().GetAsync("/mollie-sandbox/__control/payments")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Staging_SandboxEnabledWithALiveMollieKey_RefusesToStart()
    {
        await using var staging = new StagingFactory(("Portal:Payments:Sandbox:Enabled", "true"),
            ("Portal:Payments:Mollie:ApiKey", "live_abcdefghijklmnopqrstuvwxyz12"));
        Should.Throw<InvalidOperationException>(() => staging.CreateClient()).Message.ShouldContain("live Mollie key");
    }
}
