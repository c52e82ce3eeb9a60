using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Portal.Infrastructure.PayLinks;

namespace Portal.Web.Customers;

/// <summary>
/// The customer's session after opening a pay link: a cookie naming the link (never the token). Every request
/// checks the link again, so a revoked or expired link stops working on the next click.
/// </summary>
public static class CustomerSession
{
    public const string Scheme = "Customer";
    public const string CookieName = "portal_session";
    public const string PayLinkClaim = "portal:pay_link";
    public const string LanguageClaim = "portal:language";
    /// <summary>The languages the organisation offered when the link was opened, comma-separated, its default first.</summary>
    public const string OfferedLanguagesClaim = "portal:languages";

    public static async Task SignInAsync(HttpContext http, PayLinkResolution link, string? language, string? offeredLanguages = null)
    {
        var claims = new List<Claim> { new(PayLinkClaim, link.PayLinkId.ToString()) };
        if (language is not null) claims.Add(new Claim(LanguageClaim, language));
        if (offeredLanguages is not null) claims.Add(new Claim(OfferedLanguagesClaim, offeredLanguages));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme));
        await http.SignInAsync(Scheme, principal, new AuthenticationProperties
        {
            IsPersistent = false,
            ExpiresUtc = DateTime.SpecifyKind(link.ExpiresAtUtc, DateTimeKind.Utc),
            AllowRefresh = false,
        });
    }

    public static async Task<Guid?> PayLinkIdAsync(HttpContext http)
    {
        var result = await http.AuthenticateAsync(Scheme);
        var value = result.Principal?.FindFirstValue(PayLinkClaim);
        return Guid.TryParse(value, out var id) ? id : null;
    }

    /// <summary>The session's pay link as it stands now (expired and revoked included); NotFound without a session.</summary>
    public static async Task<PayLinkResolution> LinkAsync(HttpContext http)
    {
        var payLinkId = await PayLinkIdAsync(http);
        return payLinkId is null
            ? PayLinkResolution.NotFound
            : await http.RequestServices.GetRequiredService<PayLinkService>().CheckAsync(payLinkId.Value, http.RequestAborted);
    }

    public static void Configure(CookieAuthenticationOptions o, bool development)
    {
        o.Cookie.Name = CookieName;
        o.Cookie.HttpOnly = true;
        // Lax, so the session survives the customer's return from the bank's pages.
        o.Cookie.SameSite = SameSiteMode.Lax;
        o.Cookie.SecurePolicy = development ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        o.Cookie.IsEssential = true;
        o.SlidingExpiration = false;
        o.Events.OnRedirectToLogin = c => { c.Response.StatusCode = StatusCodes.Status401Unauthorized; return Task.CompletedTask; };
        o.Events.OnRedirectToAccessDenied = c => { c.Response.StatusCode = StatusCodes.Status403Forbidden; return Task.CompletedTask; };
    }
}
