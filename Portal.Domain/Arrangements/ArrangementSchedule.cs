using Portal.Domain.DirectDebit;

namespace Portal.Domain.Arrangements;

/// <summary>How each term of a plan is paid: collected by direct debit on the customer's day, or by a pay link sent before it.</summary>
public enum PaidBy
{
    DirectDebit,
    PayLink,
}

/// <summary>One term of a plan as agreed: its number (1 first), its date and its amount. A down payment is term 1.</summary>
public sealed record PlannedTerm(int Number, DateOnly DueDate, long AmountMinor, bool DownPayment = false);

/// <summary>
/// The arithmetic of a plan. The total is split into terms to the cent: a down payment first where the policy asks
/// one, then equal terms where the last takes the rounding. Terms are monthly on collection dates
/// (<see cref="CollectionCalendar"/>): by direct debit on the customer's day, by pay link on the day of the month the
/// first term can be announced (the organisation's lead in business days after today).
/// </summary>
public static class ArrangementSchedule
{
    /// <summary>Beyond any policy: five years of monthly terms.</summary>
    public const int MaxTerms = 60;

    /// <summary>The down payment a policy asks for a total: the percentage, rounded up to the cent; 0 when it asks none.</summary>
    public static long DownPaymentMinor(long totalMinor, int percent) =>
        percent <= 0 ? 0 : (totalMinor * percent + 99) / 100;

    /// <summary>The day of the month pay-link terms fall on for a plan made today.</summary>
    public static int PayLinkDay(DateOnly today, int leadBusinessDays) => CollectionCalendar.Earliest(today, leadBusinessDays).Day;

    /// <summary><paramref name="count"/> monthly dates from the first one that can still be announced.</summary>
    public static IReadOnlyList<DateOnly> Dates(DateOnly today, int day, int leadBusinessDays, int count) =>
        CollectionCalendar.Upcoming(today, day, leadBusinessDays, count);

    /// <summary>
    /// <paramref name="terms"/> equal terms after the down payment, the last one taking the rounding. <paramref name="dates"/>
    /// holds one date per term, the down payment's first.
    /// </summary>
    public static IReadOnlyList<PlannedTerm> ByTerms(long totalMinor, long downPaymentMinor, int terms, IReadOnlyList<DateOnly> dates)
    {
        if (terms < 1) throw new ArgumentOutOfRangeException(nameof(terms), terms, "A plan has at least one term after its down payment.");
        var rest = totalMinor - downPaymentMinor;
        if (rest < terms) throw new ArgumentOutOfRangeException(nameof(terms), terms, "Every term is at least one cent.");
        var each = rest / terms;
        var amounts = Enumerable.Repeat(each, terms - 1).Append(rest - each * (terms - 1));
        return Build(downPaymentMinor, amounts, dates);
    }

    /// <summary>
    /// How many terms <paramref name="perTermMinor"/> a month takes after the down payment: the last term takes what
    /// is left, and a rest below <paramref name="minimumTermMinor"/> joins the term before it instead of being a term.
    /// </summary>
    public static int TermsFor(long totalMinor, long downPaymentMinor, long perTermMinor, long minimumTermMinor)
    {
        if (perTermMinor < 1) throw new ArgumentOutOfRangeException(nameof(perTermMinor), perTermMinor, "A term is at least one cent.");
        var rest = totalMinor - downPaymentMinor;
        var terms = (int)Math.Min(int.MaxValue, (rest + perTermMinor - 1) / perTermMinor);
        var last = rest - perTermMinor * (terms - 1);
        return terms > 1 && last < minimumTermMinor ? terms - 1 : terms;
    }

    /// <summary>Terms of <paramref name="perTermMinor"/> after the down payment, as many as <see cref="TermsFor"/> says, the last taking the rest.</summary>
    public static IReadOnlyList<PlannedTerm> ByAmount(long totalMinor, long downPaymentMinor, long perTermMinor, long minimumTermMinor, IReadOnlyList<DateOnly> dates)
    {
        var terms = TermsFor(totalMinor, downPaymentMinor, perTermMinor, minimumTermMinor);
        var rest = totalMinor - downPaymentMinor;
        var amounts = Enumerable.Repeat(perTermMinor, terms - 1).Append(rest - perTermMinor * (terms - 1));
        return Build(downPaymentMinor, amounts, dates);
    }

    /// <summary>How many months from this month the plan's last term is in: a plan of 12 monthly terms starting next month runs 12 months.</summary>
    public static int Months(DateOnly today, IReadOnlyList<PlannedTerm> terms) =>
        terms.Count == 0 ? 0 : (terms[^1].DueDate.Year - today.Year) * 12 + terms[^1].DueDate.Month - today.Month;

    private static List<PlannedTerm> Build(long downPaymentMinor, IEnumerable<long> amounts, IReadOnlyList<DateOnly> dates)
    {
        var all = (downPaymentMinor > 0 ? amounts.Prepend(downPaymentMinor) : amounts).ToList();
        if (dates.Count < all.Count) throw new ArgumentException($"The plan has {all.Count} terms and {dates.Count} dates.", nameof(dates));
        return [.. all.Select((amount, i) => new PlannedTerm(i + 1, dates[i], amount, downPaymentMinor > 0 && i == 0))];
    }
}
