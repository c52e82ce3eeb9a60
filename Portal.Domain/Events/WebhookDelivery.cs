namespace Portal.Domain.Events;

/// <summary>
/// One event on its way to one endpoint. Every attempt carries the same webhook-id; failures back off
/// exponentially with jitter, and Portal keeps trying for at least a day before it gives up.
/// </summary>
public class WebhookDelivery
{
    public static readonly TimeSpan GiveUpAfter = TimeSpan.FromHours(26);
    private static readonly TimeSpan[] Backoff =
    [
        TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(30),
        TimeSpan.FromHours(1), TimeSpan.FromHours(2), TimeSpan.FromHours(4), TimeSpan.FromHours(8), TimeSpan.FromHours(12),
    ];

    private WebhookDelivery() { }

    public WebhookDelivery(Guid endpointId, long eventId, DateTime nowUtc)
    {
        EndpointId = endpointId;
        EventId = eventId;
        WebhookId = $"msg_{eventId}";
        CreatedAtUtc = nowUtc;
        NextAttemptAtUtc = nowUtc;
    }

    public long Id { get; private set; }
    public Guid EndpointId { get; private set; }
    public long EventId { get; private set; }
    public string WebhookId { get; private set; } = "";
    public int Attempts { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
    public DateTime? NextAttemptAtUtc { get; private set; }
    public DateTime? DeliveredAtUtc { get; private set; }
    public DateTime? GaveUpAtUtc { get; private set; }
    public string? LastResult { get; private set; }

    public void Succeeded(int status, DateTime nowUtc)
    {
        Attempts++;
        DeliveredAtUtc = nowUtc;
        NextAttemptAtUtc = null;
        LastResult = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Stops trying without sending again: the organisation deleted the endpoint.</summary>
    public void Abandon(string reason, DateTime nowUtc)
    {
        GaveUpAtUtc = nowUtc;
        NextAttemptAtUtc = null;
        LastResult = reason;
    }

    /// <summary>Schedules the next try; <paramref name="jitter"/> is a number in [0, 1).</summary>
    public void Failed(string result, DateTime nowUtc, double jitter)
    {
        Attempts++;
        LastResult = result.Length > 200 ? result[..200] : result;
        if (nowUtc - CreatedAtUtc >= GiveUpAfter)
        {
            GaveUpAtUtc = nowUtc;
            NextAttemptAtUtc = null;
            return;
        }
        var wait = Backoff[Math.Min(Attempts - 1, Backoff.Length - 1)];
        NextAttemptAtUtc = nowUtc + wait * (0.8 + 0.4 * jitter);
    }
}
