namespace Portal.Web.Customers;

/// <summary>
/// How a page sends the customer through the one-time code before a binding step: it links to
/// <c>/verify?for={purpose}&amp;return={its own path}</c>, and on coming back asks
/// <c>OneTimeCodeService.IsVerifiedAsync</c> for the same purpose. Only these purposes exist, and only a path on this
/// site is a way back, so the flow cannot be turned into a redirect elsewhere.
/// </summary>
public static class StepUp
{
    public static readonly IReadOnlyList<string> Purposes = ["contact-details", "mandate", "dispute"];

    public static bool IsPurpose(string? purpose) => purpose is not null && Purposes.Contains(purpose);

    /// <summary>The way back when it is a path on this site; the overview otherwise.</summary>
    public static string ReturnPath(string? path) =>
        path is { Length: > 1 } p && p[0] == '/' && p[1] != '/' && p[1] != '\\' && !p.Contains("://", StringComparison.Ordinal)
            && p.All(c => c > ' ' && c != '\\') ? p : "/overview";

    /// <summary>Where the customer chooses where the code goes, coming back to <paramref name="returnPath"/>.</summary>
    public static string VerifyPage(string purpose, string returnPath) =>
        $"/verify?for={Uri.EscapeDataString(purpose)}&return={Uri.EscapeDataString(returnPath)}";

    public static string CodePage(string purpose, string returnPath) =>
        $"/verify/code?for={Uri.EscapeDataString(purpose)}&return={Uri.EscapeDataString(returnPath)}";
}
