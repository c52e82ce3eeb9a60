using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Invoices;
using Portal.Domain.PayLinks;
using Portal.Infrastructure.Audit;
using Portal.Infrastructure.Database;

namespace Portal.Infrastructure.PayLinks;

/// <summary>Issues pay links, resolves the token a customer opens, and revokes links.</summary>
public class PayLinkService(PortalDbContext db, TimeProvider clock, AuditTrail audit, IDataProtectionProvider protection)
{
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromDays(90);
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromDays(366);

    private readonly IDataProtector _protector = protection.CreateProtector("Portal.PayLinks.Token.v1");

    /// <param name="LetterCode">The link's letter code as printed (ABCD-2345), when one was asked for; shown once, never stored.</param>
    public record Issued(Guid Id, string Token, DateTime ExpiresAtUtc, string? LetterCode = null);

    public record CreateResult(Issued? Link, IReadOnlyList<RuleViolation> Errors);

    public async Task<CreateResult> CreateAsync(long organisationId, string customerRef, IReadOnlyList<string>? invoiceNumbers,
        DateTime? expiresAtUtc, string actor, CancellationToken ct = default, bool letterCode = false)
    {
        var result = await PrepareAsync(organisationId, customerRef, invoiceNumbers, expiresAtUtc, actor, ct, letterCode);
        if (result.Link is not null) await db.SaveChangesAsync(ct);
        return result;
    }

    /// <summary>Adds a new link and its audit record to the unit of work without saving, for a caller that saves it with more.</summary>
    /// <param name="letterCode">Also a letter code (<see cref="LetterCode"/>), which with the customer's postcode opens the link at /code.</param>
    public async Task<CreateResult> PrepareAsync(long organisationId, string customerRef, IReadOnlyList<string>? invoiceNumbers,
        DateTime? expiresAtUtc, string actor, CancellationToken ct = default, bool letterCode = false)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var expires = expiresAtUtc ?? now + DefaultLifetime;
        if (expires <= now) return Fail("expiresAt", "The expiry must be in the future.");
        if (expires > now + MaxLifetime) return Fail("expiresAt", $"A pay link lives at most {MaxLifetime.Days} days.");

        var customer = await db.Customers.Where(c => c.OrganisationId == organisationId && c.CustomerRef == customerRef)
            .Select(c => new { c.Id, PostalCode = c.Address == null ? null : c.Address.PostalCode }).FirstOrDefaultAsync(ct);
        if (customer is null) return Fail("customerRef", $"There is no customer '{customerRef}'.");
        if (letterCode && string.IsNullOrWhiteSpace(customer.PostalCode))
            return Fail("letterCode", $"A letter code is opened with the customer's postcode, and customer '{customerRef}' has no postal address on file; send 'address' with PUT /api/v1/customers/{customerRef} first.");
        long? customerId = customer.Id;

        var invoiceIds = new List<long>();
        if (invoiceNumbers is { Count: > 0 })
        {
            var found = await db.Invoices.AsNoTracking()
                .Where(i => i.OrganisationId == organisationId && i.CustomerId == customerId && invoiceNumbers.Contains(i.InvoiceNumber))
                .Select(i => new { i.Id, i.InvoiceNumber }).ToListAsync(ct);
            var missing = invoiceNumbers.Except(found.Select(f => f.InvoiceNumber)).ToList();
            if (missing.Count > 0)
                return Fail("invoiceNumbers", $"Customer '{customerRef}' has no invoice {string.Join(", ", missing)}.");
            invoiceIds.AddRange(found.Select(f => f.Id));
        }

