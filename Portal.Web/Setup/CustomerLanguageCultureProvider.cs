using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Localization;
using Microsoft.Net.Http.Headers;
using Portal.Web.Customers;

namespace Portal.Web.Setup;

/// <summary>
/// Chooses the page language among those the customer's organisation offers: the customer's own choice on the
/// switch (a cookie), then the language the ERP stored for them, then the browser's languages; when none of these
/// is offered, the organisation's first language. Without a session every supported language is offered.
/// </summary>
public class CustomerLanguageCultureProvider : RequestCultureProvider
{
    public override async Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
    {
        var session = (await httpContext.AuthenticateAsync(CustomerSession.Scheme)).Principal;
        var offered = Languages.Offered(session?.FindFirst(CustomerSession.OfferedLanguagesClaim)?.Value);
        httpContext.Items[Languages.OfferedItem] = offered;

        var chosen = httpContext.Request.Cookies.TryGetValue(Languages.CookieName, out var cookie)
            ? CookieRequestCultureProvider.ParseCookieValue(cookie)?.UICultures.Select(c => c.Value)
            : null;
        var stored = session?.FindFirst(CustomerSession.LanguageClaim)?.Value;
        var browser = httpContext.Request.GetTypedHeaders().AcceptLanguage.OrderByDescending(l => l.Quality ?? 1).Select(l => l.Value.Value);
        foreach (var candidate in (chosen ?? []).Append(stored).Concat(browser))
        {
            var culture = Languages.Find(candidate?.Split('-')[0]);
            if (culture is not null && offered.Any(o => o.Name == culture.Name)) return new ProviderCultureResult(culture.Name);
        }
        return session is null ? null : new ProviderCultureResult(offered[0].Name);
    }
}
