namespace Portal.Domain.Messages;

/// <summary>Where a message is: waiting to be sent (also between retries), sent, or given up on with a reason.</summary>
public enum MessageStatus
{
    Queued,
    Sent,
    Failed,
}
