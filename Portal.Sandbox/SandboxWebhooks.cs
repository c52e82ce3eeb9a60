using System.Collections.Concurrent;

namespace Portal.Sandbox;

/// <summary>
/// Calls a payment's webhookUrl the way Mollie does: a form POST carrying only <c>id=tr_…</c>, retried on anything
/// but 200 at Mollie's intervals (1, 3, 7, 15, 31 minutes … after the change), divided by the configured time scale.
/// Keeps a log of attempts, and can flush what still waits for a retry, for tests that must not wait.
/// </summary>
public sealed class SandboxWebhooks(IHttpClientFactory clients, Microsoft.Extensions.Options.IOptions<SandboxOptions> options, TimeProvider clock, ILogger<SandboxWebhooks> logger)
{
    public const string ClientName = "MollieSandboxWebhooks";
    private static readonly int[] MinutesAfterChange = [0, 1, 3, 7, 15, 31, 60, 120, 240, 1560];
    private const int LogSize = 500;

    private readonly ConcurrentDictionary<string, Pending> _pending = new();
    private readonly ConcurrentQueue<Attempt> _log = new();

    /// <summary>One call of a webhook: where, for which payment, which try, and what came back (0 = no answer).</summary>
    public sealed record Attempt(string PaymentId, string Url, int Number, int Status, DateTimeOffset At);

    private sealed record Pending(string PaymentId, string Url)
    {
        public int Attempts;
    }

    public IReadOnlyList<Attempt> Log => _log.ToArray();

    /// <summary>The first attempt is awaited, so the customer returns from checkout after Portal has heard.</summary>
    public async Task<bool> DeliverAsync(SandboxPayment payment, CancellationToken ct = default)
    {
        var url = payment.Request.WebhookUrl;
        if (string.IsNullOrEmpty(url)) return true;
        var pending = new Pending(payment.Id, url);
        _pending[payment.Id] = pending;
        if (await TryAsync(pending, ct)) return true;
        var scale = options.Value.WebhookTimeScale;
        _ = Task.Run(async () =>
        {
            for (var step = 1; step < MinutesAfterChange.Length; step++)
            {
                await Task.Delay(TimeSpan.FromMinutes(MinutesAfterChange[step] - MinutesAfterChange[step - 1]) / scale);
                // Flushed, or overtaken by a newer change of the same payment: that one carries on.
                if (!_pending.TryGetValue(pending.PaymentId, out var current) || !ReferenceEquals(current, pending)) return;
                if (await TryAsync(pending, CancellationToken.None)) return;
            }
            _pending.TryRemove(new KeyValuePair<string, Pending>(pending.PaymentId, pending));
        });
        return false;
    }

    /// <summary>Tries every webhook still waiting for a retry now; answers how many were delivered.</summary>
    public async Task<int> FlushAsync(CancellationToken ct = default)
    {
        var delivered = 0;
        foreach (var pending in _pending.Values.ToList())
            if (await TryAsync(pending, ct)) delivered++;
        return delivered;
    }

    public int Waiting => _pending.Count;

    public void Reset()
    {
        _pending.Clear();
        _log.Clear();
    }

    private async Task<bool> TryAsync(Pending pending, CancellationToken ct)
    {
        var number = Interlocked.Increment(ref pending.Attempts);
        var status = 0;
        try
        {
            using var response = await clients.CreateClient(ClientName)
                .PostAsync(pending.Url, new FormUrlEncodedContent([new KeyValuePair<string, string>("id", pending.PaymentId)]), ct);
            status = (int)response.StatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            logger.LogWarning("Sandbox webhook for {PaymentId} failed: {Message}", pending.PaymentId, e.Message);
        }
        _log.Enqueue(new Attempt(pending.PaymentId, pending.Url, number, status, clock.GetUtcNow()));
        while (_log.Count > LogSize) _log.TryDequeue(out _);
        if (status != 200) return false;
        _pending.TryRemove(new KeyValuePair<string, Pending>(pending.PaymentId, pending));
        return true;
    }
}
