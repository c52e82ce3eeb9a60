using Portal.Api;
using Portal.Api.Http;
using Portal.Infrastructure;
using Portal.Sandbox;
using Portal.Web.Sandbox;
using Portal.Web.Customers;
using Portal.Web.Payments;
using Portal.Web.Setup;

// Admin commands run instead of the web host: `dotnet run --project Portal.Web -- audit verify`,
// `organisations create|list`, `api-keys create`.
if (AdminCommands.Matches(args))
{
    Environment.ExitCode = await AdminCommands.RunAsync(args, Console.Out);
    return;
}

var builder = WebApplication.CreateBuilder(args);
builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureEndpointDefaults(listen => listen.UseNullInPathAsReplacementCharacter()));

builder.Services.AddPortalInfrastructure(builder.Configuration, builder.Environment);
builder.Services.AddPortalApi();
builder.Services.AddPortalWeb(builder.Configuration, builder.Environment);
builder.Services.AddPortalRateLimits(builder.Configuration);
builder.Services.AddSecretRedaction();
builder.Services.AddPortalResponseCompression();

var app = builder.Build();
var roles = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<PortalOptions>>().Value;

await app.PreparePortalDatabaseAsync();

app.UsePortalErrorHandling();
app.UsePortalSecurityHeaders();
app.UsePortalResponseCompression();
app.UsePortalStaticFiles();
app.UsePortalLanguages();
app.UseRouting();
app.UseAuthentication();
app.UseFailedApiKeyLimit();
app.UseAuthorization();
app.UseRateLimiter();
app.UsePortalApiIdempotency();

app.MapPortalHealthChecks();
if (roles.HasRole("api"))
{
    app.MapPortalApi(RateLimits.Api);
    app.MapPortalApiDocs();
}
if (roles.HasRole("portal"))
{
    app.MapRazorPages().RequireRateLimiting(RateLimits.Pages);
    app.MapCustomerEndpoints();
    app.MapMollieWebhook();
}
if (SandboxSetup.IsEnabled(app.Configuration, app.Environment))
{
    app.MapMollieSandbox();
    app.MapSandboxDays();
}

app.PrintDemoDetailsOnStart();
app.Run();

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
