using Portal.Infrastructure.Customers;
using Portal.Infrastructure.PayLinks;

namespace Portal.Web.Customers;

/// <summary>Per request: the pay link and organisation the customer is looking at, for the layout's brand and help block.</summary>
public class CustomerContext
{
    public PayLinkResolution? Link { get; set; }
    public OrganisationBrand? Organisation { get; set; }
}
