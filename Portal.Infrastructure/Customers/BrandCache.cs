using System.Collections.Concurrent;

namespace Portal.Infrastructure.Customers;

/// <summary>
/// The organisations' brands as customer pages show them, kept in memory on each node. A copy is used only while
/// its version stamp equals the one the page just read with the session (<see cref="PayLinks.PayLinkResolution"/>),
/// so a change made on any node shows on the next page everywhere, without a second query for the brand.
/// </summary>
public sealed class BrandCache
{
    private readonly ConcurrentDictionary<long, OrganisationBrand> _brands = new();

    public OrganisationBrand? Find(long organisationId, long version) =>
        _brands.TryGetValue(organisationId, out var brand) && brand.Version == version ? brand : null;

    public void Keep(OrganisationBrand brand) => _brands[brand.Id] = brand;
}
