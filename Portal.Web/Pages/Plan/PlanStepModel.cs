using Microsoft.AspNetCore.Mvc;
using Portal.Infrastructure.Arrangements;
using Portal.Web.Customers;

namespace Portal.Web.Pages.Plan;

/// <summary>
/// A step of setting up a payment plan. Each step reads what the customer may set up (one query, the rules come with
/// the brand) and the answers so far; a step reached before its turn sends the customer to the first one not answered.
/// </summary>
public abstract class PlanStepModel(ArrangementService plans) : CustomerPageModel
{
    private static readonly string[] Steps = ["/plan/invoices", "/plan/terms", "/plan/how", "/plan/day", "/plan/check"];

    protected ArrangementService Plans => plans;

    public ArrangementOffer Offer { get; private set; } = null!;
    public PlanDraft Draft { get; protected set; } = null!;

    /// <summary>The plan the answers make, once they are complete.</summary>
    public Proposal? Proposal => Offer.Propose(Draft.Choice);

    /// <summary>The invoices chosen (all open ones until the customer chose).</summary>
    public IReadOnlyList<PlanInvoice> Chosen => Offer.Chosen(Draft.Invoices ?? []);

    public long TotalMinor => Chosen.Sum(i => i.DueMinor);

    /// <summary>Null to show the step; otherwise where the customer goes instead (no plans here, one already runs, an earlier step).</summary>
    protected async Task<IActionResult?> LoadAsync(string step, CancellationToken ct)
    {
        Offer = await plans.OfferAsync(Scope, Organisation.Plans, Organisation.DirectDebitRules, ct);
        if (!Offer.Policy.Enabled) return NotFound();
        if (Offer.Running) return SeeOther("/plan");
        if (Offer.Invoices.Count == 0) return SeeOther("/overview");
        Draft = PlanDraft.Read(HttpContext, Link.PayLinkId);
        // Invoices paid or changed since they were chosen drop out of the choice.
        if (Draft.Invoices is { } chosen && chosen.Intersect(Offer.Invoices.Select(i => i.Number)).ToList() is var still && still.Count != chosen.Count)
            Draft = Draft with { Invoices = still.Count == 0 ? null : still };
        return Draft.Missing is { } missing && Array.IndexOf(Steps, missing) < Array.IndexOf(Steps, step) ? SeeOther(missing) : null;
    }
}
