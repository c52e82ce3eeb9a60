namespace Portal.Web.Sandbox;

/// <summary>
/// Calls a payment's webhookUrl the way Mollie does: a form POST carrying only <c>id=tr_…</c>, retried on anything
/// but 200 at Mollie's intervals (1, 3, 7, 15, 31 minutes … after the change), divided by the configured time scale.
/// </summary>
public sealed class SandboxWebhooks(IHttpClientFactory clients, IConfiguration configuration, ILogger<SandboxWebhooks> logger)
{
    public const string ClientName = "MollieSandboxWebhooks";
    private static readonly int[] MinutesAfterChange = [0, 1, 3, 7, 15, 31, 60, 120, 240, 1560];

    /// <summary>The first attempt is awaited, so the customer returns from checkout after Portal has heard.</summary>
    public async Task<bool> DeliverAsync(SandboxPayment payment, CancellationToken ct = default)
    {
        var url = payment.Request.WebhookUrl;
        if (string.IsNullOrEmpty(url)) return true;
        if (await TryOnceAsync(payment.Id, url, ct)) return true;
        var scale = configuration.GetValue("Portal:Payments:Sandbox:WebhookTimeScale", 60.0);
        _ = Task.Run(async () =>
        {
            for (var attempt = 1; attempt < MinutesAfterChange.Length; attempt++)
            {
                var wait = TimeSpan.FromMinutes(MinutesAfterChange[attempt] - MinutesAfterChange[attempt - 1]) / scale;
                await Task.Delay(wait);
                if (await TryOnceAsync(payment.Id, url, CancellationToken.None)) return;
            }
        });
        return false;
    }

    private async Task<bool> TryOnceAsync(string id, string url, CancellationToken ct)
    {
        try
        {
            using var response = await clients.CreateClient(ClientName)
                .PostAsync(url, new FormUrlEncodedContent([new KeyValuePair<string, string>("id", id)]), ct);
            return response.StatusCode == System.Net.HttpStatusCode.OK;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            logger.LogWarning("Sandbox webhook for {PaymentId} failed: {Message}", id, e.Message);
            return false;
        }
    }
}
