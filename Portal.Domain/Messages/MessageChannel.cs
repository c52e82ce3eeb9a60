namespace Portal.Domain.Messages;

/// <summary>How a message reaches the customer.</summary>
public enum MessageChannel
{
    Email,
    Sms,
    Letter,
}
