namespace Portal.Domain.Messages;

/// <summary>
/// The send log: one row per attempt, stored before the attempt and finished after it. An attempt without an end is
/// one a crash interrupted; the next attempt sends the same message again under the same Message-ID.
/// </summary>
public class MessageAttempt
{
    private MessageAttempt() { }

    internal MessageAttempt(long messageId, int number, DateTime startedAtUtc)
    {
        MessageId = messageId;
        Number = number;
        StartedAtUtc = startedAtUtc;
    }

    public long Id { get; private set; }
    public long MessageId { get; private set; }
    public int Number { get; private set; }
    public DateTime StartedAtUtc { get; private set; }
    public DateTime? FinishedAtUtc { get; private set; }
    public string? Result { get; private set; }

    internal void Finish(string result, DateTime nowUtc)
    {
        Result = result;
        FinishedAtUtc = nowUtc;
    }
}
