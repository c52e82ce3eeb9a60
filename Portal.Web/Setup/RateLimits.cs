using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Portal.Web.Setup;

/// <summary>
/// Limits that keep guessing and flooding out (ACCEPTANCE 24): opening pay links and the customer's pages per IP
/// address, the ERP API per key. Over the limit is 429 with Retry-After — never 503, which would tell a customer
/// the portal is broken.
/// </summary>
public static class RateLimits
{
    public const string PayLink = "pay-link";
    public const string Pages = "pages";
    public const string Api = "api";

    /// <summary><c>Portal:RateLimits</c>: requests per minute.</summary>
    public sealed class Options
    {
        public const string Section = "Portal:RateLimits";
        public bool Enabled { get; set; } = true;
        /// <summary>
        /// Pay-link opens per IP address: a person opens a few; guessing tokens needs millions. Generous, because many
        /// customers can share one address (a mobile network's NAT) on the morning the letters arrive.
        /// </summary>
        public int PayLinkOpensPerMinute { get; set; } = 60;
        public int PagesPerMinute { get; set; } = 600;
        public int ApiPerMinute { get; set; } = 3000;
    }

    public static IServiceCollection AddPortalRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(Options.Section).Get<Options>() ?? new Options();
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(PayLink, http => PerMinute(options, "ip:" + http.Connection.RemoteIpAddress, options.PayLinkOpensPerMinute));
            limiter.AddPolicy(Pages, http => PerMinute(options, "ip:" + http.Connection.RemoteIpAddress, options.PagesPerMinute));
            limiter.AddPolicy(Api, http => PerMinute(options, "key:" + KeyOf(http), options.ApiPerMinute));
            limiter.OnRejected = async (context, ct) =>
            {
                var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
                    ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
                    : 60;
                var http = context.HttpContext;
                http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                if (http.Request.Path.StartsWithSegments("/api"))
                    await Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests",
                        detail: $"This API key sent more than {options.ApiPerMinute} requests in a minute. Try again in {seconds} seconds.").ExecuteAsync(http);
                // Pages get the plain "Even wachten" page through the status code pages.
            };
        });
        return services;
    }

    private static RateLimitPartition<string> PerMinute(Options options, string partition, int permits) =>
        !options.Enabled
            ? RateLimitPartition.GetNoLimiter(partition)
            : RateLimitPartition.GetFixedWindowLimiter(partition, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = permits,
                Window = TimeSpan.FromMinutes(1),
                QueueLimit = 0,
            });

    /// <summary>A hash of the presented key, so the key itself is never kept in the limiter's memory.</summary>
    private static string KeyOf(HttpContext http)
    {
        string? authorization = http.Request.Headers.Authorization;
        if (string.IsNullOrEmpty(authorization)) return "none:" + http.Connection.RemoteIpAddress;
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(authorization)))[..32];
    }
}
