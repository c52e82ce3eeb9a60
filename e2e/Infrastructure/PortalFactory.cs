using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Portal.E2E.Infrastructure;

/// <summary>
/// The real app on Kestrel at a free port, in the Testing environment, on its own database, without demo data, paying
/// through its own Mollie sandbox on that same port. <paramref name="settings"/> come on top, for a fixture whose tests
/// need the app set up otherwise (such as webhooks delivered every second).
/// </summary>
public sealed class PortalFactory(TestDatabase database, IReadOnlyDictionary<string, string>? settings = null) : WebApplicationFactory<Program>
{
    // Chosen before the start, because the sandbox's address must be configured before the app starts.
    private readonly int _port = FreePort();

    /// <summary>What the app logged, at the levels its appsettings.json sets.</summary>
    public LogCapture Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Portal:Demo:Seed", "false");
        builder.UseSetting("Portal:Database:Provider", database.Provider);
        builder.UseSetting("ConnectionStrings:Portal", database.ConnectionString);
        builder.UseSetting("Urls", $"http://127.0.0.1:{_port}");
        builder.UseSetting("Portal:Payments:Provider", "Sandbox");
        builder.UseSetting("Portal:Payments:Mollie:BaseUrl", $"http://127.0.0.1:{_port}/mollie-sandbox/v2/");
        builder.UseSetting("Portal:Payments:Mollie:RetryBaseDelay", "00:00:00.010");
        // One browser on 127.0.0.1 opens hundreds of pages and pay links a minute here; Portal.Tests prove the limits.
        builder.UseSetting("Portal:RateLimits:Enabled", "false");
        // The language crawls share one customer and each asks for a one-time code; the limits are tested in Portal.Tests.
        builder.UseSetting("Portal:OneTimeCodes:ResendAfter", "00:00:00");
        builder.UseSetting("Portal:OneTimeCodes:MaxPerHour", "1000");
        // The console shows only warnings; the captured log keeps the app's own levels, so it sees what production would write.
        builder.UseSetting("Logging:Console:LogLevel:Default", "Warning");
        // A fresh database gets a fresh, unencrypted data protection key: expected here, so not worth a warning.
        builder.UseSetting("Logging:Console:LogLevel:Microsoft.AspNetCore.DataProtection", "Error");
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) builder.UseSetting(key, value);
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<ILoggerProvider>(Logs);
            // The browser talks plain HTTP to 127.0.0.1, where Chromium keeps Secure cookies, but antiforgery refuses to
            // issue its Secure-only cookie on a request that is not HTTPS. In production TLS is in front.
            services.PostConfigure<AntiforgeryOptions>(o => o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        });
    }

    /// <summary>Starts Kestrel and answers its address, such as <c>http://127.0.0.1:41234</c>.</summary>
    public Uri Start()
    {
        UseKestrel();
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        var address = addresses?.FirstOrDefault() ?? ClientOptions.BaseAddress.ToString();
        return new Uri(address.TrimEnd('/'));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
