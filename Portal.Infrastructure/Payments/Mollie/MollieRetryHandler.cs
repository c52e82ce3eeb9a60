using System.Net;
using Microsoft.Extensions.Options;

namespace Portal.Infrastructure.Payments.Mollie;

/// <summary>
/// Retries Mollie calls that failed with 429, 5xx, a network error or a time-out, with exponential back-off that
/// honours Retry-After — but only when a retry cannot do anything twice: GET and DELETE, or a POST that carries
/// an Idempotency-Key.
/// </summary>
public sealed class MollieRetryHandler(IOptions<MollieOptions> options, TimeProvider clock) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var o = options.Value;
        var safe = request.Method == HttpMethod.Get || request.Method == HttpMethod.Delete
                   || request.Headers.Contains("Idempotency-Key");
        for (var attempt = 0; ; attempt++)
        {
            var retriesLeft = safe && attempt < o.MaxRetries;
            HttpResponseMessage response;
            using (var attemptTimeout = CancellationTokenSource.CreateLinkedTokenSource(ct))
            {
                attemptTimeout.CancelAfter(o.AttemptTimeout);
                try
                {
                    response = await base.SendAsync(request, attemptTimeout.Token);
                }
                catch (Exception e) when (retriesLeft && !ct.IsCancellationRequested && e is HttpRequestException or OperationCanceledException)
                {
                    await Task.Delay(Backoff(o, attempt, null), clock, ct);
                    continue;
                }
            }
            if (!retriesLeft || !IsTransient(response.StatusCode)) return response;
            var retryAfter = RetryAfter(response);
            response.Dispose();
            await Task.Delay(Backoff(o, attempt, retryAfter), clock, ct);
        }
    }

    private static bool IsTransient(HttpStatusCode status) => status == HttpStatusCode.TooManyRequests || (int)status >= 500;

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta) return delta;
        if (header?.Date is { } date) return date - clock.GetUtcNow();
        return null;
    }

    private static TimeSpan Backoff(MollieOptions o, int attempt, TimeSpan? retryAfter)
    {
        var exponential = TimeSpan.FromTicks(Math.Min(o.MaxRetryDelay.Ticks, o.RetryBaseDelay.Ticks << Math.Min(attempt, 20)));
        var wait = retryAfter is { } r && r > exponential ? r : exponential;
        return wait > o.MaxRetryDelay * 2 ? o.MaxRetryDelay * 2 : wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
    }
}
