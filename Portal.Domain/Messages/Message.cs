namespace Portal.Domain.Messages;

/// <summary>
/// One message to one customer, written in the same transaction as what caused it (the outbox) and sent by the
/// delivery job. Its content is rendered when it is written — it holds the pay link, so it is stored encrypted —
/// and every attempt sends the same content under the same <see cref="Id"/> (the e-mail's Message-ID), so a repeat
/// after a crash between sending and marking is recognisable as the same message.
/// </summary>
public class Message
{
    /// <summary>Temporary failures are retried for at least a day before the message is given up on.</summary>
    public static readonly TimeSpan GiveUpAfter = TimeSpan.FromHours(25);

    private static readonly TimeSpan[] Backoff =
    [
        TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(30),
        TimeSpan.FromHours(1), TimeSpan.FromHours(2), TimeSpan.FromHours(4), TimeSpan.FromHours(8),
    ];

    private Message() { }

    public Message(long organisationId, long customerId, MessageKind kind, MessageChannel channel, string language, string recipient,
        string protectedContent, Guid? payLinkId, string? causeKey, DateTime nowUtc)
    {
        OrganisationId = organisationId;
        CustomerId = customerId;
        Kind = kind;
        Channel = channel;
        Language = language;
        Recipient = recipient;
        ProtectedContent = protectedContent;
        PayLinkId = payLinkId;
        CauseKey = causeKey;
        CreatedAtUtc = nowUtc;
        Status = MessageStatus.Queued;
        // A letter is not sent by Portal: the ERP fetches its PDF, prints and posts it.
        NextAttemptAtUtc = channel == MessageChannel.Letter ? null : nowUtc;
    }

    /// <summary>Given by the database; the e-mail's Message-ID is made from it, so it is the same at every attempt.</summary>
    public long Id { get; private set; }
    public long OrganisationId { get; private set; }
    public long CustomerId { get; private set; }
    public MessageKind Kind { get; private set; }
    public MessageChannel Channel { get; private set; }
    public string Language { get; private set; } = "nl";
    /// <summary>The e-mail address or E.164 number it goes to; for a letter, the customer's name.</summary>
    public string Recipient { get; private set; } = "";
    /// <summary>Subject, text and HTML as rendered, encrypted with the Data Protection key ring.</summary>
    public string ProtectedContent { get; private set; } = "";
    public Guid? PayLinkId { get; private set; }
    /// <summary>What caused it, such as <c>thank-you:{paymentId}</c>, unique per organisation: one cause, one message.</summary>
    public string? CauseKey { get; private set; }
    public MessageStatus Status { get; private set; }
    public int Attempts { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
    public DateTime? NextAttemptAtUtc { get; private set; }
    public DateTime? SentAtUtc { get; private set; }
    public DateTime? FailedAtUtc { get; private set; }
    public string? Failure { get; private set; }
    /// <summary>The receiving side refused the address itself (a bounce), not just this once.</summary>
    public bool Bounced { get; private set; }

    public bool IsDue(DateTime nowUtc) => Status == MessageStatus.Queued && NextAttemptAtUtc is { } next && next <= nowUtc;

    /// <summary>An attempt begins; it is stored before anything is sent, so a crash leaves a trace.</summary>
    public MessageAttempt BeginAttempt(DateTime nowUtc)
    {
        if (Id == 0) throw new InvalidOperationException("A message is stored before it is sent.");
        Attempts++;
        return new MessageAttempt(Id, Attempts, nowUtc);
    }

    public void Sent(MessageAttempt attempt, DateTime nowUtc)
    {
        attempt.Finish("sent", nowUtc);
        Status = MessageStatus.Sent;
        SentAtUtc = nowUtc;
        NextAttemptAtUtc = null;
        Failure = null;
    }

    /// <summary>A failure that may pass (a time-out, SMTP 4xx): try again later, with jitter in [0, 1).</summary>
    public void FailedForNow(MessageAttempt attempt, string reason, DateTime nowUtc, double jitter)
    {
        reason = Shorten(reason);
        attempt.Finish(reason, nowUtc);
        Failure = reason;
        if (nowUtc - CreatedAtUtc >= GiveUpAfter)
        {
            GiveUp($"Gave up after {Attempts} attempts: {reason}", bounced: false, nowUtc);
            return;
        }
        var wait = Backoff[Math.Min(Attempts - 1, Backoff.Length - 1)];
        NextAttemptAtUtc = nowUtc + wait * (0.8 + 0.4 * jitter);
    }

    /// <summary>A failure that will not pass (SMTP 5xx, an invalid number): recorded with its reason, not retried.</summary>
    public void FailedForGood(MessageAttempt attempt, string reason, bool bounced, DateTime nowUtc)
    {
        reason = Shorten(reason);
        attempt.Finish(reason, nowUtc);
        GiveUp(reason, bounced, nowUtc);
    }

    /// <summary>For a letter: the ERP has fetched it to print and post, which is as sent as Portal can see.</summary>
    public bool MarkLetterFetched(DateTime nowUtc)
    {
        if (Channel != MessageChannel.Letter || Status != MessageStatus.Queued) return false;
        Status = MessageStatus.Sent;
        SentAtUtc = nowUtc;
        return true;
    }

    private void GiveUp(string reason, bool bounced, DateTime nowUtc)
    {
        Status = MessageStatus.Failed;
        FailedAtUtc = nowUtc;
        NextAttemptAtUtc = null;
        Failure = reason;
        Bounced = bounced;
    }

    private static string Shorten(string reason) => reason.Length > 300 ? reason[..300] : reason;
}
