using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Portal.Domain;
using Portal.Domain.Arrangements;
using Portal.Infrastructure.Arrangements;
using Portal.Web.Customers;

namespace Portal.Web.Pages.Plan;

/// <summary>
/// Step 2: in how many terms, or how much per term. The counts on offer are those inside the organisation's policy,
/// each with what a term is and when the last one is; an amount of their own may fall outside it and becomes a request.
/// </summary>
public class TermsModel(ArrangementService plans, IStringLocalizer<SharedResource> texts) : PlanStepModel(plans)
{
    /// <summary>A number of terms, or "other" for an amount per term.</summary>
    [BindProperty]
    public string? Choice { get; set; }

    [BindProperty]
    public string? PerTerm { get; set; }

    public sealed record Option(int Terms, long EachMinor, long DownPaymentMinor, DateOnly Last);

    public IReadOnlyList<Option> Options { get; private set; } = [];

    public string Currency => Chosen[0].Currency;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await LoadAsync("/plan/terms", ct) is { } elsewhere) return elsewhere;
        Prepare();
        Choice = Draft.Terms?.ToString(CultureInfo.InvariantCulture) ?? (Draft.PerTermMinor is null ? null : "other");
        PerTerm = Draft.PerTermTyped;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await LoadAsync("/plan/terms", ct) is { } elsewhere) return elsewhere;
        Prepare();
        PlanDraft next;
        if (Choice == "other")
        {
            if (CheckPerTerm() is not { } perTerm) return Page();
            next = Draft with { Terms = null, PerTermMinor = perTerm, PerTermTyped = PerTerm };
        }
        else if (int.TryParse(Choice, NumberStyles.None, CultureInfo.InvariantCulture, out var terms) && Options.Any(o => o.Terms == terms))
            next = Draft with { Terms = terms, PerTermMinor = null, PerTermTyped = null };
        else
        {
            ModelState.AddModelError(nameof(Choice), texts["Plan.ChooseTerms"]);
            return Page();
        }
        // Without direct debit on offer the terms are paid by pay link, so that question is not asked.
        if (!Offer.OffersDirectDebit) next = next with { PaidBy = PaidBy.PayLink };
        next.Write(HttpContext);
        return SeeOther(next.Missing ?? "/plan/check");
    }

    private void Prepare()
    {
        var total = TotalMinor;
        var down = ArrangementSchedule.DownPaymentMinor(total, Offer.Policy.MinimumDownPaymentPercent);
        var day = ArrangementSchedule.PayLinkDay(Offer.Today, Offer.Lead);
        Options = [.. ArrangementRules.TermChoices(Offer.Policy, total).Select(n =>
            new Option(n, (total - down) / n, down, ArrangementSchedule.Dates(Offer.Today, day, Offer.Lead, n + (down > 0 ? 1 : 0))[^1]))];
    }

    private long? CheckPerTerm()
    {
        var read = AmountInput.TryParseMinor(PerTerm, CultureInfo.CurrentCulture, out var minor);
        LocalizedString? error = read switch
        {
            AmountInput.Result.Missing => texts["Plan.PerTermMissing"],
            AmountInput.Result.Invalid => texts["Pay.Amount.Invalid"],
            _ => Offer.CheckAmount(minor, TotalMinor) switch
            {
                ArrangementOffer.AmountCheck.TooLow => texts["Pay.Amount.Invalid"],
                ArrangementOffer.AmountCheck.NotLessThanTotal => texts["Plan.PerTermTooHigh", Display.Amount(Money.FromMinor(TotalMinor, Currency))],
                ArrangementOffer.AmountCheck.TooManyTerms => texts["Plan.PerTermTooLow", ArrangementSchedule.MaxTerms],
                _ => null,
            },
        };
        if (error is null) return minor;
        ModelState.AddModelError(nameof(PerTerm), error.Value);
        return null;
    }
}
