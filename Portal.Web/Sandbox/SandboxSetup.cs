namespace Portal.Web.Sandbox;

/// <summary>The Mollie sandbox is mapped in Development and tests when Portal:Payments:Provider is Sandbox; never in Production.</summary>
public static class SandboxSetup
{
    public static bool IsEnabled(IConfiguration configuration, IHostEnvironment environment) =>
        !environment.IsProduction()
        && (configuration.GetSection(Portal.Infrastructure.PortalOptions.Section).Get<Portal.Infrastructure.PortalOptions>() ?? new())
            .Payments.UsesSandbox(environment.IsDevelopment());

    public static IServiceCollection AddMollieSandbox(this IServiceCollection services)
    {
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
}
