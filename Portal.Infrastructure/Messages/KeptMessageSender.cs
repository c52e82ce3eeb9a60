namespace Portal.Infrastructure.Messages;

/// <summary>
/// The development outbox: nothing leaves the machine. The message is already stored with its content, so "sending"
/// it is marking it sent; the development outbox page shows it, its link included.
/// </summary>
public sealed class KeptMessageSender : IMessageSender
{
    public Task<SendOutcome> SendAsync(OutgoingMessage message, CancellationToken ct) => Task.FromResult(SendOutcome.Sent);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
