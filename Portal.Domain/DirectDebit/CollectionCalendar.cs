namespace Portal.Domain.DirectDebit;

/// <summary>
/// When a collection on the customer's day of the month happens. Day D lands on D, or on the next TARGET2 business
/// day when D is a weekend or closing day. Days 29 to 31 stay in their month: when the month has no such day, or
/// it is not a business day, the collection is on the month's last business day. The first collection comes at
/// least the organisation's pre-notification lead (in business days) after today, so the notice can go out in time.
/// </summary>
public static class CollectionCalendar
{
    public const int FirstDay = 1;
    public const int LastDay = 31;

    public static bool IsDay(int day) => day is >= FirstDay and <= LastDay;

    /// <summary>The date of the collection for <paramref name="day"/> in the given month.</summary>
    public static DateOnly DateIn(int year, int month, int day)
    {
        if (!IsDay(day)) throw new ArgumentOutOfRangeException(nameof(day), day, "A collection day is 1 to 31.");
        if (day <= 28) return Target2Calendar.OnOrAfter(new DateOnly(year, month, day));
        if (day <= DateTime.DaysInMonth(year, month) && new DateOnly(year, month, day) is var date && Target2Calendar.IsBusinessDay(date))
            return date;
        return Target2Calendar.LastBusinessDayOfMonth(year, month);
    }

    /// <summary>The earliest date a collection may be on when it is planned today: the lead in business days after today.</summary>
    public static DateOnly Earliest(DateOnly today, int leadBusinessDays) => Target2Calendar.AddBusinessDays(today, leadBusinessDays);

    /// <summary>The first collection date for <paramref name="day"/> on or after <paramref name="from"/>.</summary>
    public static DateOnly OnOrAfter(DateOnly from, int day)
    {
        // Day 28 of a month can roll into the next one (a Saturday the 28th is collected on Monday the 2nd), so the
        // search starts a month early.
        var month = new DateOnly(from.Year, from.Month, 1).AddMonths(-1);
        while (true)
        {
            var date = DateIn(month.Year, month.Month, day);
            if (date >= from) return date;
            month = month.AddMonths(1);
        }
    }

    /// <summary>The first collection for a customer who picks <paramref name="day"/> today: this month if the lead allows, else the next.</summary>
    public static DateOnly First(DateOnly today, int day, int leadBusinessDays) => OnOrAfter(Earliest(today, leadBusinessDays), day);

    /// <summary>
    /// The collection an invoice goes into: the first on or after its due date, and never sooner than the lead
    /// allows (an overdue invoice goes into the next one that can still be announced).
    /// </summary>
    public static DateOnly ForInvoice(DateOnly dueDate, DateOnly today, int day, int leadBusinessDays)
    {
        var earliest = Earliest(today, leadBusinessDays);
        return OnOrAfter(dueDate > earliest ? dueDate : earliest, day);
    }

    /// <summary>The next <paramref name="count"/> collection dates for <paramref name="day"/>, from the first one.</summary>
    public static IReadOnlyList<DateOnly> Upcoming(DateOnly today, int day, int leadBusinessDays, int count)
    {
        var dates = new List<DateOnly>(count);
        var next = First(today, day, leadBusinessDays);
        while (dates.Count < count)
        {
            dates.Add(next);
            next = OnOrAfter(next.AddDays(1), day);
        }
        return dates;
    }
}
