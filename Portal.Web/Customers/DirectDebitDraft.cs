using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace Portal.Web.Customers;

/// <summary>
/// The answers of the direct-debit steps before the customer agrees: the day, the IBAN and the account holder. Kept
/// in an encrypted cookie for this pay link for half an hour, never in a URL (addresses end up in logs), and
/// removed once the mandate is made.
/// </summary>
/// <param name="Way">ideal: a first iDEAL payment proves the account; iban: typed, confirmed with a one-time code.</param>
public sealed record DirectDebitDraft(Guid PayLinkId, int? Day, string? Iban, string? AccountHolder, string? Way = null)
{
    public const string ByIdeal = "ideal";
    public const string ByIban = "iban";

    /// <summary>Whether the account step is answered: by iDEAL, or with an IBAN and a name.</summary>
    public bool HasAccount => Way == ByIdeal || (Way == ByIban && Iban is not null && AccountHolder is not null);

    public const string CookieName = "portal_dd";
    private const string Purpose = "Portal.DirectDebit.Draft.v1";
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);

    /// <summary>The draft of this pay link's session, or an empty one.</summary>
    public static DirectDebitDraft Read(HttpContext http, Guid payLinkId)
    {
        if (http.Request.Cookies[CookieName] is { Length: > 0 } value)
        {
            try
            {
                var json = Protector(http).Unprotect(value);
                if (JsonSerializer.Deserialize<DirectDebitDraft>(json) is { } draft && draft.PayLinkId == payLinkId) return draft;
            }
            catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or JsonException)
            {
                // Expired or not ours: start again.
            }
        }
        return new DirectDebitDraft(payLinkId, null, null, null);
    }

    public void Write(HttpContext http) =>
        http.Response.Cookies.Append(CookieName, Protector(http).Protect(JsonSerializer.Serialize(this), Lifetime), Options(http));

    public static void Clear(HttpContext http) => http.Response.Cookies.Delete(CookieName, Options(http));

    private static ITimeLimitedDataProtector Protector(HttpContext http) =>
        http.RequestServices.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose).ToTimeLimitedDataProtector();

    private static CookieOptions Options(HttpContext http) => new()
    {
        Path = "/direct-debit",
        HttpOnly = true,
        IsEssential = true,
        SameSite = SameSiteMode.Lax,
        Secure = !http.RequestServices.GetRequiredService<IWebHostEnvironment>().IsDevelopment() || http.Request.IsHttps,
        MaxAge = Lifetime,
    };
}
