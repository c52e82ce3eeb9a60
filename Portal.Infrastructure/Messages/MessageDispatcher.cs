using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portal.Domain.Events;
using Portal.Domain.Messages;
using Portal.Infrastructure.Audit;
using Portal.Infrastructure.Database;

namespace Portal.Infrastructure.Messages;

/// <summary>
/// Sends what is due in the outbox, on the worker nodes. The send log comes first: each attempt is stored before its
/// message is handed over, and its outcome right after, so a crash in between leaves an unfinished attempt and the
/// next run sends that message again — under the same Message-ID — instead of losing it or guessing. The ERP hears
/// <c>message.sent</c> and <c>message.failed</c>.
/// </summary>
public class MessageDispatcher(PortalDbContext db, TimeProvider clock, MessageService messages, MessageChannels channels,
    IOptions<EmailOptions> email, IOptions<SmsOptions> sms, IHttpClientFactory http, AuditTrail audit, ILogger<MessageDispatcher> log)
    : Jobs.IScheduledWork
{
    private const int BatchSize = 100;
    private const int SaveEvery = 1;
    private const long DispatchLock = 7210003;

    Task Jobs.IScheduledWork.RunAsync(CancellationToken ct) => RunAsync(ct);

    /// <summary>
    /// Sends every message due now; returns how many were sent. When another run is already sending (the scheduled
    /// job, another node), this one leaves it to that run and answers 0.
    /// </summary>
    public async Task<int> RunAsync(CancellationToken ct = default) =>
        (await Jobs.RunAlone.RunAsync(db, DispatchLock, () => SendDueAsync(ct), ct)).Value;

    private async Task<int> SendDueAsync(CancellationToken ct)
    {
        var senders = new Dictionary<MessageChannel, IMessageSender>();
        var sent = 0;
        try
        {
            while (true)
            {
                var now = clock.GetUtcNow().UtcDateTime;
                var due = await db.Messages
                    .Where(m => m.Status == MessageStatus.Queued && m.NextAttemptAtUtc != null && m.NextAttemptAtUtc <= now)
                    .OrderBy(m => m.NextAttemptAtUtc).Take(BatchSize).ToListAsync(ct);
                if (due.Count == 0) break;
                var names = await NamesAsync(due, ct);
                var attempts = due.ToDictionary(m => m.Id, m => m.BeginAttempt(now));
                db.MessageAttempts.AddRange(attempts.Values);
                await db.SaveChangesAsync(ct);

                var recorded = 0;
                foreach (var message in due)
                {
                    var (customerName, customerRef, senderName) = names[message.Id];
                    if (!senders.TryGetValue(message.Channel, out var sender))
                        senders[message.Channel] = sender = SenderFor(message.Channel);
                    var outgoing = new OutgoingMessage(message.Id, message.Channel, message.Recipient, customerName, senderName,
                        message.Language, messages.Content(message), clock.GetUtcNow().UtcDateTime);
                    var outcome = await sender.SendAsync(outgoing, ct);
                    if (Record(message, attempts[message.Id], outcome, customerRef)) sent++;
                    if (message is { Channel: MessageChannel.Email, Bounced: true }) await AskToCheckEmailAsync(message, customerRef, ct);
                    // Each outcome is stored right after its send: a crash in between leaves one unfinished attempt, sent
                    // again under the same Message-ID, never a run of sent messages that go out a second time.
                    if (++recorded % SaveEvery == 0) await db.SaveChangesAsync(ct);
                }
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
                if (due.Count < BatchSize) break;
            }
        }
        finally
        {
            foreach (var sender in senders.Values) await sender.DisposeAsync();
        }
        return sent;
    }

    private bool Record(Message message, MessageAttempt attempt, SendOutcome outcome, string customerRef)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        switch (outcome.Result)
        {
            case SendResult.Sent:
                message.Sent(attempt, now);
                db.OutboxEvents.Add(OutboxEvent.Create(message.OrganisationId, EventCatalogue.MessageSent,
                    new MessageEventData(message.Id, customerRef, message.Kind.Name(), message.Channel.Name(), null, false), now));
                return true;
            case SendResult.TryAgain:
                message.FailedForNow(attempt, outcome.Reason ?? "failed", now, Random.Shared.NextDouble());
                log.LogWarning("Message {MessageId} by {Channel} not sent yet (attempt {Attempt}): {Reason}", message.Id, message.Channel, message.Attempts, outcome.Reason);
                break;
            default:
                message.FailedForGood(attempt, outcome.Reason ?? "refused", outcome.Bounced, now);
                break;
        }
        if (message.Status == MessageStatus.Failed)
        {
            db.OutboxEvents.Add(OutboxEvent.Create(message.OrganisationId, EventCatalogue.MessageFailed,
                new MessageEventData(message.Id, customerRef, message.Kind.Name(), message.Channel.Name(), message.Failure, message.Bounced), now));
            audit.Append(message.OrganisationId, "portal", "message.failed", "message", message.Id.ToString(), message.Bounced ? "bounced" : "failed");
        }
        return false;
    }

    /// <summary>
    /// An e-mail address that bounced: when a number is on file, a text message asks the customer to check it through
    /// their pay link. Once per bounced message; without a number (or SMS here) nothing more can be done by message.
    /// </summary>
    private async Task AskToCheckEmailAsync(Message bounced, string customerRef, CancellationToken ct) =>
        await messages.PrepareAsync(bounced.OrganisationId, customerRef,
            new MessageService.Request(MessageKind.CheckEmail, MessageChannel.Sms, CauseKey: $"check-email:{bounced.Id}"), "portal", ct);

    private IMessageSender SenderFor(MessageChannel channel) =>
        channels.Keeps(channel) ? new KeptMessageSender()
        : channel == MessageChannel.Sms ? new CmSmsSender(http.CreateClient(SmsOptions.ClientName), sms.Value)
        : new SmtpEmailSender(email.Value);

    private async Task<Dictionary<long, (string CustomerName, string CustomerRef, string SenderName)>> NamesAsync(List<Message> due, CancellationToken ct)
    {
        var ids = due.Select(m => m.Id).ToList();
        var rows = await db.Messages.AsNoTracking().Where(m => ids.Contains(m.Id))
            .Join(db.Customers, m => m.CustomerId, c => c.Id, (m, c) => new { m.Id, c.Name, c.CustomerRef, m.OrganisationId })
            .Join(db.Organisations, x => x.OrganisationId, o => o.Id, (x, o) => new { x.Id, x.Name, x.CustomerRef, Sender = o.SenderName ?? o.Name })
            .ToListAsync(ct);
        return rows.ToDictionary(r => r.Id, r => (r.Name, r.CustomerRef, r.Sender));
    }
}
