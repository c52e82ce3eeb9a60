using Microsoft.Extensions.Hosting;

namespace Portal.Tests.Support;

/// <summary>An environment for building Portal's services without a host.</summary>
public sealed class TestHostEnvironment(string name = "Testing") : IHostEnvironment
{
    public string EnvironmentName { get; set; } = name;
    public string ApplicationName { get; set; } = "Portal.Web";
    public string ContentRootPath { get; set; } = Path.GetTempPath();
    public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = null!;
}
