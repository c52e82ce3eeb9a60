using Microsoft.EntityFrameworkCore;
using Portal.Domain.Customers;
using Portal.Domain.Events;
using Portal.Domain.Messages;
using Portal.Domain.Verification;
using Portal.Infrastructure.Audit;
using Portal.Infrastructure.Database;
using Portal.Infrastructure.Messages;
using Portal.Infrastructure.Verification;

namespace Portal.Infrastructure.Customers;

/// <summary>
/// The customer changes their own contact details: only after a one-time code to a contact already on file
/// (purpose <see cref="Purpose"/>), and a new e-mail address or number only once a code sent to it came back
/// (<see cref="NewEmailPurpose"/>, <see cref="NewPhonePurpose"/>). The change is stored with what it replaced, so the
/// ERP hears it (<c>customer.contact_changed</c>) and a later update that still carries the old values does not undo it.
/// </summary>
public class ContactChangeService(PortalDbContext db, TimeProvider clock, AuditTrail audit, OneTimeCodeService codes, MessageChannels channels)
{
    public const string Purpose = "contact-details";
    public const string NewEmailPurpose = "contact-new-email";
    public const string NewPhonePurpose = "contact-new-phone";

    /// <param name="Verified">The session proved it is the customer in the last fifteen minutes with a code not yet used.</param>
    /// <param name="Channels">The channels messages can go by here, for the choice of how to hear from the organisation.</param>
    public sealed record ContactForm(ContactDetails Current, bool Verified, IReadOnlyList<MessageChannel> Channels);

    public enum Outcome
    {
        Saved,
        NothingChanged,
        /// <summary>No proof any more (the fifteen minutes passed, or it was used): start with a code again.</summary>
        NotVerified,
        /// <summary>A code went to each new e-mail address or number; the change waits for them.</summary>
        CodesSent,
        /// <summary>Too many codes too fast; <see cref="Result.RetryAtUtc"/> says when.</summary>
        TooSoon,
        /// <summary>A new address or number is not yet proved by its code.</summary>
        NewNotProved,
    }

    public sealed record Result(Outcome Outcome, IReadOnlyList<string> Changed, DateTime? RetryAtUtc = null);

    /// <summary>The page's one query: the details on file and whether this session proved it is the customer.</summary>
    public async Task<ContactForm> FormAsync(CustomerScope scope, CancellationToken ct = default)
    {
        var row = await db.Customers.AsNoTracking().Where(c => c.Id == scope.CustomerId && c.OrganisationId == scope.OrganisationId)
            .Select(c => new
            {
                c.Email, c.Phone, c.Address, c.Language, c.PreferredChannel,
                // The session's newest code for this step, as two scalars (SQLite has no APPLY).
                VerifiedAt = db.OneTimeCodes.Where(o => o.PayLinkId == scope.PayLinkId && o.CustomerId == scope.CustomerId && o.Purpose == Purpose)
                    .OrderByDescending(o => o.Id).Select(o => o.VerifiedAtUtc).FirstOrDefault(),
                UsedAt = db.OneTimeCodes.Where(o => o.PayLinkId == scope.PayLinkId && o.CustomerId == scope.CustomerId && o.Purpose == Purpose)
                    .OrderByDescending(o => o.Id).Select(o => o.UsedAtUtc).FirstOrDefault(),
            }).FirstAsync(ct);
        var verified = row is { VerifiedAt: { } at, UsedAt: null } && clock.GetUtcNow().UtcDateTime < at + OneTimeCode.VerifiedFor;
        return new ContactForm(new ContactDetails(row.Email, row.Phone, row.Address, row.Language, row.PreferredChannel), verified, Available());
    }

    /// <summary>The channels a customer can choose to hear from the organisation by.</summary>
    public IReadOnlyList<MessageChannel> Available() =>
        [.. new[] { MessageChannel.Email, MessageChannel.Sms, MessageChannel.Letter }.Where(c => channels.Refusal(c) is null)];

