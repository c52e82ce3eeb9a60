using Portal.Domain.Customers;

namespace Portal.Web.Customers;

/// <summary>
/// The contact details a customer asked for while the codes to a new e-mail address or number are on their way (a
/// <see cref="DraftCookie"/>): nothing changes until those codes come back.
/// </summary>
/// <param name="ToProve">Each new e-mail address or number and the purpose its code was sent for.</param>
public sealed record ContactDraft(Guid PayLinkId, ContactDetails Wanted, IReadOnlyList<ContactDraft.NewContact> ToProve)
{
    public sealed record NewContact(string Purpose, Portal.Domain.Messages.MessageChannel Channel, string Recipient);

    public const string CookieName = "portal_contact";
    private const string Purpose = "Portal.Contact.Draft.v1";
    private const string Path = "/contact";

    public static ContactDraft? Read(HttpContext http, Guid payLinkId) =>
        DraftCookie.Read<ContactDraft>(http, CookieName, Purpose, d => d.PayLinkId == payLinkId);

    public void Write(HttpContext http) => DraftCookie.Write(http, CookieName, Purpose, Path, this);

    public static void Clear(HttpContext http) => DraftCookie.Clear(http, CookieName, Path);
}
