using Portal.Domain.Arrangements;
using Portal.Domain.DirectDebit;

namespace Portal.Infrastructure.Arrangements;

/// <summary>An invoice a plan can take: payable, in euro, in no plan that runs or waits for an answer.</summary>
public sealed record PlanInvoice(long Id, string Number, string? Description, DateOnly DueDate, long DueMinor, long PaidMinor, string Currency);

/// <summary>
/// What a customer may set up today: the organisation's plan and direct-debit rules, the invoices a plan can take, whether
/// the customer can already be collected from, and when their last plan broke.
/// </summary>
/// <param name="Running">The customer has a plan that runs or waits for an answer: one at a time.</param>
public sealed record ArrangementOffer(ArrangementPolicy Policy, DirectDebitPolicy DirectDebit, IReadOnlyList<PlanInvoice> Invoices, bool HasMandate,
    int? CollectionDay, DateOnly? LastBrokenOn, DateOnly Today, bool Running = false)
{
    /// <summary>Plans are offered at all: switched on, and something to pay.</summary>
    public bool IsOffered => Policy.Enabled && Invoices.Count > 0 && !Running;

    /// <summary>Direct debit can be chosen for the terms: the organisation collects and has days to offer.</summary>
    public bool OffersDirectDebit => DirectDebit.Enabled;

    /// <summary>The business days between a term's notice (or pay link) and its date.</summary>
    public int Lead => DirectDebit.LeadBusinessDays;

    public IReadOnlyList<PlanInvoice> Chosen(IReadOnlyList<string> numbers) =>
        numbers.Count == 0 ? Invoices : [.. Invoices.Where(i => numbers.Contains(i.Number))];

    /// <summary>
    /// The plan a set of choices makes, or null while they are incomplete or impossible: invoices chosen, the number of
    /// terms or the amount per term, how the terms are paid, and for direct debit a day the organisation offers.
    /// </summary>
    public Proposal? Propose(ArrangementChoice choice)
    {
        var invoices = Chosen(choice.InvoiceNumbers);
        if (invoices.Count == 0 || choice.PaidBy is not { } paidBy) return null;
        var total = invoices.Sum(i => i.DueMinor);
        var down = ArrangementSchedule.DownPaymentMinor(total, Policy.MinimumDownPaymentPercent);
        int day;
        if (paidBy == PaidBy.DirectDebit)
        {
            if (!OffersDirectDebit || choice.Day is not { } chosen || !DirectDebit.Allows(chosen)) return null;
            day = chosen;
        }
        else day = ArrangementSchedule.PayLinkDay(Today, Lead);
        var count = TermCount(choice, total, down);
        if (count is not { } terms) return null;
        var dates = ArrangementSchedule.Dates(Today, day, Lead, terms + (down > 0 ? 1 : 0));
        var planned = choice.Terms is not null
            ? ArrangementSchedule.ByTerms(total, down, terms, dates)
            : ArrangementSchedule.ByAmount(total, down, choice.PerTermMinor!.Value, Policy.MinimumTermMinor, dates);
        return new Proposal(invoices, total, paidBy, paidBy == PaidBy.DirectDebit ? day : null, planned,
            ArrangementRules.Decide(Policy, total, planned, Today, LastBrokenOn));
    }

    /// <summary>The number of terms after the down payment, or null when the choice cannot make a plan (see <see cref="CheckAmount"/>).</summary>
    public int? TermCount(ArrangementChoice choice, long total, long down)
    {
        if (choice.Terms is { } terms) return terms >= 2 && terms <= ArrangementSchedule.MaxTerms && total - down >= terms ? terms : null;
        if (choice.PerTermMinor is not { } perTerm || CheckAmount(perTerm, total) != AmountCheck.Ok) return null;
        return ArrangementSchedule.TermsFor(total, down, perTerm, Policy.MinimumTermMinor);
    }

    public enum AmountCheck { Ok, TooLow, NotLessThanTotal, TooManyTerms }

    /// <summary>Whether an amount per term the customer typed can make a plan at all (inside the policy or as a request).</summary>
    public AmountCheck CheckAmount(long perTermMinor, long totalMinor)
    {
        var rest = totalMinor - ArrangementSchedule.DownPaymentMinor(totalMinor, Policy.MinimumDownPaymentPercent);
        if (perTermMinor < 1) return AmountCheck.TooLow;
        if (perTermMinor >= rest) return AmountCheck.NotLessThanTotal;
        return ArrangementSchedule.TermsFor(totalMinor, totalMinor - rest, perTermMinor, Policy.MinimumTermMinor) > ArrangementSchedule.MaxTerms
            ? AmountCheck.TooManyTerms : AmountCheck.Ok;
    }
}

/// <summary>What the customer chose in the steps so far; null where they have not answered yet.</summary>
public sealed record ArrangementChoice(IReadOnlyList<string> InvoiceNumbers, int? Terms, long? PerTermMinor, PaidBy? PaidBy, int? Day);

/// <summary>A plan as the customer would agree to it, and what the policy makes of it.</summary>
public sealed record Proposal(IReadOnlyList<PlanInvoice> Invoices, long TotalMinor, PaidBy PaidBy, int? Day, IReadOnlyList<PlannedTerm> Terms,
    ArrangementDecision Decision)
{
    public string Currency => Invoices[0].Currency;
}
