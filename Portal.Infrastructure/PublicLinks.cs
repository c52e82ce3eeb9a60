using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Portal.Infrastructure;

/// <summary>
/// Every absolute address Portal hands out — pay links, their QR codes on letters and printed invoices, the redirect
/// and webhook URLs it gives Mollie — starts here, so they all point at <c>Portal:PublicBaseUrl</c> when it is set:
/// behind a proxy the request's own host is an internal name nobody outside can open. Without it, the address of
/// the request.
/// </summary>
public sealed class PublicLinks(IOptions<PortalOptions> options, IHttpContextAccessor http, Microsoft.Extensions.Configuration.IConfiguration configuration)
{
    /// <summary>
    /// The base for work that may run outside a request (a message written by a job): the current request's when there
    /// is one, else <c>Portal:PublicBaseUrl</c>, else the first address Portal listens on.
    /// </summary>
    public string BaseUrl() =>
        http.HttpContext?.Request is { } request ? BaseUrl(request)
        : !string.IsNullOrEmpty(options.Value.PublicBaseUrl) ? options.Value.PublicBaseUrl.TrimEnd('/')
        : (configuration["Urls"]?.Split(';')[0] ?? "http://localhost:5080").TrimEnd('/');

    public string PayLink(string token) => BaseUrl() + "/p/" + token;

    /// <summary>Where a letter code is typed in, as a letter prints it.</summary>
    public string LetterCodePage() => BaseUrl() + "/code";

    public string BaseUrl(HttpRequest request) =>
        string.IsNullOrEmpty(options.Value.PublicBaseUrl)
            ? $"{request.Scheme}://{request.Host}{request.PathBase}"
            : options.Value.PublicBaseUrl.TrimEnd('/');

    /// <summary>An absolute URL for a path on this site, such as <c>/pay/return</c>.</summary>
    public string To(HttpRequest request, string path) => BaseUrl(request) + path;

    public string PayLink(HttpRequest request, string token) => To(request, "/p/" + token);
}
