using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Portal.Infrastructure.Arrangements;

namespace Portal.Web.Pages.Plan;

/// <summary>Step 1: which invoices the plan takes; all open ones unless the customer leaves some out.</summary>
public class InvoicesModel(ArrangementService plans, IStringLocalizer<SharedResource> texts) : PlanStepModel(plans)
{
    [BindProperty]
    public List<string> Invoices { get; set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await LoadAsync("/plan/invoices", ct) is { } elsewhere) return elsewhere;
        Invoices = [.. Chosen.Select(i => i.Number)];
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await LoadAsync("/plan/invoices", ct) is { } elsewhere) return elsewhere;
        Invoices = [.. Invoices.Intersect(Offer.Invoices.Select(i => i.Number))];
        if (Invoices.Count == 0)
        {
            ModelState.AddModelError(nameof(Invoices), texts["Plan.ChooseInvoice"]);
            return Page();
        }
        // Other invoices make other terms: the number or amount is asked again.
        var changed = Draft.Invoices is null || !Draft.Invoices.Order().SequenceEqual(Invoices.Order());
        (changed ? Draft with { Invoices = Invoices, Terms = null, PerTermMinor = null, PerTermTyped = null } : Draft).Write(HttpContext);
        return SeeOther("/plan/terms");
    }
}
