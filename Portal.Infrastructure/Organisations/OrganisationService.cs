using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Organisations;
using Portal.Infrastructure.ApiKeys;
using Portal.Infrastructure.Audit;
using Portal.Infrastructure.Database;

namespace Portal.Infrastructure.Organisations;

/// <summary>
/// Creates an organisation with its first API key (the host's command), and lets the organisation keep its own
/// profile and logo (the API). Every change is audited in the transaction that makes it.
/// </summary>
public class OrganisationService(PortalDbContext db, TimeProvider clock, AuditTrail audit, ApiKeyService apiKeys)
{
    public record Created(long OrganisationId, string ApiKey);

    public record View(long Id, OrganisationProfile Profile, string? LogoContentType, DateTime CreatedAtUtc);

    public record Listed(long Id, string Name, DateTime CreatedAtUtc, int ActiveKeys);

    /// <summary>The organisation and its first key in one transaction: no organisation is left without a way in.</summary>
    public async Task<Created> CreateAsync(OrganisationProfile profile, string keyName, string actor, CancellationToken ct = default)
    {
        await using var transaction = await db.BeginWriteAsync(null, ct);
        var organisation = new Organisation(profile, clock.GetUtcNow().UtcDateTime);
        db.Organisations.Add(organisation);
        await db.SaveChangesAsync(ct);
        audit.Append(organisation.Id, actor, "organisation.created", "organisation", Id(organisation.Id), "ok");
        var (_, secret) = apiKeys.Add(organisation.Id, keyName, actor);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new Created(organisation.Id, secret);
    }

    public Task<List<Listed>> ListAsync(CancellationToken ct = default) =>
        db.Organisations.AsNoTracking().OrderBy(o => o.Id)
            .Select(o => new Listed(o.Id, o.Name, o.CreatedAtUtc, db.ApiKeys.Count(k => k.OrganisationId == o.Id && k.RevokedAtUtc == null)))
            .ToListAsync(ct);

    public async Task<View?> GetAsync(long organisationId, CancellationToken ct = default)
    {
        var o = await db.Organisations.AsNoTracking().Where(o => o.Id == organisationId)
            .Select(o => new { o.Id, o.Name, o.BrandColour, o.Phone, o.Iban, o.AccountHolder, o.Languages, o.SenderName, o.LogoContentType, o.CreatedAtUtc })
            .FirstOrDefaultAsync(ct);
        if (o is null) return null;
        var languages = o.Languages.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new View(o.Id, new OrganisationProfile(o.Name, o.BrandColour, o.Phone, o.Iban, o.AccountHolder, languages, o.SenderName),
            o.LogoContentType, o.CreatedAtUtc);
    }

    /// <summary>Takes a profile checked by <see cref="OrganisationProfile.From"/>. Sending the same profile again changes and audits nothing.</summary>
    public async Task UpdateAsync(long organisationId, OrganisationProfile profile, string actor, CancellationToken ct = default)
    {
        await using var transaction = await db.BeginWriteAsync(organisationId, ct);
        var organisation = await db.Organisations.FirstAsync(o => o.Id == organisationId, ct);
        var changed = organisation.ChangeProfile(profile);
        if (changed.Count == 0) return;
        // The audit record names the fields, not their values: an IBAN is not for every reader of the trail.
        audit.Append(organisationId, actor, "organisation.profile_changed", "organisation", Id(organisationId), "changed " + string.Join(", ", changed));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>Takes a file <see cref="LogoFile.Refusal"/> accepted (the entity refuses anything else).</summary>
    public async Task SetLogoAsync(long organisationId, byte[] logo, string contentType, string actor, CancellationToken ct = default)
    {
        await using var transaction = await db.BeginWriteAsync(organisationId, ct);
        var organisation = await db.Organisations.FirstAsync(o => o.Id == organisationId, ct);
        if (organisation.LogoContentType == contentType && organisation.Logo is { } current && current.AsSpan().SequenceEqual(logo)) return;
        organisation.SetLogo(logo, contentType);
        audit.Append(organisationId, actor, "organisation.logo_set", "organisation", Id(organisationId),
            $"{contentType}, {logo.Length.ToString(CultureInfo.InvariantCulture)} bytes");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    public async Task RemoveLogoAsync(long organisationId, string actor, CancellationToken ct = default)
    {
        await using var transaction = await db.BeginWriteAsync(organisationId, ct);
        var organisation = await db.Organisations.FirstAsync(o => o.Id == organisationId, ct);
        if (organisation.Logo is null) return;
        organisation.RemoveLogo();
        audit.Append(organisationId, actor, "organisation.logo_removed", "organisation", Id(organisationId), "ok");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    private static string Id(long organisationId) => organisationId.ToString(CultureInfo.InvariantCulture);
}
