using Microsoft.AspNetCore.Mvc;
using Portal.Domain.Arrangements;
using Portal.Infrastructure.Arrangements;
using Portal.Web.Customers;

namespace Portal.Web.Pages.Plan;

/// <summary>The confirmation: agreed (with the schedule and what a missed term means), or sent as a request.</summary>
public class DoneModel(ArrangementService plans) : CustomerPageModel
{
    public ArrangementView Plan { get; private set; } = null!;

    public ArrangementPolicy Policy => Organisation.Plans;

    /// <summary>Paid by direct debit and the customer still has to set it up.</summary>
    public bool NeedsMandate { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await plans.CurrentAsync(Scope, ct) is not { Status: ArrangementStatus.Active or ArrangementStatus.Requested } plan) return SeeOther("/plan");
        Plan = plan;
        NeedsMandate = plan is { Status: ArrangementStatus.Active, PaidBy: PaidBy.DirectDebit } && !plan.CustomerHasMandate;
        return Page();
    }
}
