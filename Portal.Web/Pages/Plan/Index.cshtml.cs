using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Portal.Domain;
using Portal.Domain.Arrangements;
using Portal.Infrastructure;
using Portal.Infrastructure.Arrangements;
using Portal.Infrastructure.Payments;
using Portal.Web.Customers;

namespace Portal.Web.Pages.Plan;

/// <summary>
/// The customer's plan: how it stands (what is paid, what comes next, a missed term), paying the next term early or the
/// rest at once, and the organisation's counter-proposal to accept. Without a plan it leads into setting one up.
/// </summary>
public class IndexModel(ArrangementService plans, PaymentService payments, PublicLinks links, IStringLocalizer<SharedResource> texts) : CustomerPageModel
{
    public ArrangementView Plan { get; private set; } = null!;

    /// <summary>Set after a step the page confirms: accepted.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Done { get; set; }

    /// <summary>next: the next term; rest: everything left.</summary>
    [BindProperty]
    public string? What { get; set; }

    public ArrangementPolicy Policy => Organisation.Plans;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await plans.CurrentAsync(Scope, ct) is not { } plan)
            return Organisation.Plans.Enabled ? SeeOther("/plan/invoices") : NotFound();
        Plan = plan;
        return Page();
    }

    /// <summary>Accepts the organisation's counter-proposal, as the page showed it.</summary>
    public async Task<IActionResult> OnPostAcceptAsync(CancellationToken ct)
    {
        if (await plans.CurrentAsync(Scope, ct) is not { Status: ArrangementStatus.Requested, AwaitingCustomer: true } plan) return SeeOther("/plan");
        Plan = plan;
        var text = new StringBuilder();
        text.AppendLine(FormattableString.Invariant($"Language: {CultureInfo.CurrentUICulture.Name}; pay link: {Link.PayLinkId}; channel: portal."));
        text.AppendLine(texts["Plan.CounterTitle"]);
        foreach (var term in plan.Terms)
            text.AppendLine($"{texts["Plan.TermNumber", term.Number]}: {Display.Date(term.DueDate)}, {Display.Amount(Money.FromMinor(term.AmountMinor, plan.Currency))}");
        text.Append(texts["Plan.MissedText", Policy.GraceDays, Policy.MissedTermsToBreak]);
        await plans.AcceptAsync(Scope, plan.Id, text.ToString(), ct);
        return SeeOther("/plan/done");
    }

    /// <summary>Pays the next term (with any missed before it) or the rest now, by iDEAL.</summary>
    public async Task<IActionResult> OnPostPayAsync(CancellationToken ct)
    {
        if (await plans.CurrentAsync(Scope, ct) is not { Status: ArrangementStatus.Active } plan) return SeeOther("/plan");
        var amount = What == "rest" ? plan.RestMinor : plan.NextDueMinor;
        if (amount <= 0) return SeeOther("/plan");
        var result = await payments.StartAsync(new PaymentService.StartRequest(Scope, plan.InvoiceNumbers, "ideal", links.To(Request, "/pay/return"),
            links.To(Request, "/webhooks/mollie"), CultureInfo.CurrentUICulture.TwoLetterISOLanguageName switch { "nl" => "nl_NL", "pl" => "pl_PL", _ => "en_US" },
            amount, PlanTerm: true), ct);
        // Paying all that is left is a payment in full, not a part.
        if (result.Outcome == PaymentService.StartOutcome.PartNotAllowed)
            result = await payments.StartAsync(new PaymentService.StartRequest(Scope, plan.InvoiceNumbers, "ideal", links.To(Request, "/pay/return"),
                links.To(Request, "/webhooks/mollie"), CultureInfo.CurrentUICulture.TwoLetterISOLanguageName switch { "nl" => "nl_NL", "pl" => "pl_PL", _ => "en_US" }), ct);
        return result.Outcome switch
        {
            PaymentService.StartOutcome.Redirect => SeeOther(result.CheckoutUrl!),
            PaymentService.StartOutcome.ProviderUnavailable => StatusCode(StatusCodes.Status503ServiceUnavailable),
            _ => SeeOther("/plan"),
        };
    }
}
