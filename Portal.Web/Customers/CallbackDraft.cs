using Portal.Domain.Callbacks;

namespace Portal.Web.Customers;

/// <summary>
/// The first call-back step's answers before a time is chosen (a <see cref="DraftCookie"/>): the topic, the number to
/// call (in E.164, checked) and the language the customer wants to speak.
/// </summary>
public sealed record CallbackDraft(Guid PayLinkId, CallbackTopic Topic, string Phone, string? Language)
{
    public const string CookieName = "portal_callback";
    private const string Purpose = "Portal.Callback.Draft.v1";
    private const string Path = "/callback";

    public static CallbackDraft? Read(HttpContext http, Guid payLinkId) =>
        DraftCookie.Read<CallbackDraft>(http, CookieName, Purpose, d => d.PayLinkId == payLinkId);

    public void Write(HttpContext http) => DraftCookie.Write(http, CookieName, Purpose, Path, this);

    public static void Clear(HttpContext http) => DraftCookie.Clear(http, CookieName, Path);
}
