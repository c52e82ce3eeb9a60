using System.Text.Json;

namespace Portal.Domain.Events;

/// <summary>
/// Something the ERP should learn (payment.paid, invoice.paid, …), written in the same transaction as the change
/// it describes, then read from the feed and delivered by webhook.
/// </summary>
public class OutboxEvent
{
    /// <summary>How <c>data</c> is written: camelCase, as the rest of the API.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private OutboxEvent() { }

    private OutboxEvent(long organisationId, string type, string payloadJson, DateTime occurredAtUtc)
    {
        OrganisationId = organisationId;
        Type = type;
        PayloadJson = payloadJson;
        OccurredAtUtc = occurredAtUtc;
    }

    /// <summary>An event of a type from <see cref="EventCatalogue"/>, with the data that type carries.</summary>
    public static OutboxEvent Create<TPayload>(long organisationId, EventType<TPayload> type, TPayload data, DateTime occurredAtUtc)
        where TPayload : notnull =>
        new(organisationId, type.Name, JsonSerializer.Serialize(data, Json), occurredAtUtc);

    public long Id { get; private set; }
    public long OrganisationId { get; private set; }
    public string Type { get; private set; } = "";
    public string PayloadJson { get; private set; } = "";
    public DateTime OccurredAtUtc { get; private set; }
}
