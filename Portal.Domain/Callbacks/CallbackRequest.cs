namespace Portal.Domain.Callbacks;

public enum CallbackStatus
{
    Requested,
    Done,
    Cancelled,
}

/// <summary>What the customer wants to talk about; the organisation's people see it before they call.</summary>
public enum CallbackTopic
{
    Payment,
    PaymentPlan,
    Invoice,
    Other,
}

/// <summary>
/// A customer's request to be called back in one of the organisation's slots. A customer has at most one that waits;
/// they may move it to another free slot or cancel it until the organisation marks it done.
/// </summary>
public class CallbackRequest
{
    public const int MaxOutcome = 500;

    private CallbackRequest() { }

    public CallbackRequest(Guid publicId, long organisationId, long customerId, CallbackTopic topic, string phone, string? language, CallbackSlot slot, DateTime nowUtc)
    {
        PublicId = publicId;
        OrganisationId = organisationId;
        CustomerId = customerId;
        Topic = topic;
        Phone = phone;
        Language = language;
        SlotStartUtc = slot.StartUtc;
        SlotEndUtc = slot.EndUtc;
        Status = CallbackStatus.Requested;
        CreatedAtUtc = nowUtc;
    }

    public long Id { get; private set; }
    public Guid PublicId { get; private set; }
    public long OrganisationId { get; private set; }
    public long CustomerId { get; private set; }
    public CallbackStatus Status { get; private set; }
    public CallbackTopic Topic { get; private set; }
    /// <summary>The number to call, in E.164: the organisation calls it, so it is kept whole.</summary>
    public string Phone { get; private set; } = "";
    /// <summary>The language the customer wants to speak (a two-letter code), when they said one.</summary>
    public string? Language { get; private set; }
    public DateTime SlotStartUtc { get; private set; }
    public DateTime SlotEndUtc { get; private set; }
    /// <summary>What came of the call, in the organisation's words.</summary>
    public string? Outcome { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
    public DateTime? EndedAtUtc { get; private set; }

    /// <summary>Moves a waiting call-back to another slot; false once it is done or cancelled.</summary>
    public bool Move(CallbackTopic topic, string phone, string? language, CallbackSlot slot)
    {
        if (Status != CallbackStatus.Requested) return false;
        (Topic, Phone, Language, SlotStartUtc, SlotEndUtc) = (topic, phone, language, slot.StartUtc, slot.EndUtc);
        return true;
    }

    public bool Cancel(DateTime nowUtc)
    {
        if (Status != CallbackStatus.Requested) return false;
        (Status, EndedAtUtc) = (CallbackStatus.Cancelled, nowUtc);
        return true;
    }

    public bool MarkDone(string? outcome, DateTime nowUtc)
    {
        if (Status != CallbackStatus.Requested) return false;
        (Status, Outcome, EndedAtUtc) = (CallbackStatus.Done, outcome, nowUtc);
        return true;
    }
}
