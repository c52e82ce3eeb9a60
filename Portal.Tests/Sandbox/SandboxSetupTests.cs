using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Portal.Sandbox;
using Shouldly;

namespace Portal.Tests.Sandbox;

public class SandboxSetupTests
{
    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "Portal.Web";
        public string ContentRootPath { get; set; } = "";
        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = null!;
    }

    private static IConfiguration Config(string? provider, string? enabled = null, string? mollieKey = null)
    {
        var settings = new Dictionary<string, string?>();
        if (provider is not null) settings["Portal:Payments:Provider"] = provider;
        if (enabled is not null) settings["Portal:Payments:Sandbox:Enabled"] = enabled;
        if (mollieKey is not null) settings["Portal:Payments:Mollie:ApiKey"] = mollieKey;
        return new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
    }

    [Theory]
    [InlineData("Development", null, null, true)]
    [InlineData("Development", "Mollie", null, false)]
    [InlineData("Development", null, "false", false)]
    [InlineData("Testing", "Sandbox", null, true)]
    [InlineData("Testing", null, null, false)]
    [InlineData("Staging", "Sandbox", null, false)]
    [InlineData("Staging", "Sandbox", "true", true)]
    [InlineData("Staging", "Mollie", "true", false)]
    [InlineData("Production", "Sandbox", null, false)]
    [InlineData("Production", "Sandbox", "true", false)]
    [InlineData("Production", null, null, false)]
    public void IsEnabled_InDevelopmentAndTests_ElsewhereOnlyWhenEnabled_NeverInProduction(string environment, string? provider, string? enabled, bool expected) =>
        SandboxSetup.IsEnabled(Config(provider, enabled), new Environment(environment)).ShouldBe(expected);

    [Theory]
    [InlineData("Staging", "Sandbox", "true", "live_abcdefghijklmnopqrstuvwxyz12", "live Mollie key")]
    [InlineData("Staging", "Mollie", "true", "live_abcdefghijklmnopqrstuvwxyz12", "live Mollie key")]
    [InlineData("Development", null, null, "live_abcdefghijklmnopqrstuvwxyz12", "live Mollie key")]
    [InlineData("Production", "Mollie", "true", "live_abcdefghijklmnopqrstuvwxyz12", "never mapped in Production")]
    [InlineData("Staging", "Sandbox", null, null, "Portal:Payments:Sandbox:Enabled to true")]
    [InlineData("Production", "Sandbox", null, null, "Portal:Payments:Provider to Mollie")]
    public void ThrowIfMisconfigured_SandboxNextToLiveKeyOrWhereItIsNotMapped_RefusesToStartSayingWhatToChange(
        string environment, string? provider, string? enabled, string? mollieKey, string message) =>
        Should.Throw<InvalidOperationException>(() => SandboxSetup.ThrowIfMisconfigured(Config(provider, enabled, mollieKey), new Environment(environment)))
            .Message.ShouldContain(message);

    [Theory]
    [InlineData("Development", null, null, null)]
    [InlineData("Testing", "Sandbox", null, "test_abcdefghijklmnopqrstuvwxyz12")]
    [InlineData("Staging", "Sandbox", "true", null)]
    [InlineData("Staging", "Mollie", null, "live_abcdefghijklmnopqrstuvwxyz12")]
    [InlineData("Production", "Mollie", null, "live_abcdefghijklmnopqrstuvwxyz12")]
    public void ThrowIfMisconfigured_ConsistentSettings_Start(string environment, string? provider, string? enabled, string? mollieKey) =>
        SandboxSetup.ThrowIfMisconfigured(Config(provider, enabled, mollieKey), new Environment(environment));
}
