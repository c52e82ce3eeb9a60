using Portal.Domain.Organisations;

namespace Portal.Api.Organisations;

/// <summary>
/// PUT /api/v1/organisation: the whole profile, as GET returns it. Every field is required but senderName (left out
/// or null: e-mails come from the organisation's name).
/// </summary>
public record OrganisationRequest(string? Name, string? BrandColour, string? Phone, string? Iban, string? AccountHolder,
    IReadOnlyList<string?>? Languages, string? SenderName = null)
{
    /// <summary>This request's checks: the domain's rules for a profile, each broken one named by its JSON field.</summary>
    public OrganisationProfile.Result Check() => OrganisationProfile.From(Name, BrandColour, Phone, Iban, AccountHolder, Languages, SenderName);
}

/// <summary>languages: the ones customers are offered, the first being the default. logo: null when there is none.</summary>
public record OrganisationResponse(long Id, string Name, string BrandColour, string Phone, string Iban, string AccountHolder,
    IReadOnlyList<string> Languages, string? SenderName, OrganisationLogo? Logo, DateTime CreatedAt);

public record OrganisationLogo(string ContentType);
