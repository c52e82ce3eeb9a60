using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portal.Api.Http;
using Portal.Infrastructure.ApiKeys;

namespace Portal.Api.Auth;

/// <summary>Authenticates the ERP by <c>Authorization: Bearer &lt;api key&gt;</c>; the key's organisation becomes the caller.</summary>
public class ApiKeyAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string OrganisationClaim = "portal:organisation";
    public const string KeyHintClaim = "portal:key";
    /// <summary>The key's row id: what the per-key rate limit counts, however the header was spelled.</summary>
    public const string KeyIdClaim = "portal:key-id";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header)) return AuthenticateResult.NoResult();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.Fail("Not a bearer token.");
        var keys = Context.RequestServices.GetRequiredService<ApiKeyService>();
        var caller = await keys.AuthenticateAsync(header["Bearer ".Length..].Trim(), Context.RequestAborted);
        if (caller is null) return AuthenticateResult.Fail("Unknown or revoked API key.");
        var identity = new ClaimsIdentity(
            [new Claim(OrganisationClaim, caller.OrganisationId.ToString(System.Globalization.CultureInfo.InvariantCulture)), new Claim(KeyHintClaim, caller.Hint),
                new Claim(KeyIdClaim, caller.KeyId.ToString(System.Globalization.CultureInfo.InvariantCulture))],
            SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        var missing = string.IsNullOrEmpty(Request.Headers.Authorization);
        await ApiProblems.Write(Context, StatusCodes.Status401Unauthorized, "Unauthorized",
            missing ? "Send your API key as 'Authorization: Bearer <key>'." : "The API key is unknown or has been revoked.");
    }
}
