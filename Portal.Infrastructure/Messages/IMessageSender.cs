using Portal.Domain.Messages;

namespace Portal.Infrastructure.Messages;

/// <summary>One way out of the process for messages (SMTP, an SMS gateway, or the development outbox). One instance per delivery run.</summary>
public interface IMessageSender : IAsyncDisposable
{
    Task<SendOutcome> SendAsync(OutgoingMessage message, CancellationToken ct);
}

/// <summary>A message as a sender needs it. <see cref="Id"/> is the same at every attempt (the e-mail's Message-ID).</summary>
public sealed record OutgoingMessage(long Id, MessageChannel Channel, string Recipient, string RecipientName, string SenderName,
    string Language, MessageTexts Content, DateTime NowUtc);

public enum SendResult
{
    Sent,
    /// <summary>It may work later: a time-out, a server that is down, SMTP 4xx.</summary>
    TryAgain,
    /// <summary>It will not work: SMTP 5xx, an invalid number.</summary>
    Refused,
}

public sealed record SendOutcome(SendResult Result, string? Reason = null, bool Bounced = false)
{
    public static readonly SendOutcome Sent = new(SendResult.Sent);
}
