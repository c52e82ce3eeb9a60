using Microsoft.EntityFrameworkCore;
using Portal.Domain.Messages;
using Portal.Domain.Verification;
using Portal.Infrastructure.Audit;
using Portal.Infrastructure.Customers;
using Portal.Infrastructure.Database;
using Portal.Infrastructure.Messages;

namespace Portal.Infrastructure.Verification;

/// <summary>
/// The step-up before anything binding: a code to a contact detail on file (<see cref="SendAsync"/>), typed back
/// (<see cref="VerifyAsync"/>), and then asked for by the step it was for (<see cref="IsVerifiedAsync"/>,
/// <see cref="UseAsync"/>). Codes belong to the session's pay link and a purpose, so a code for one step or one
/// session proves nothing elsewhere. The digits go only into the message; nothing logs them.
/// </summary>
public class OneTimeCodeService(PortalDbContext db, TimeProvider clock, MessageService messages, MessageChannels channels, AuditTrail audit,
    Microsoft.Extensions.Options.IOptions<OneTimeCodeOptions> options)
{
    /// <summary>A contact detail on file a code can go to, shown masked.</summary>
    public sealed record Contact(MessageChannel Channel, string Masked);

    /// <summary>The newest code of this session for a purpose.</summary>
    public sealed record Pending(MessageChannel Channel, string Masked, int TriesLeft, DateTime ExpiresAtUtc, bool Verified);

    public enum SendOutcome
    {
        Sent,
        /// <summary>Too many codes too fast: <see cref="SendResult.RetryAtUtc"/> says when.</summary>
        TooSoon,
        /// <summary>The customer has no such contact on file (any more), or the channel cannot send here.</summary>
        NoSuchContact,
    }

    public sealed record SendResult(SendOutcome Outcome, DateTime? RetryAtUtc = null);

    public async Task<IReadOnlyList<Contact>> ContactsAsync(CustomerScope scope, CancellationToken ct = default)
    {
        var customer = await db.Customers.AsNoTracking().Where(c => c.Id == scope.CustomerId && c.OrganisationId == scope.OrganisationId)
            .Select(c => new { c.Email, c.Phone }).FirstAsync(ct);
        var contacts = new List<Contact>();
        if (customer.Email is { } email && channels.Refusal(MessageChannel.Email) is null) contacts.Add(new(MessageChannel.Email, ContactMask.Email(email)));
        if (customer.Phone is { } phone && channels.Refusal(MessageChannel.Sms) is null) contacts.Add(new(MessageChannel.Sms, ContactMask.Phone(phone)));
        return contacts;
    }

    public async Task<SendResult> SendAsync(CustomerScope scope, string purpose, MessageChannel channel, CancellationToken ct = default)
    {
        if ((await ContactsAsync(scope, ct)).All(c => c.Channel != channel)) return new SendResult(SendOutcome.NoSuchContact);
        return await SendToAsync(scope, purpose, channel, null, ct);
    }

    /// <summary>
    /// A code to an e-mail address or number the customer gave instead of one on file, to prove it reaches them; the code
    /// remembers where it went, so only that address or number is proved. Counts against the same limits.
    /// </summary>
    public async Task<SendResult> SendToNewAsync(CustomerScope scope, string purpose, MessageChannel channel, string recipient, CancellationToken ct = default)
    {
        if (channel is not (MessageChannel.Email or MessageChannel.Sms) || channels.Refusal(channel) is not null) return new SendResult(SendOutcome.NoSuchContact);
        return await SendToAsync(scope, purpose, channel, recipient, ct);
    }

    /// <summary>The code of this session for a purpose, when it was proved, not used yet, and went to <paramref name="recipient"/>; null otherwise.</summary>
    public async Task<OneTimeCode?> ProvedForAsync(CustomerScope scope, string purpose, string? recipient, CancellationToken ct = default)
    {
        var code = await Newest(scope, purpose).FirstOrDefaultAsync(ct);
        return code is not null && code.IsVerifiedAt(clock.GetUtcNow().UtcDateTime) && (recipient is null || code.Recipient == recipient) ? code : null;
    }

    /// <summary>
    /// In one query, for each purpose: where this session's newest code went and whether it is proved and not used yet.
    /// A purpose without a code is left out.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, (string Recipient, bool Proved)>> NewestAsync(CustomerScope scope, IReadOnlyList<string> purposes,
        CancellationToken ct = default)
    {
        var recent = await db.OneTimeCodes.AsNoTracking()
            .Where(c => c.PayLinkId == scope.PayLinkId && c.CustomerId == scope.CustomerId && purposes.Contains(c.Purpose))
            .OrderByDescending(c => c.Id).Take(OneTimeCode.DefaultMaxPerHour * purposes.Count)
            .Select(c => new { c.Purpose, c.Recipient, c.VerifiedAtUtc, c.UsedAtUtc }).ToListAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        return recent.GroupBy(c => c.Purpose).ToDictionary(g => g.Key, g => g.First() is var c
            ? (c.Recipient, c is { VerifiedAtUtc: { } at, UsedAtUtc: null } && now < at + OneTimeCode.VerifiedFor) : default);
    }

    private async Task<SendResult> SendToAsync(CustomerScope scope, string purpose, MessageChannel channel, string? recipientGiven, CancellationToken ct)
    {
        var payLinkId = scope.PayLinkId ?? throw new InvalidOperationException("A one-time code is asked for in a customer's own session.");
        await using var transaction = await db.BeginWriteAsync(scope.OrganisationId, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var recent = await db.OneTimeCodes.AsNoTracking()
            .Where(c => c.CustomerId == scope.CustomerId && c.CreatedAtUtc > now - TimeSpan.FromHours(1))
            .Select(c => new { c.CreatedAtUtc, c.Recipient, c.Purpose }).ToListAsync(ct);
        var customer = await db.Customers.Where(c => c.Id == scope.CustomerId).Select(c => new { c.CustomerRef, c.Email, c.Phone }).FirstAsync(ct);
        var customerRef = customer.CustomerRef;
        // At most so many an hour for the customer, and a new one for the same step to the same address or number only
        // after a while: proving a new e-mail address right after the code to the one on file, or disputing an invoice
        // just after, is not "too soon".
        var to = recipientGiven ?? (channel == MessageChannel.Email ? customer.Email : customer.Phone);
        if ((OneTimeCode.NextAllowedAt([.. recent.Select(r => r.CreatedAtUtc)], now, TimeSpan.Zero, options.Value.MaxPerHour)
                ?? OneTimeCode.NextAllowedAt([.. recent.Where(r => r.Recipient == to && r.Purpose == purpose).Select(r => r.CreatedAtUtc)], now, options.Value.ResendAfter, int.MaxValue))
            is { } retryAt)
            return new SendResult(SendOutcome.TooSoon, retryAt);

        var queued = await messages.PrepareAsync(scope.OrganisationId, customerRef, new MessageService.Request(MessageKind.OneTimeCode, channel,
            Code: null, Recipient: recipientGiven), scope.Actor, ct, codeFor: (recipient, at) =>
            {
                var code = OneTimeCode.Issue(scope.OrganisationId, scope.CustomerId, payLinkId, purpose, channel, recipient, at, out var digits);
                db.OneTimeCodes.Add(code);
                return digits;
            });
        if (queued.Message is null) return new SendResult(SendOutcome.NoSuchContact);
        audit.Append(scope.OrganisationId, scope.Actor, "one_time_code.sent", "one_time_code", purpose, channel.Name());
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new SendResult(SendOutcome.Sent);
    }

    public async Task<Pending?> PendingAsync(CustomerScope scope, string purpose, CancellationToken ct = default)
    {
        var code = await Newest(scope, purpose).AsNoTracking().FirstOrDefaultAsync(ct);
        return code is null ? null
            : new Pending(code.Channel, ContactMask.Of(code.Channel, code.Recipient), code.TriesLeft, code.ExpiresAtUtc, code.VerifiedAtUtc is not null);
    }

    /// <summary>Checks what the customer typed against this session's newest code for the purpose; null when there is none.</summary>
    public async Task<(CodeCheck Check, int TriesLeft)?> VerifyAsync(CustomerScope scope, string purpose, string entered, CancellationToken ct = default)
    {
        // One check at a time per organisation, so parallel guesses cannot take more than five tries between them.
        await using var transaction = await db.BeginWriteAsync(scope.OrganisationId, ct);
        var code = await Newest(scope, purpose).FirstOrDefaultAsync(ct);
        if (code is null) return null;
        var check = code.Check(entered, clock.GetUtcNow().UtcDateTime);
        if (check is CodeCheck.Verified or CodeCheck.Wrong or CodeCheck.NoTriesLeft)
        {
            audit.Append(scope.OrganisationId, scope.Actor, check == CodeCheck.Verified ? "one_time_code.verified" : "one_time_code.wrong",
                "one_time_code", purpose, check == CodeCheck.NoTriesLeft ? "no tries left" : "ok");
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        return (check, code.TriesLeft);
    }

    /// <summary>Whether this session proved it is the customer for this purpose in the last fifteen minutes, with a code not yet used.</summary>
    public async Task<bool> IsVerifiedAsync(CustomerScope scope, string purpose, CancellationToken ct = default)
    {
        var code = await Newest(scope, purpose).AsNoTracking().FirstOrDefaultAsync(ct);
        return code?.IsVerifiedAt(clock.GetUtcNow().UtcDateTime) == true;
    }

    /// <summary>The step happened: the code it was proved with cannot prove another. False when there was no such proof.</summary>
    public async Task<bool> UseAsync(CustomerScope scope, string purpose, CancellationToken ct = default)
    {
        var code = await Newest(scope, purpose).FirstOrDefaultAsync(ct);
        if (code is null || !code.Use(clock.GetUtcNow().UtcDateTime)) return false;
        await db.SaveChangesAsync(ct);
        return true;
    }

    private IQueryable<OneTimeCode> Newest(CustomerScope scope, string purpose) =>
        db.OneTimeCodes.Where(c => c.PayLinkId == scope.PayLinkId && c.CustomerId == scope.CustomerId && c.Purpose == purpose)
            .OrderByDescending(c => c.Id);
}
