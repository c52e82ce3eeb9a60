using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace Portal.Web.Customers;

/// <summary>
/// The answers of a flow's steps before the customer agrees, kept in an encrypted cookie for one pay link for half an
/// hour, never in a URL (addresses end up in logs), and only sent to the flow's own pages.
/// </summary>
public static class DraftCookie
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);

    /// <summary>The draft in the cookie when it is this pay link's and still readable; otherwise null (start again).</summary>
    public static T? Read<T>(HttpContext http, string name, string purpose, Func<T, bool> ours) where T : class
    {
        if (http.Request.Cookies[name] is not { Length: > 0 } value) return null;
        try
        {
            return JsonSerializer.Deserialize<T>(Protector(http, purpose).Unprotect(value)) is { } draft && ours(draft) ? draft : null;
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or JsonException)
        {
            return null;
        }
    }

    public static void Write<T>(HttpContext http, string name, string purpose, string path, T draft) =>
        http.Response.Cookies.Append(name, Protector(http, purpose).Protect(JsonSerializer.Serialize(draft), Lifetime), Options(http, path));

    public static void Clear(HttpContext http, string name, string path) => http.Response.Cookies.Delete(name, Options(http, path));

    private static ITimeLimitedDataProtector Protector(HttpContext http, string purpose) =>
        http.RequestServices.GetRequiredService<IDataProtectionProvider>().CreateProtector(purpose).ToTimeLimitedDataProtector();

    private static CookieOptions Options(HttpContext http, string path) => new()
    {
        Path = path,
        HttpOnly = true,
        IsEssential = true,
        SameSite = SameSiteMode.Lax,
        Secure = !http.RequestServices.GetRequiredService<IWebHostEnvironment>().IsDevelopment() || http.Request.IsHttps,
        MaxAge = Lifetime,
    };
}
