using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;

namespace Portal.Web.Setup;

/// <summary>
/// Pages, stylesheets and scripts go out compressed, Brotli first and gzip for clients that offer only that, so a
/// customer on a slow phone connection loads <c>/overview</c> in a few kilobytes.
/// </summary>
/// <remarks>
/// <para>
/// Why the middleware and not <c>MapStaticAssets</c>' build-time compression: pages are dynamic and need the middleware
/// anyway; <c>MapStaticAssets</c> makes Brotli files only at publish (a build, which the tests and <c>dotnet run</c> use,
/// gets gzip alone) and brings its own fingerprinting and caching, where the layout's <c>asp-append-version</c> and
/// <see cref="WebPipeline.UsePortalStaticFiles"/> already cache versioned assets for a year. Those assets are about 20 KB
/// together and a browser fetches them once a year, so compressing them per request costs little.
/// <see cref="CompressionLevel.Fastest"/>: the CPU is better spent on serving pages; the gain of a higher level is a few
/// hundred bytes.
/// </para>
/// <para>
/// Compressing over HTTPS (off by default because of BREACH) is safe here. BREACH recovers a secret from the size of
/// compressed responses that also reflect text the attacker chose. The secrets in a page are the antiforgery form token
/// and the CSP nonce, and both are new on every response (the form token is freshly protected each time, the nonce is
/// random), so no two responses share them to compare. No page reflects request input next to them: GET pages print
/// only what the database holds for the session (the transfer page shows only invoice numbers that are the customer's
/// own), and the one page that redisplays posted values, the pay form after a validation error, answers only a POST
/// with a valid antiforgery token, which a cross-site attacker cannot send (and the session cookie is SameSite=Lax, so a
/// cross-site POST does not carry it). The session cookie itself travels in headers, which this does not compress.
/// PNG or JPEG logos are not on the list below: they are compressed already.
/// </para>
/// </remarks>
public static class ResponseCompressionSetup
{
    /// <summary>What is worth compressing: text. Images other than SVG (the logo, the QR codes) are already compressed.</summary>
    public static readonly string[] MimeTypes =
        ["text/html", "text/css", "text/javascript", "application/javascript", "image/svg+xml"];

    public static IServiceCollection AddPortalResponseCompression(this IServiceCollection services)
    {
        services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true;
            o.MimeTypes = MimeTypes;
            // Brotli first: it wins when a browser offers both with equal weight.
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
        });
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        return services;
    }

    /// <summary>After the error handling, so an error page re-executed through the pipeline is compressed too.</summary>
    public static void UsePortalResponseCompression(this WebApplication app) => app.UseResponseCompression();
}
