using Portal.Domain.Arrangements;
using Portal.Infrastructure.Arrangements;

namespace Portal.Web.Customers;

/// <summary>
/// The answers of the payment-plan steps before the customer agrees (a <see cref="DraftCookie"/>): the invoices, the
/// number of terms or the amount per term, how the terms are paid, and the day for direct debit.
/// </summary>
public sealed record PlanDraft(Guid PayLinkId, IReadOnlyList<string>? Invoices, int? Terms, long? PerTermMinor, string? PerTermTyped, PaidBy? PaidBy, int? Day)
{
    public const string CookieName = "portal_plan";
    private const string Purpose = "Portal.Plan.Draft.v1";
    private const string Path = "/plan";

    public static PlanDraft Read(HttpContext http, Guid payLinkId) =>
        DraftCookie.Read<PlanDraft>(http, CookieName, Purpose, d => d.PayLinkId == payLinkId) ?? new PlanDraft(payLinkId, null, null, null, null, null, null);

    public void Write(HttpContext http) => DraftCookie.Write(http, CookieName, Purpose, Path, this);

    public static void Clear(HttpContext http) => DraftCookie.Clear(http, CookieName, Path);

    /// <summary>The choices as the service takes them.</summary>
    public ArrangementChoice Choice => new(Invoices ?? [], Terms, PerTermMinor, PaidBy, PaidBy == Domain.Arrangements.PaidBy.DirectDebit ? Day : null);

    /// <summary>The first step not answered yet, for a page reached before its turn; null when every step is answered.</summary>
    public string? Missing => Invoices is null ? "/plan/invoices"
        : Terms is null && PerTermMinor is null ? "/plan/terms"
        : PaidBy is null ? "/plan/how"
        : PaidBy == Domain.Arrangements.PaidBy.DirectDebit && Day is null ? "/plan/day"
        : null;
}
