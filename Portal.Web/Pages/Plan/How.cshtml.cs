using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Portal.Domain.Arrangements;
using Portal.Infrastructure.Arrangements;

namespace Portal.Web.Pages.Plan;

/// <summary>Step 3: how each term is paid — collected by direct debit on a day the customer picks, or with a pay link sent before it.</summary>
public class HowModel(ArrangementService plans, IStringLocalizer<SharedResource> texts) : PlanStepModel(plans)
{
    public const string ByDirectDebit = "directDebit";
    public const string ByPayLink = "payLink";

    [BindProperty]
    public string? Way { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await LoadAsync("/plan/how", ct) is { } elsewhere) return elsewhere;
        if (!Offer.OffersDirectDebit) return SeeOther("/plan/check");
        Way = Draft.PaidBy switch { PaidBy.DirectDebit => ByDirectDebit, PaidBy.PayLink => ByPayLink, _ => null };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await LoadAsync("/plan/how", ct) is { } elsewhere) return elsewhere;
        PaidBy? paidBy = Way switch { ByDirectDebit when Offer.OffersDirectDebit => PaidBy.DirectDebit, ByPayLink => PaidBy.PayLink, _ => null };
        if (paidBy is null)
        {
            ModelState.AddModelError(nameof(Way), texts["Plan.ChooseHow"]);
            return Page();
        }
        // The day the customer collects on already is the first offer for a plan by direct debit.
        var day = Draft.Day ?? (Offer.CollectionDay is { } own && Offer.DirectDebit.Allows(own) ? own : null);
        var next = Draft with { PaidBy = paidBy, Day = paidBy == PaidBy.DirectDebit ? day : Draft.Day };
        next.Write(HttpContext);
        return SeeOther(paidBy == PaidBy.DirectDebit ? "/plan/day" : "/plan/check");
    }
}
