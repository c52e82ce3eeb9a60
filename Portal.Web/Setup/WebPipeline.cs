using System.Security.Cryptography;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Options;
using Portal.Infrastructure;
using Portal.Infrastructure.Database;
using Portal.Infrastructure.Demo;

namespace Portal.Web.Setup;

public static class WebPipeline
{
    public const string NonceItem = "csp-nonce";

    /// <summary>Checks the settings (as the host's start would, but before the database is touched), then migrates and seeds.</summary>
    public static async Task PreparePortalDatabaseAsync(this WebApplication app)
    {
        app.Services.GetService<IStartupValidator>()?.Validate();
        await PortalDatabase.MigrateAsync(app.Services);
        var options = app.Services.GetRequiredService<IOptions<PortalOptions>>().Value;
        if (options.Demo.Seed ?? app.Environment.IsDevelopment())
        {
            await using var scope = app.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().RunAsync();
        }
    }

    /// <summary>
    /// The API and the Mollie webhook answer problem+json: a machine reads them, and re-executing a POST through a
    /// customer's page is not meant for it. The customer's pages answer a page in plain words.
    /// </summary>
    public static void UsePortalErrorHandling(this WebApplication app)
    {
        app.UseWhen(IsForMachines, api =>
        {
            api.UseExceptionHandler();
            api.UseStatusCodePages();
        });
        app.UseWhen(c => !IsForMachines(c), pages =>
        {
            if (!app.Environment.IsDevelopment()) pages.UseExceptionHandler("/error/500");
            pages.UseStatusCodePagesWithReExecute("/error/{0}");
        });
        if (!app.Environment.IsDevelopment()) app.UseHsts();
    }

    public static void UsePortalSecurityHeaders(this WebApplication app) => app.Use(async (context, next) =>
    {
        var nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        context.Items[NonceItem] = nonce;
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            var path = context.Request.Path;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers.XFrameOptions = "DENY";
            headers.ContentSecurityPolicy = path.StartsWithSegments("/api/docs")
                ? "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
                : $"default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";
            if (!IsStaticAsset(path)) headers.CacheControl = "no-store";
            return Task.CompletedTask;
        });
        await next();
    });

    /// <summary>
    /// <c>?lang=en</c> on any page stores the choice in a cookie and reloads the page without the parameter,
    /// so the switch works without JavaScript and the choice holds on every later page. Only to a path on this site:
    /// <c>//host/</c> would send the browser elsewhere. The API's own parameters are its own.
    /// </summary>
    public static void UsePortalLanguages(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            var query = context.Request.Query;
            if (HttpMethods.IsGet(context.Request.Method) && !IsApiOrItsDocs(context) && query.TryGetValue(Languages.QueryName, out var value)
                && IsLocalPath(context.Request.PathBase + context.Request.Path))
            {
                var culture = Languages.Find(value);
                if (culture is not null)
                {
                    context.Response.Cookies.Append(Languages.CookieName,
                        CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                        new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true, Secure = context.Request.IsHttps, MaxAge = TimeSpan.FromDays(365) });
                }
                var rest = query.Where(q => q.Key != Languages.QueryName).SelectMany(q => q.Value.Select(v => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(v ?? "")}"));
                var queryString = string.Join('&', rest);
                context.Response.StatusCode = StatusCodes.Status303SeeOther;
                context.Response.Headers.Location = (context.Request.PathBase + context.Request.Path).ToUriComponent() + (queryString.Length > 0 ? "?" + queryString : "");
                return;
            }
            await next();
        });
        app.UseRequestLocalization();
    }

    public static void MapPortalHealthChecks(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") });
    }

    /// <summary>The API's documentation page, in a branch of its own: every other request skips its middleware.</summary>
    public static void MapPortalApiDocs(this WebApplication app) =>
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/api/docs"), docs => docs.UseSwaggerUI(o =>
        {
            o.RoutePrefix = "api/docs";
            o.DocumentTitle = "Portal ERP API";
            o.SwaggerEndpoint("/openapi/v1.json", "Portal ERP API v1");
        }));

    /// <summary>Prints the demo links and key on the console (never through the logger, so they stay out of log files).</summary>
    public static void PrintDemoDetailsOnStart(this WebApplication app) => app.Lifetime.ApplicationStarted.Register(() =>
    {
        var demo = app.Services.GetRequiredService<DemoLinks>();
        if (demo.ApiKey is null) return;
        var baseUrl = app.Urls.FirstOrDefault()?.Replace("127.0.0.1", "localhost").TrimEnd('/') ?? "http://localhost:5080";
        Console.WriteLine();
        Console.WriteLine($"Portal is running at {baseUrl} with the demo organisation '{DemoSeeder.OrganisationName}'.");
        foreach (var link in demo.Links) Console.WriteLine($"  Demo pay link, {link.CustomerName} ({link.Situation}): {baseUrl}{link.Path}");
        if (demo.LetterCode is { } letter)
            Console.WriteLine($"  Demo letter code, {letter.CustomerName}: {letter.Code} with postcode {letter.Postcode} at {baseUrl}/code");
        Console.WriteLine($"  Demo API key: {demo.ApiKey}");
        Console.WriteLine($"  API docs: {baseUrl}/api/docs   OpenAPI: {baseUrl}/openapi/v1.json");
        if (app.Environment.IsDevelopment())
            Console.WriteLine($"  Messages Portal keeps instead of sending (no mail server set): {baseUrl}/dev/outbox");
        Console.WriteLine();
    });

    private static bool IsApi(HttpContext c) =>
        c.Request.Path.StartsWithSegments("/api/v1") || c.Request.Path.StartsWithSegments("/openapi");

    private static bool IsForMachines(HttpContext c) => IsApi(c) || c.Request.Path.StartsWithSegments("/webhooks");

    private static bool IsApiOrItsDocs(HttpContext c) => IsApi(c) || c.Request.Path.StartsWithSegments("/api");

    /// <summary>A path a browser reads as on this site: not <c>//host</c>, nor <c>/\host</c>, which browsers read the same.</summary>
    private static bool IsLocalPath(PathString path) =>
        path.Value is ['/'] or ['/', not ('/' or '\\'), ..];

    /// <summary>
    /// Static files, with caching that fits them: a versioned asset (<c>?v=</c>, from asp-append-version) never changes
    /// under its address, so browsers keep it a year; anything else (the favicon) an hour.
    /// </summary>
    public static void UsePortalStaticFiles(this WebApplication app) =>
        app.UseStaticFiles(new StaticFileOptions
        {
            OnPrepareResponse = context => context.Context.Response.Headers.CacheControl =
                context.Context.Request.Query.ContainsKey("v") ? "public, max-age=31536000, immutable" : "public, max-age=3600",
        });

    private static bool IsStaticAsset(PathString path) =>
        path.StartsWithSegments("/css") || path.StartsWithSegments("/js") || path.StartsWithSegments("/api/docs")
        || path.StartsWithSegments("/brand") || path.StartsWithSegments("/favicon.ico");
}
