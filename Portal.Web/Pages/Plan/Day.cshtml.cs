using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Portal.Domain.Arrangements;
using Portal.Infrastructure.Arrangements;

namespace Portal.Web.Pages.Plan;

/// <summary>Step 4, for direct debit: the day of the month, only the organisation's days, each with the date of the plan's first term.</summary>
public class DayModel(ArrangementService plans, IStringLocalizer<SharedResource> texts) : PlanStepModel(plans)
{
    [BindProperty]
    public int? Day { get; set; }

    public IReadOnlyList<(int Day, DateOnly First)> Days =>
        [.. Offer.DirectDebit.Days.Select(d => (d, ArrangementSchedule.Dates(Offer.Today, d, Offer.Lead, 1)[0]))];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await LoadAsync("/plan/day", ct) is { } elsewhere) return elsewhere;
        if (Draft.PaidBy != PaidBy.DirectDebit) return SeeOther("/plan/check");
        Day = Draft.Day;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await LoadAsync("/plan/day", ct) is { } elsewhere) return elsewhere;
        if (Draft.PaidBy != PaidBy.DirectDebit) return SeeOther("/plan/check");
        if (Day is not { } day || !Offer.DirectDebit.Allows(day))
        {
            ModelState.AddModelError(nameof(Day), texts["DirectDebit.ChooseDay"]);
            return Page();
        }
        (Draft with { Day = day }).Write(HttpContext);
        return SeeOther("/plan/check");
    }
}
