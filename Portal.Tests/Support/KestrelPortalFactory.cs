using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Portal.Tests.Support;

/// <summary>
/// The app on a real Kestrel at a free port on 127.0.0.1, for what only the real server does, such as refusing a
/// request line before the app sees it. Without Mollie: its client still points at the test server.
/// </summary>
public sealed class KestrelPortalFactory : PortalFactory
{
    public KestrelPortalFactory() => UseKestrel();

    /// <summary>Where the app listens, such as <c>http://127.0.0.1:41234</c>; starts it on first use.</summary>
    public Uri Address
    {
        get
        {
            StartServer();
            var address = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
            return new Uri(address);
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Urls", "http://127.0.0.1:0");
    }
}
