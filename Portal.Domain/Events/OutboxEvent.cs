namespace Portal.Domain.Events;

/// <summary>
/// Something the ERP should learn (payment.paid, invoice.paid, …), written in the same transaction as the change
/// it describes, then read from the feed and delivered by webhook.
/// </summary>
public class OutboxEvent
{
    private OutboxEvent() { }

    public OutboxEvent(long organisationId, string type, string payloadJson, DateTime occurredAtUtc)
    {
        OrganisationId = organisationId;
        Type = type;
        PayloadJson = payloadJson;
        OccurredAtUtc = occurredAtUtc;
    }

    public long Id { get; private set; }
    public long OrganisationId { get; private set; }
    public string Type { get; private set; } = "";
    public string PayloadJson { get; private set; } = "";
    public DateTime OccurredAtUtc { get; private set; }
}
