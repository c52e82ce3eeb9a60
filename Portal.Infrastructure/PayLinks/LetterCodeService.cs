using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.PayLinks;
using Portal.Infrastructure.Audit;
using Portal.Infrastructure.Database;

namespace Portal.Infrastructure.PayLinks;

/// <summary>
/// Opens a pay link by the letter code printed on a letter and the customer's postcode (<c>/code</c>). Five tries an
/// hour per address, and five tries per code before it is locked; a wrong code and a wrong postcode answer the same.
/// Both counts hold under parallel tries: each try is written before it is counted, and a code's try is claimed with
/// one conditional update.
/// </summary>
public class LetterCodeService(PortalDbContext db, TimeProvider clock, AuditTrail audit, PayLinkService payLinks)
{
    public enum Outcome
    {
        Opened,
        /// <summary>No such code, or not this postcode: the same answer for both.</summary>
        NoMatch,
        /// <summary>Too many tries from this address in the last hour.</summary>
        TooMany,
        /// <summary>The code took its five tries; the organisation makes a new one.</summary>
        Locked,
        /// <summary>The code is right but its link expired or was revoked.</summary>
        Expired,
    }

    public sealed record Result(Outcome Outcome, PayLinkResolution Link);

    public async Task<Result> OpenAsync(string? typedCode, string? typedPostcode, string clientAddress, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var clientKey = ClientKey(clientAddress);
        var attempt = new LetterCodeAttempt(clientKey, now);
        db.LetterCodeAttempts.Add(attempt);
        await db.SaveChangesAsync(ct);
        var hourAgo = now - TimeSpan.FromHours(1);
        if (await db.LetterCodeAttempts.CountAsync(a => a.ClientKey == clientKey && a.AttemptedAtUtc > hourAgo, ct) > LetterCodeAttempt.MaxPerHour)
            return new Result(Outcome.TooMany, PayLinkResolution.NotFound);

        if (LetterCode.Normalise(typedCode) is not { } code) return new Result(Outcome.NoMatch, PayLinkResolution.NotFound);
        var hash = LetterCode.Hash(code);
        var link = await db.PayLinks.AsNoTracking().Where(p => p.LetterCodeHash == hash)
            .Join(db.Customers, p => p.CustomerId, c => c.Id, (p, c) => new { p.Id, p.OrganisationId, PostalCode = c.Address == null ? null : c.Address.PostalCode })
            .FirstOrDefaultAsync(ct);
        if (link is null) return new Result(Outcome.NoMatch, PayLinkResolution.NotFound);

        // Claim one of the code's tries; none left: it is locked.
        var claimed = await db.PayLinks.Where(p => p.Id == link.Id && p.LetterCodeTries < LetterCode.MaxTries)
            .ExecuteUpdateAsync(u => u.SetProperty(p => p.LetterCodeTries, p => p.LetterCodeTries + 1), ct);
        if (claimed == 0) return new Result(Outcome.Locked, PayLinkResolution.NotFound);
        if (!LetterCode.SamePostcode(typedPostcode, link.PostalCode))
        {
            var tries = await db.PayLinks.Where(p => p.Id == link.Id).Select(p => p.LetterCodeTries).FirstAsync(ct);
            if (tries < LetterCode.MaxTries) return new Result(Outcome.NoMatch, PayLinkResolution.NotFound);
            audit.Append(link.OrganisationId, "portal", "pay_link.letter_code_locked", "pay_link", link.Id.ToString(), $"{LetterCode.MaxTries} wrong postcodes");
            await db.SaveChangesAsync(ct);
            return new Result(Outcome.Locked, PayLinkResolution.NotFound);
        }

        // Right: the code's count starts again, and a try that opened a link does not count against the address.
        await db.PayLinks.Where(p => p.Id == link.Id).ExecuteUpdateAsync(u => u.SetProperty(p => p.LetterCodeTries, 0), ct);
        db.LetterCodeAttempts.Remove(attempt);
        await db.LetterCodeAttempts.Where(a => a.AttemptedAtUtc < now - TimeSpan.FromDays(1)).ExecuteDeleteAsync(ct);
        var resolution = await payLinks.CheckAsync(link.Id, ct);
        audit.Append(link.OrganisationId, "customer:" + link.Id, "pay_link.opened_by_letter_code", "pay_link", link.Id.ToString(),
            resolution.IsActive ? "ok" : "link no longer works");
        await db.SaveChangesAsync(ct);
        return new Result(resolution.IsActive ? Outcome.Opened : Outcome.Expired, resolution);
    }

    /// <summary>The address as kept for counting: a digest, so the table holds no IP address.</summary>
    private static string ClientKey(string address) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes("letter-code:" + address)))[..32];
}
