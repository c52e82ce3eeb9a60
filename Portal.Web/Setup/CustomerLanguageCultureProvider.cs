using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Localization;
using Portal.Web.Customers;

namespace Portal.Web.Setup;

/// <summary>Uses the language the ERP stored for the customer, when the customer has not chosen one here.</summary>
public class CustomerLanguageCultureProvider : RequestCultureProvider
{
    public override async Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
    {
        var result = await httpContext.AuthenticateAsync(CustomerSession.Scheme);
        var language = result.Principal?.FindFirst(CustomerSession.LanguageClaim)?.Value;
        var culture = Languages.Find(language);
        return culture is null ? null : new ProviderCultureResult(culture.Name);
    }
}
