namespace Portal.Domain.Events;

/// <summary>An address of the organisation's where Portal sends its events, signed with the endpoint's secret.</summary>
public class WebhookEndpoint
{
    private WebhookEndpoint() { }

    public WebhookEndpoint(long organisationId, Uri url, string protectedSecret, long startAfterEventId, DateTime nowUtc)
    {
        Id = Guid.CreateVersion7(nowUtc);
        OrganisationId = organisationId;
        Url = url.ToString();
        ProtectedSecret = protectedSecret;
        LastQueuedEventId = startAfterEventId;
        CreatedAtUtc = nowUtc;
    }

    public Guid Id { get; private set; }
    public long OrganisationId { get; private set; }
    public string Url { get; private set; } = "";
    /// <summary>The signing secret, encrypted with the Data Protection key ring.</summary>
    public string ProtectedSecret { get; private set; } = "";
    /// <summary>Events up to this id have a delivery queued; new endpoints get events from their creation on.</summary>
    public long LastQueuedEventId { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
    public DateTime? DeletedAtUtc { get; private set; }

    public void Queued(long eventId) => LastQueuedEventId = Math.Max(LastQueuedEventId, eventId);

    public void Delete(DateTime nowUtc) => DeletedAtUtc ??= nowUtc;
}