        var token = PayLinkToken.Create();
        var link = new PayLink(organisationId, customerId.Value, PayLinkToken.Hash(token), _protector.Protect(token), invoiceIds, now, expires);
        string? code = null;
        if (letterCode)
        {
            // Forty bits: two links meet on one code only among hundreds of thousands, and then the next one is drawn.
            do code = link.AddLetterCode();
            while (await db.PayLinks.AnyAsync(p => p.LetterCodeHash == link.LetterCodeHash, ct));
        }
        db.PayLinks.Add(link);
        audit.Append(organisationId, actor, "pay_link.created", "pay_link", link.Id.ToString(), letterCode ? "ok, with letter code" : "ok");
        return new CreateResult(new Issued(link.Id, token, expires, code), []);
    }

    /// <summary>
    /// The customer's newest working link to all their open invoices with at least <paramref name="left"/> to go, with its
    /// token recovered, or null: a message reuses it instead of making another link.
    /// </summary>
    public async Task<Issued?> RecoverReusableAsync(long organisationId, long customerId, TimeSpan left, CancellationToken ct = default)
    {
        var until = clock.GetUtcNow().UtcDateTime + left;
        var link = await db.PayLinks.AsNoTracking()
            .Where(p => p.OrganisationId == organisationId && p.CustomerId == customerId && p.RevokedAtUtc == null && p.ExpiresAtUtc > until
                && !p.Invoices.Any())
            .OrderByDescending(p => p.CreatedAtUtc).Select(p => new { p.Id, p.ProtectedToken, p.ExpiresAtUtc }).FirstOrDefaultAsync(ct);
        return link is null ? null : new Issued(link.Id, _protector.Unprotect(link.ProtectedToken), link.ExpiresAtUtc);
    }

    /// <summary>Finds the link behind a token. Malformed and unknown tokens are indistinguishable to the caller.</summary>
    public async Task<PayLinkResolution> ResolveAsync(string? token, CancellationToken ct = default)
    {
        if (!PayLinkToken.IsWellFormed(token)) return PayLinkResolution.NotFound;
        return Resolution(await ByTokenHash(db, PayLinkToken.Hash(token!)));
    }

    /// <summary>
    /// Checks, on every request of a customer's session, that its link still works. One query, which also reads the
    /// organisation's version stamp, so the page can use its kept copy of the brand without asking again.
    /// </summary>
    public async Task<PayLinkResolution> CheckAsync(Guid payLinkId, CancellationToken ct = default) =>
        Resolution(await ById(db, payLinkId));

    private sealed record LinkRow(Guid Id, long OrganisationId, long CustomerId, DateTime ExpiresAtUtc, DateTime? RevokedAtUtc, long OrganisationVersion);

    // Compiled: every request of a session sends this one, and building its expression tree anew each time cost more than running it.
    private static readonly Func<PortalDbContext, Guid, Task<LinkRow?>> ById = EF.CompileAsyncQuery((PortalDbContext db, Guid id) =>
        db.PayLinks.AsNoTracking().Where(p => p.Id == id)
            .Join(db.Organisations, p => p.OrganisationId, o => o.Id,
                (p, o) => new LinkRow(p.Id, p.OrganisationId, p.CustomerId, p.ExpiresAtUtc, p.RevokedAtUtc, o.Version))
            .FirstOrDefault());

    private static readonly Func<PortalDbContext, byte[], Task<LinkRow?>> ByTokenHash = EF.CompileAsyncQuery((PortalDbContext db, byte[] hash) =>
        db.PayLinks.AsNoTracking().Where(p => p.TokenHash == hash)
            .Join(db.Organisations, p => p.OrganisationId, o => o.Id,
                (p, o) => new LinkRow(p.Id, p.OrganisationId, p.CustomerId, p.ExpiresAtUtc, p.RevokedAtUtc, o.Version))
            .FirstOrDefault());

    /// <summary>A new letter code for a link of the organisation (the old one stops working); null when there is no such link.</summary>
    public async Task<string?> NewLetterCodeAsync(long organisationId, Guid payLinkId, string actor, CancellationToken ct = default)
    {
        var link = await db.PayLinks.FirstOrDefaultAsync(p => p.Id == payLinkId && p.OrganisationId == organisationId, ct);
        if (link is null) return null;
        string code;
        do code = link.AddLetterCode();
        while (await db.PayLinks.AnyAsync(p => p.LetterCodeHash == link.LetterCodeHash && p.Id != link.Id, ct));
        audit.Append(organisationId, actor, "pay_link.letter_code", "pay_link", link.Id.ToString(), "ok");
        await db.SaveChangesAsync(ct);
        return code;
    }

    /// <summary>The token again, for the QR code; null when the link is not the organisation's.</summary>
    public async Task<string?> RecoverTokenAsync(long organisationId, Guid payLinkId, CancellationToken ct = default)
    {
        var protectedToken = await db.PayLinks.Where(p => p.Id == payLinkId && p.OrganisationId == organisationId)
            .Select(p => p.ProtectedToken).FirstOrDefaultAsync(ct);
        return protectedToken is null ? null : _protector.Unprotect(protectedToken);
    }

    public async Task<bool> RevokeAsync(long organisationId, Guid payLinkId, string actor, CancellationToken ct = default)
    {
        await using var transaction = await db.BeginWriteAsync(organisationId, ct);
        var link = await db.PayLinks.FirstOrDefaultAsync(p => p.Id == payLinkId && p.OrganisationId == organisationId, ct);
        if (link is null) return false;
        if (link.Revoke(clock.GetUtcNow().UtcDateTime))
        {
            audit.Append(organisationId, actor, "pay_link.revoked", "pay_link", link.Id.ToString(), "ok");
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        return true;
    }

    private PayLinkResolution Resolution(LinkRow? link) =>
        link is null
            ? PayLinkResolution.NotFound
            : new PayLinkResolution(PayLink.StateOf(link.RevokedAtUtc, link.ExpiresAtUtc, clock.GetUtcNow().UtcDateTime), link.Id,
                link.OrganisationId, link.CustomerId, link.ExpiresAtUtc, link.OrganisationVersion);

    private static CreateResult Fail(string field, string message) => new(null, [new RuleViolation(field, message)]);
}

/// <summary>What a token or session points at. <see cref="Found"/> is false for unknown and malformed tokens alike.</summary>
/// <param name="OrganisationVersion">The organisation's <see cref="Portal.Domain.Organisations.Organisation.Version"/> as the link was read.</param>
public record PayLinkResolution(PayLinkState State, Guid PayLinkId, long OrganisationId, long CustomerId, DateTime ExpiresAtUtc,
    long OrganisationVersion = 0)
{
    public static readonly PayLinkResolution NotFound = new(PayLinkState.Revoked, Guid.Empty, 0, 0, default);
    public bool Found => PayLinkId != Guid.Empty;
    public bool IsActive => Found && State == PayLinkState.Active;
}
