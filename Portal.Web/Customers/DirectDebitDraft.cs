namespace Portal.Web.Customers;

/// <summary>
/// The answers of the direct-debit steps before the customer agrees: the day, the IBAN and the account holder, in a
/// <see cref="DraftCookie"/>, removed once the mandate is made.
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
    private const string Path = "/direct-debit";

    /// <summary>The draft of this pay link's session, or an empty one.</summary>
    public static DirectDebitDraft Read(HttpContext http, Guid payLinkId) =>
        DraftCookie.Read<DirectDebitDraft>(http, CookieName, Purpose, d => d.PayLinkId == payLinkId) ?? new DirectDebitDraft(payLinkId, null, null, null);

    public void Write(HttpContext http) => DraftCookie.Write(http, CookieName, Purpose, Path, this);

    public static void Clear(HttpContext http) => DraftCookie.Clear(http, CookieName, Path);
}