    /// <summary>
    /// The customer's new details, already checked for form: saved at once when no new e-mail address or number is among
    /// them, otherwise a code goes to each new one and the change waits for <see cref="ConfirmAsync"/>.
    /// </summary>
    public async Task<Result> ChangeAsync(CustomerScope scope, ContactDetails wanted, CancellationToken ct = default)
    {
        var form = await FormAsync(scope, ct);
        if (!form.Verified) return new Result(Outcome.NotVerified, []);
        var changed = wanted.ChangedFrom(form.Current);
        if (changed.Count == 0) return new Result(Outcome.NothingChanged, []);
        var toProve = NewContacts(form.Current, wanted);
        if (toProve.Count == 0) return await SaveAsync(scope, wanted, ct);
        foreach (var (purpose, channel, recipient) in toProve)
        {
            var sent = await codes.SendToNewAsync(scope, purpose, channel, recipient, ct);
            if (sent.Outcome == OneTimeCodeService.SendOutcome.TooSoon) return new Result(Outcome.TooSoon, changed, sent.RetryAtUtc);
            if (sent.Outcome != OneTimeCodeService.SendOutcome.Sent) return new Result(Outcome.NewNotProved, changed);
        }
        return new Result(Outcome.CodesSent, changed);
    }

    /// <summary>Sends the codes for the new e-mail address or number again (the first did not arrive, or ran out of tries).</summary>
    public async Task<Result> ResendAsync(CustomerScope scope, ContactDetails wanted, CancellationToken ct = default)
    {
        var form = await FormAsync(scope, ct);
        if (!form.Verified) return new Result(Outcome.NotVerified, []);
        foreach (var (purpose, channel, recipient) in NewContacts(form.Current, wanted))
        {
            if (await codes.ProvedForAsync(scope, purpose, recipient, ct) is not null) continue;
            var sent = await codes.SendToNewAsync(scope, purpose, channel, recipient, ct);
            if (sent.Outcome == OneTimeCodeService.SendOutcome.TooSoon) return new Result(Outcome.TooSoon, [], sent.RetryAtUtc);
        }
        return new Result(Outcome.CodesSent, []);
    }

    /// <summary>Saves the change once every new e-mail address or number it holds was proved by its code.</summary>
    public Task<Result> ConfirmAsync(CustomerScope scope, ContactDetails wanted, CancellationToken ct = default) => SaveAsync(scope, wanted, ct);

    /// <summary>What a change must prove first: each new e-mail address or number, by a code sent to it.</summary>
    public static IReadOnlyList<(string Purpose, MessageChannel Channel, string Recipient)> NewContacts(ContactDetails current, ContactDetails wanted)
    {
        var list = new List<(string, MessageChannel, string)>();
        if (wanted.Email is { } email && email != current.Email) list.Add((NewEmailPurpose, MessageChannel.Email, email));
        if (wanted.Phone is { } phone && phone != current.Phone) list.Add((NewPhonePurpose, MessageChannel.Sms, phone));
        return list;
    }

    /// <summary>
    /// In one transaction: the proofs checked again and used up (the code to a contact on file, and one per new address
    /// or number, each for exactly that address), the customer changed, the audit record and the event.
    /// </summary>
    private async Task<Result> SaveAsync(CustomerScope scope, ContactDetails wanted, CancellationToken ct)
    {
        await using var transaction = await db.BeginWriteAsync(scope.OrganisationId, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var customer = await db.Customers.FirstAsync(c => c.Id == scope.CustomerId && c.OrganisationId == scope.OrganisationId, ct);
        var proof = await codes.ProvedForAsync(scope, Purpose, null, ct);
        if (proof is null) return new Result(Outcome.NotVerified, []);
        var proofs = new List<OneTimeCode> { proof };
        foreach (var (purpose, _, recipient) in NewContacts(customer.Contact, wanted))
        {
            if (await codes.ProvedForAsync(scope, purpose, recipient, ct) is not { } code) return new Result(Outcome.NewNotProved, []);
            proofs.Add(code);
        }
        var changed = customer.ChangeContact(wanted, now);
        if (changed.Count == 0) return new Result(Outcome.NothingChanged, []);
        foreach (var code in proofs) code.Use(now);
        audit.Append(scope.OrganisationId, scope.Actor, "customer.contact_changed", "customer", customer.CustomerRef, string.Join(", ", changed));
        var address = customer.Address is { } a ? new AddressData(a.Line1, a.Line2, a.PostalCode, a.City, a.Country) : null;
        db.OutboxEvents.Add(OutboxEvent.Create(scope.OrganisationId, EventCatalogue.CustomerContactChanged, new CustomerContactChangedEventData(
            customer.CustomerRef, changed, customer.Email, customer.Phone, address, customer.Language, customer.PreferredChannel?.Name(),
            DateTime.SpecifyKind(now, DateTimeKind.Utc)), now));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new Result(Outcome.Saved, changed);
    }
}
