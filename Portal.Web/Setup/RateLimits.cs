using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.RateLimiting;
using Portal.Api.Auth;
using Portal.Infrastructure.Settings;

namespace Portal.Web.Setup;

/// <summary>
/// Limits that keep guessing and flooding out (ACCEPTANCE 24): opening pay links, the customer's pages and Mollie's
/// webhook per IP address, the ERP API per key, and wrong or missing API keys per IP address. Over the limit is 429
/// with Retry-After — never 503, which would tell a customer the portal is broken.
/// </summary>
public static class RateLimits
{
    public const string PayLink = "pay-link";
    public const string Pages = "pages";
    public const string Api = "api";
    public const string MollieWebhook = "mollie-webhook";

    /// <summary><c>Portal:RateLimits</c>: requests per minute.</summary>
    public sealed class Options : ICheckedOptions
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
        /// <summary>
        /// API calls with a wrong or missing key per IP address. An ERP with its key never spends these; a loop that
        /// guesses keys runs out at once. Tight, and once spent the address gets 429 for the rest of the minute even
        /// with a right key, so the loop cannot tell a hit.
        /// </summary>
        public int ApiFailedAuthPerMinute { get; set; } = 10;
        /// <summary>
        /// Mollie's webhook calls per IP address. Generous: Mollie sends a burst when many payments change at once (a
        /// morning's collections). Limited at all because each call makes Portal ask Mollie for the payment.
        /// </summary>
        public int MollieWebhooksPerMinute { get; set; } = 1200;

        public IEnumerable<string> Problems() =>
            new[]
            {
                (nameof(PayLinkOpensPerMinute), PayLinkOpensPerMinute), (nameof(PagesPerMinute), PagesPerMinute), (nameof(ApiPerMinute), ApiPerMinute),
                (nameof(ApiFailedAuthPerMinute), ApiFailedAuthPerMinute), (nameof(MollieWebhooksPerMinute), MollieWebhooksPerMinute),
            }.Where(limit => limit.Item2 < 1).Select(limit =>
                $"{Section}:{limit.Item1} is {limit.Item2}; it must be a whole number of 1 or more (to switch the limits off, set {Section}:Enabled to false).");
    }

    public static IServiceCollection AddPortalRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var options = services.AddPortalOptions<Options>(configuration, Options.Section);
        services.AddSingleton(_ => new FailedApiKeys(options));
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(PayLink, http => PerMinute(options, "ip:" + http.Connection.RemoteIpAddress, options.PayLinkOpensPerMinute));
            limiter.AddPolicy(Pages, http => PerMinute(options, "ip:" + http.Connection.RemoteIpAddress, options.PagesPerMinute));
            limiter.AddPolicy(Api, http => PerMinute(options, KeyOf(http), options.ApiPerMinute));
            limiter.AddPolicy(MollieWebhook, http => PerMinute(options, "ip:" + http.Connection.RemoteIpAddress, options.MollieWebhooksPerMinute));
            limiter.OnRejected = async (context, ct) =>
            {
                var http = context.HttpContext;
                var seconds = AnswerTooMany(http, context.Lease);
                if (http.Request.Path.StartsWithSegments("/api"))
                    await TooManyProblem(http, $"This API key sent more than {options.ApiPerMinute} requests in a minute. Try again in {seconds} seconds.");
                // Mollie only reads the status (and retries); no page for it, which would be rendered for its POST.
                else if (http.Request.Path.StartsWithSegments("/webhooks") && http.Features.Get<IStatusCodePagesFeature>() is { } pages)
                    pages.Enabled = false;
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

    /// <summary>
    /// The authenticated key (the authorization middleware has set the user by now), so <c>bearer KEY</c> and
    /// <c>Bearer  KEY</c> count as the one key they are.
    /// </summary>
    private static string KeyOf(HttpContext http) =>
        http.User.FindFirst(ApiKeyAuthenticationHandler.KeyIdClaim)?.Value is { } keyId ? "key:" + keyId : "ip:" + http.Connection.RemoteIpAddress;

    /// <summary>
    /// Counts API calls answered 401 per IP address, and answers 429 without trying the key once the address has
    /// spent <see cref="Options.ApiFailedAuthPerMinute"/>. It wraps authorization, which answers 401 before the
    /// per-key limit ever sees the call, so it comes before <c>UseAuthorization</c>.
    /// </summary>
    public static void UseFailedApiKeyLimit(this WebApplication app) =>
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/api/v1"), api => api.Use(async (http, next) =>
        {
            var failed = http.RequestServices.GetRequiredService<FailedApiKeys>();
            var address = "ip:" + http.Connection.RemoteIpAddress;
            using (var room = failed.Check(address))
            {
                if (!room.IsAcquired)
                {
                    var seconds = AnswerTooMany(http, room);
                    await TooManyProblem(http, $"Too many calls from your address had a wrong or missing API key. Try again in {seconds} seconds.");
                    return;
                }
            }
            await next(http);
            if (http.Response.StatusCode == StatusCodes.Status401Unauthorized) failed.Count(address);
        }));

    /// <summary>The wrong-or-missing-key budget of each IP address.</summary>
    public sealed class FailedApiKeys(Options options) : IDisposable
    {
        private readonly PartitionedRateLimiter<string> _limiter =
            PartitionedRateLimiter.Create<string, string>(address => PerMinute(options, address, options.ApiFailedAuthPerMinute));

        /// <summary>Acquired when the address has failures left; takes none of them.</summary>
        public RateLimitLease Check(string address) => _limiter.AttemptAcquire(address, 0);

        public void Count(string address) => _limiter.AttemptAcquire(address).Dispose();

        public void Dispose() => _limiter.Dispose();
    }

    /// <summary>Sets 429 and Retry-After from the refused lease; returns the seconds to wait.</summary>
    private static int AnswerTooMany(HttpContext http, RateLimitLease lease)
    {
        var seconds = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
            : 60;
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return seconds;
    }

    private static Task TooManyProblem(HttpContext http, string detail) =>
        Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests", detail: detail).ExecuteAsync(http);
}
