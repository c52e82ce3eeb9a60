using System.Globalization;
using System.Security.Claims;

namespace Portal.Api.Auth;

/// <summary>The organisation behind the API key of the current request.</summary>
public static class ApiCaller
{
    public static long OrganisationId(this ClaimsPrincipal user) =>
        long.Parse(user.FindFirstValue(ApiKeyAuthenticationHandler.OrganisationClaim)!, CultureInfo.InvariantCulture);

    /// <summary>The row id of the API key the request was made with.</summary>
    public static long KeyId(this ClaimsPrincipal user) =>
        long.Parse(user.FindFirstValue(ApiKeyAuthenticationHandler.KeyIdClaim)!, CultureInfo.InvariantCulture);

    /// <summary>Who the audit trail names: the key's hint, never the key.</summary>
    public static string Actor(this ClaimsPrincipal user) => "api:" + user.FindFirstValue(ApiKeyAuthenticationHandler.KeyHintClaim);
}
