using Portal.Infrastructure;
using Portal.Infrastructure.Payments.Mollie;

namespace Portal.Sandbox;

/// <summary>
/// The Mollie sandbox, with test controls anyone can call to mark a payment paid, is mapped only where no real money
/// moves: in Development and in tests when Portal:Payments:Provider is Sandbox, elsewhere only when
/// Portal:Payments:Sandbox:Enabled says so, and never in Production or beside a live Mollie key.
/// </summary>
public static class SandboxSetup
{
    /// <summary>The environment the test suites run the app in.</summary>
    public const string TestingEnvironment = "Testing";

    public static bool IsEnabled(IConfiguration configuration, IHostEnvironment environment)
    {
        if (environment.IsProduction() || !Payments(configuration).UsesSandbox(environment.IsDevelopment())) return false;
        return Sandbox(configuration).Enabled ?? (environment.IsDevelopment() || environment.IsEnvironment(TestingEnvironment));
    }

    /// <summary>
    /// Refuses to start on settings that would put the sandbox's controls next to real payments, or that choose the
    /// sandbox where it is not mapped (every payment would fail), with a message that says which setting to change.
    /// </summary>
    public static void ThrowIfMisconfigured(IConfiguration configuration, IHostEnvironment environment)
    {
        var explicitlyEnabled = Sandbox(configuration).Enabled == true;
        if (explicitlyEnabled && environment.IsProduction())
            throw new InvalidOperationException(
                $"{SandboxOptions.Section}:Enabled is true, but the Mollie sandbox is never mapped in Production. Remove the setting.");
        var liveKey = configuration.GetSection(MollieOptions.Section).Get<MollieOptions>()?.ApiKey?.StartsWith("live_", StringComparison.Ordinal) == true;
        if (liveKey && (explicitlyEnabled || IsEnabled(configuration, environment)))
            throw new InvalidOperationException(
                $"The Mollie sandbox is enabled together with a live Mollie key ({MollieOptions.Section}:ApiKey starts with 'live_'). " +
                $"Use a test_ key with the sandbox, or set {PortalOptions.Section}:Payments:Provider to Mollie and remove {SandboxOptions.Section}:Enabled.");
        if (Payments(configuration).UsesSandbox(environment.IsDevelopment()) && !IsEnabled(configuration, environment))
            throw new InvalidOperationException(
                $"{PortalOptions.Section}:Payments:Provider is Sandbox, but in the '{environment.EnvironmentName}' environment the Mollie sandbox is not mapped. " +
                (environment.IsProduction()
                    ? $"Set {PortalOptions.Section}:Payments:Provider to Mollie."
                    : $"Set {PortalOptions.Section}:Payments:Provider to Mollie, or {SandboxOptions.Section}:Enabled to true."));
    }

    public static IServiceCollection AddMollieSandbox(this IServiceCollection services)
    {
        // Where no money moves, time can be moved on (the app's one clock, so Portal and the sandbox agree on the day).
        services.AddSingleton(new SandboxTime(TimeProvider.System));
        services.AddSingleton<TimeProvider>(sp => sp.GetRequiredService<SandboxTime>());
        services.AddSingleton<SandboxStore>();
        services.AddSingleton<SandboxIdempotency>();
        services.AddSingleton<SandboxWebhooks>();
        services.AddHostedService<SandboxClock>();
        services.AddHttpClient(SandboxWebhooks.ClientName, c => c.Timeout = TimeSpan.FromSeconds(15));
        return services;
    }

    public static void MapMollieSandbox(this IEndpointRouteBuilder app)
    {
        app.MapSandboxApi();
        app.MapSandboxCheckout();
    }

    private static PortalOptions.PaymentsOptions Payments(IConfiguration configuration) =>
        (configuration.GetSection(PortalOptions.Section).Get<PortalOptions>() ?? new()).Payments;

    private static SandboxOptions Sandbox(IConfiguration configuration) =>
        configuration.GetSection(SandboxOptions.Section).Get<SandboxOptions>() ?? new();
}
