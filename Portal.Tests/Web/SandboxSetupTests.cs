using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Portal.Web.Sandbox;
using Shouldly;

namespace Portal.Tests.Web;

public class SandboxSetupTests
{
    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "Portal.Web";
        public string ContentRootPath { get; set; } = "";
        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = null!;
    }

    private static IConfiguration Config(string? provider) =>
        new ConfigurationBuilder().AddInMemoryCollection(provider is null ? [] : [new("Portal:Payments:Provider", provider)]).Build();

    [Theory]
    [InlineData("Development", null, true)]
    [InlineData("Development", "Mollie", false)]
    [InlineData("Testing", "Sandbox", true)]
    [InlineData("Testing", null, false)]
    [InlineData("Production", "Sandbox", false)]
    [InlineData("Production", null, false)]
    public void IsEnabled_OnlyOutsideProductionAndWhenChosen(string environment, string? provider, bool enabled) =>
        SandboxSetup.IsEnabled(Config(provider), new Environment(environment)).ShouldBe(enabled);
}
