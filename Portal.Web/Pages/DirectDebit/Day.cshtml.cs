using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Portal.Domain.DirectDebit;
using Portal.Infrastructure.DirectDebit;
using Portal.Web.Customers;

namespace Portal.Web.Pages.DirectDebit;

/// <summary>
/// The day of the month: only the organisation's days, each with the date its first collection would be on. With a
/// mandate already in place the choice takes effect at once; otherwise it is the first step of setting one up.
/// </summary>
public class DayModel(DirectDebitService directDebit, IStringLocalizer<SharedResource> texts) : CustomerPageModel
{
    public DirectDebitService.CustomerPage Current { get; private set; } = null!;

    [BindProperty]
    public int? Day { get; set; }

    public bool Changing => Current.View.Mandate is { Status: MandateStatus.Valid };

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Current = await directDebit.PageAsync(Scope, ct);
        if (!Current.Policy.Enabled) return NotFound();
        Day = Changing ? Current.View.CollectionDay : DirectDebitDraft.Read(HttpContext, Link.PayLinkId).Day;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Current = await directDebit.PageAsync(Scope, ct);
        if (!Current.Policy.Enabled) return NotFound();
        if (Day is not { } day || !Current.Policy.Allows(day))
        {
            ModelState.AddModelError(nameof(Day), texts["DirectDebit.ChooseDay"]);
            return Page();
        }
        if (Changing)
        {
            var changed = await directDebit.ChangeDayAsync(Scope, day, ct);
            if (changed.View is null)
            {
                ModelState.AddModelError(nameof(Day), texts["DirectDebit.ChooseDay"]);
                return Page();
            }
            return SeeOther("/direct-debit?done=day");
        }
        (DirectDebitDraft.Read(HttpContext, Link.PayLinkId) with { Day = day }).Write(HttpContext);
        return SeeOther("/direct-debit/account");
    }
}
