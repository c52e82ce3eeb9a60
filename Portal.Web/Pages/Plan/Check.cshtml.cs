using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Portal.Domain;
using Portal.Domain.Arrangements;
using Portal.Infrastructure.Arrangements;
using Portal.Web.Customers;

namespace Portal.Web.Pages.Plan;

/// <summary>
/// Check your answers, with the whole schedule, then agree. Inside the policy the plan is agreed at once; outside it
/// the customer may send it as a request. What the page shows is kept, as text, as the evidence of the agreement.
/// </summary>
public class CheckModel(ArrangementService plans, IStringLocalizer<SharedResource> texts) : PlanStepModel(plans)
{
    public Proposal Plan { get; private set; } = null!;
    public string? Error { get; private set; }

    public IReadOnlyList<ArrangementView.Term> Terms =>
        [.. Plan.Terms.Select(t => new ArrangementView.Term(t.Number, t.DueDate, t.AmountMinor, TermStatus.Planned, t.DownPayment))];

    public string HowText => Plan.PaidBy == PaidBy.DirectDebit ? texts["Plan.ByDirectDebitOn", Plan.Day!.Value] : texts["Plan.ByPayLink"];

    /// <summary>What happens when a term is missed, in the policy's numbers.</summary>
    public string MissedText => texts["Plan.MissedText", Offer.Policy.GraceDays, Offer.Policy.MissedTermsToBreak];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await PrepareAsync(ct) ?? Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await PrepareAsync(ct) is { } elsewhere) return elsewhere;
        var result = await Plans.AgreeAsync(Scope, Draft.Choice, Evidence(), ct);
        if (result.Plan is null)
        {
            if (result.Error == "running") return SeeOther("/plan");
            Error = texts["Plan.Changed"];
            return Page();
        }
        PlanDraft.Clear(HttpContext);
        // Paid by direct debit without a mandate yet: the direct-debit steps come next, on the plan's day.
        if (Plan.PaidBy == PaidBy.DirectDebit && !Offer.HasMandate)
            (DirectDebitDraft.Read(HttpContext, Link.PayLinkId) with { Day = Plan.Day }).Write(HttpContext);
        return SeeOther("/plan/done");
    }

    private async Task<IActionResult?> PrepareAsync(CancellationToken ct)
    {
        if (await LoadAsync("/plan/check", ct) is { } elsewhere) return elsewhere;
        if (Proposal is not { } plan) return SeeOther(Draft.Missing ?? "/plan/terms");
        Plan = plan;
        return null;
    }

    /// <summary>The page as plain text in the customer's language: what they saw when they agreed.</summary>
    private string Evidence()
    {
        var text = new StringBuilder();
        text.AppendLine(FormattableString.Invariant($"Language: {CultureInfo.CurrentUICulture.Name}; pay link: {Link.PayLinkId}; channel: portal."));
        text.AppendLine(texts["Plan.CheckTitle"]);
        foreach (var invoice in Plan.Invoices)
            text.AppendLine($"{texts["Invoice.Name", invoice.Number]}: {Display.Amount(Money.FromMinor(invoice.DueMinor, invoice.Currency))}");
        text.AppendLine($"{texts["Plan.Total"]}: {Display.Amount(Money.FromMinor(Plan.TotalMinor, Plan.Currency))}");
        text.AppendLine($"{texts["Plan.How"]}: {HowText}");
        foreach (var term in Plan.Terms)
            text.AppendLine($"{(term.DownPayment ? texts["Plan.DownPayment"] : texts["Plan.TermNumber", term.Number])}: {Display.Date(term.DueDate)}, "
                + Display.Amount(Money.FromMinor(term.AmountMinor, Plan.Currency)));
        text.AppendLine(MissedText);
        text.AppendLine(Plan.Decision.ApproveNow ? texts["Plan.AgreeNote"] : texts["Plan.RequestNote"]);
        text.Append(FormattableString.Invariant($"Choices: invoices {string.Join(' ', Plan.Invoices.Select(i => i.Number))}; terms {Draft.Terms?.ToString(CultureInfo.InvariantCulture) ?? "-"}; ")
            + FormattableString.Invariant($"per term {Draft.PerTermMinor?.ToString(CultureInfo.InvariantCulture) ?? "-"}; paid by {ArrangementService.PaidByName(Plan.PaidBy)}; day {Plan.Day?.ToString(CultureInfo.InvariantCulture) ?? "-"}; ")
            + $"outside policy: {string.Join(',', Plan.Decision.Reasons)}.");
        return text.ToString();
    }
}
