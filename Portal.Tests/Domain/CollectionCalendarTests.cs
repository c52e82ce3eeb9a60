using Portal.Domain.DirectDebit;
using Shouldly;
using static Portal.Tests.Domain.CalendarOracle;

namespace Portal.Tests.Domain;

/// <summary>When a collection on a day of the month happens: DateIn, First, ForInvoice and Upcoming.</summary>
public class CollectionCalendarTests
{
    // ---- 2. CollectionCalendar.DateIn examples ----------------------------------------------------------------

    [Theory]
    [InlineData(2026, 3, 10, 2026, 3, 10)]  // Tuesday stays
    [InlineData(2026, 3, 2, 2026, 3, 2)]    // Monday stays
    [InlineData(2026, 3, 14, 2026, 3, 16)]  // Saturday → Monday
    [InlineData(2026, 3, 15, 2026, 3, 16)]  // Sunday → Monday
    [InlineData(2026, 12, 25, 2026, 12, 28)] // Christmas Friday, 26 Sat, 27 Sun → Monday 28th
    [InlineData(2026, 12, 26, 2026, 12, 28)]
    [InlineData(2027, 1, 1, 2027, 1, 4)]    // New Year Friday → Monday 4th
    [InlineData(2026, 4, 3, 2026, 4, 7)]    // Good Friday, weekend, Easter Monday → Tuesday
    [InlineData(2026, 4, 6, 2026, 4, 7)]    // Easter Monday → Tuesday
    [InlineData(2026, 5, 1, 2026, 5, 4)]    // 1 May Friday → Monday
    [InlineData(2026, 4, 27, 2026, 4, 27)]  // Koningsdag is collected
    [InlineData(2026, 5, 25, 2026, 5, 25)]  // Whit Monday is collected
    [InlineData(2026, 2, 28, 2026, 3, 2)]   // Saturday the 28th rolls into March
    [InlineData(2027, 2, 28, 2027, 3, 1)]   // Sunday the 28th rolls into March
    [InlineData(2028, 2, 28, 2028, 2, 28)]  // Monday the 28th stays
    public void DateIn_ADayUpTo28_IsThatDayOrTheNextBusinessDay(int year, int month, int day, int ey, int em, int ed) =>
        CollectionCalendar.DateIn(year, month, day).ShouldBe(D(ey, em, ed));

    [Theory]
    [InlineData(2026, 2, 29, 2026, 2, 27)]  // Feb 2026 has 28 days, the 28th a Saturday → Friday 27th
    [InlineData(2026, 2, 30, 2026, 2, 27)]
    [InlineData(2026, 2, 31, 2026, 2, 27)]
    [InlineData(2027, 2, 29, 2027, 2, 26)]  // Feb 2027: 28th a Sunday → Friday 26th
    [InlineData(2028, 2, 29, 2028, 2, 29)]  // leap year: Tuesday 29th exists
    [InlineData(2028, 2, 30, 2028, 2, 29)]
    [InlineData(2028, 2, 31, 2028, 2, 29)]
    [InlineData(2026, 4, 31, 2026, 4, 30)]  // April has 30 days; 30th a Thursday
    [InlineData(2026, 4, 30, 2026, 4, 30)]
    [InlineData(2026, 4, 29, 2026, 4, 29)]
    [InlineData(2026, 1, 31, 2026, 1, 30)]  // Saturday 31st → Friday 30th, not February
    [InlineData(2026, 10, 31, 2026, 10, 30)] // Saturday 31st → Friday 30th
    [InlineData(2026, 8, 30, 2026, 8, 31)]  // Sunday 30th → the month's last business day, Monday 31st
    [InlineData(2026, 8, 31, 2026, 8, 31)]
    [InlineData(2026, 12, 31, 2026, 12, 31)] // Thursday 31 Dec is a business day
    [InlineData(2026, 3, 31, 2026, 3, 31)]
    public void DateIn_Days29To31_StayInTheirMonth(int year, int month, int day, int ey, int em, int ed) =>
        CollectionCalendar.DateIn(year, month, day).ShouldBe(D(ey, em, ed));

    [Theory]
    [InlineData(0)]
    [InlineData(32)]
    [InlineData(-1)]
    public void DateIn_NotADayOfTheMonth_Throws(int day)
    {
        Should.Throw<ArgumentOutOfRangeException>(() => CollectionCalendar.DateIn(2026, 3, day));
        CollectionCalendar.IsDay(day).ShouldBeFalse();
    }

    [Fact]
    public void IsDay_OneTo31()
    {
        Enumerable.Range(1, 31).ShouldAllBe(d => CollectionCalendar.IsDay(d));
    }

    // ---- 3. DateIn over every day and month ---------------------------------------------------------------------

    [Fact]
    public void DateIn_EveryDayOfEveryMonth_2026To2030_KeepsTheRules()
    {
        var problems = new List<string>();
        foreach (var (year, month) in AllMonths())
        {
            var daysInMonth = DateTime.DaysInMonth(year, month);
            for (var day = 1; day <= 31; day++)
            {
                var date = CollectionCalendar.DateIn(year, month, day);
                var where = $"day {day} of {year}-{month:00} → {date:yyyy-MM-dd}";
                if (!Target2Calendar.IsBusinessDay(date) || OracleClosing(date)) problems.Add($"{where}: not a business day");
                if (day <= 28)
                {
                    var dth = D(year, month, day);
                    if (date < dth) problems.Add($"{where}: before the {day}th");
                    // and it is the first business day on or after the D-th
                    for (var d = dth; d < date; d = d.AddDays(1))
                        if (!OracleClosing(d)) { problems.Add($"{where}: skipped business day {d}"); break; }
                }
                else
                {
                    if (date.Year != year || date.Month != month) problems.Add($"{where}: left its month");
                    var exact = day <= daysInMonth && !OracleClosing(D(year, month, day));
                    if (exact && date != D(year, month, day)) problems.Add($"{where}: should be the {day}th itself");
                    if (!exact)
                    {
                        // the last business day of the month
                        for (var d = date.AddDays(1); d <= D(year, month, daysInMonth); d = d.AddDays(1))
                            if (!OracleClosing(d)) { problems.Add($"{where}: not the last business day, {d} is later"); break; }
                    }
                }
            }
        }
        problems.ShouldBeEmpty();
    }

    // ---- 4. First ---------------------------------------------------------------------------------------------

    [Theory]
    // Lead crosses the Christmas closing days and the month end: 23, 24, 28, 29, 30 → earliest Wednesday 30 Dec.
    [InlineData(2026, 12, 22, 5, 1, 2027, 1, 4)]    // 1 Jan 2027 is a closing Friday → Monday 4 Jan
    [InlineData(2026, 12, 22, 5, 30, 2026, 12, 30)] // the earliest day itself
    [InlineData(2026, 12, 22, 5, 31, 2026, 12, 31)] // this month still
    [InlineData(2026, 12, 22, 5, 29, 2027, 1, 29)]  // 29 Dec is too soon
    [InlineData(2026, 12, 22, 5, 28, 2027, 1, 28)]
    [InlineData(2026, 12, 22, 5, 22, 2027, 1, 22)]
    // Lead spans Easter 2026: 1, 2 Apr, (Good Friday, weekend, Easter Monday), 7, 8, 9 → earliest Thursday 9 Apr.
    [InlineData(2026, 3, 31, 5, 9, 2026, 4, 9)]
    [InlineData(2026, 3, 31, 5, 10, 2026, 4, 10)]
    [InlineData(2026, 3, 31, 5, 8, 2026, 5, 8)]
    [InlineData(2026, 3, 31, 5, 3, 2026, 5, 4)]     // 3 May 2026 is a Sunday
    // This month when the lead allows.
    [InlineData(2026, 3, 2, 5, 15, 2026, 3, 16)]    // earliest 9 Mar; 15 Mar is a Sunday
    [InlineData(2026, 3, 2, 5, 9, 2026, 3, 9)]
    [InlineData(2026, 3, 2, 5, 6, 2026, 4, 7)]      // 6 Mar too soon; 6 Apr 2026 is Easter Monday → Tuesday 7 Apr
    [InlineData(2026, 3, 10, 5, 15, 2026, 4, 15)]   // earliest 17 Mar: too late for the 15th (Monday 16th)
    [InlineData(2026, 3, 10, 1, 11, 2026, 3, 11)]   // lead 1: tomorrow
    // Day 28 rolling into the next month counts as that month's collection.
    [InlineData(2026, 2, 20, 5, 28, 2026, 3, 2)]    // earliest 27 Feb; Saturday 28 Feb → Monday 2 Mar
    [InlineData(2026, 2, 23, 5, 28, 2026, 3, 2)]    // earliest 2 Mar: exactly the rolled February collection
    [InlineData(2026, 2, 24, 5, 28, 2026, 3, 30)]   // earliest 3 Mar; 28 Mar is a Saturday → Monday 30 Mar
    // Lead of 20 business days.
    [InlineData(2026, 12, 1, 20, 1, 2027, 1, 4)]    // 20 business days after 1 Dec → 30 Dec; then 1 Jan closing → 4 Jan
    [InlineData(2026, 12, 1, 20, 31, 2026, 12, 31)]
    public void First_IsTheFirstCollectionTheLeadAllows(int y, int m, int d, int lead, int day, int ey, int em, int ed)
    {
        var today = D(y, m, d);
        var first = CollectionCalendar.First(today, day, lead);
        first.ShouldBe(D(ey, em, ed));
        first.ShouldBeGreaterThanOrEqualTo(CollectionCalendar.Earliest(today, lead));
    }

    [Theory]
    [InlineData(2026, 12, 22, 5, 2026, 12, 30)]
    [InlineData(2026, 3, 31, 5, 2026, 4, 9)]
    [InlineData(2026, 3, 2, 5, 2026, 3, 9)]
    // Business days after 1 Dec 2026: 2–4 (3), 7–11 (8), 14–18 (13), 21–24 (17), [25 closing], 28, 29, 30 (20).
    [InlineData(2026, 12, 1, 20, 2026, 12, 30)]
    [InlineData(2026, 3, 6, 1, 2026, 3, 9)]     // Friday + 1 → Monday
    [InlineData(2027, 3, 25, 1, 2027, 3, 30)]   // Thursday before Good Friday 2027 + 1 → Tuesday after Easter Monday
    public void Earliest_IsTheLeadInBusinessDaysAfterToday(int y, int m, int d, int lead, int ey, int em, int ed) =>
        CollectionCalendar.Earliest(D(y, m, d), lead).ShouldBe(D(ey, em, ed));

    [Fact]
    public void First_ForEveryTodayAndDay_IsTheEarliestCollectionOnOrAfterTheLead()
    {
        var problems = new List<string>();
        for (var today = D(2026, 1, 1); today <= D(2030, 10, 31); today = today.AddDays(3))
        {
            foreach (var lead in new[] { 1, 5, 14 })
            {
                var earliest = CollectionCalendar.Earliest(today, lead);
                for (var day = 1; day <= 31; day++)
                {
                    var first = CollectionCalendar.First(today, day, lead);
                    var where = $"today {today}, lead {lead}, day {day} → {first}";
                    if (first < earliest) problems.Add($"{where}: before earliest {earliest}");
                    // every collection date for this day, in months around today, that is on or after earliest
                    var candidates = Enumerable.Range(-1, 4)
                        .Select(i => new DateOnly(today.Year, today.Month, 1).AddMonths(i))
                        .Select(mo => CollectionCalendar.DateIn(mo.Year, mo.Month, day))
                        .Where(c => c >= earliest)
                        .ToList();
                    if (candidates.Count == 0 || first != candidates.Min()) problems.Add($"{where}: expected {(candidates.Count == 0 ? "?" : candidates.Min())}");
                }
            }
        }
        problems.ShouldBeEmpty();
    }

    // ---- 5. ForInvoice ----------------------------------------------------------------------------------------

    [Theory]
    // today Monday 2 Mar 2026, lead 5 → earliest Monday 9 Mar; day 15 → 16 Mar (15th a Sunday).
    [InlineData(2026, 4, 20, 15, 2026, 5, 15)]  // due later: first collection on or after 20 Apr → 15 May
    [InlineData(2026, 4, 15, 15, 2026, 4, 15)]  // due on a collection day: that one
    [InlineData(2026, 4, 16, 15, 2026, 5, 15)]  // a day after: the next month
    [InlineData(2026, 2, 1, 15, 2026, 3, 16)]   // overdue: first after earliest
    [InlineData(2026, 3, 2, 15, 2026, 3, 16)]   // due today
    [InlineData(2026, 3, 5, 15, 2026, 3, 16)]   // due before earliest
    [InlineData(2026, 3, 5, 6, 2026, 4, 7)]     // due before earliest, 6 Mar too soon; 6 Apr Easter Monday → 7 Apr
    [InlineData(2026, 3, 10, 9, 2026, 4, 9)]    // due after earliest (9 Mar) and after the 9th → April
    [InlineData(2026, 3, 9, 9, 2026, 3, 9)]     // due exactly on earliest, which is a collection
    [InlineData(2026, 12, 24, 31, 2026, 12, 31)]
    [InlineData(2027, 1, 1, 31, 2027, 1, 29)]   // 31 Jan 2027 is a Sunday → Friday 29th
    public void ForInvoice_IsTheFirstCollectionOnOrAfterDue_AndNeverBeforeTheLead(int dy, int dm, int dd, int day, int ey, int em, int ed)
    {
        var today = D(2026, 3, 2);
        var result = CollectionCalendar.ForInvoice(D(dy, dm, dd), today, day, 5);
        result.ShouldBe(D(ey, em, ed));
        result.ShouldBeGreaterThanOrEqualTo(CollectionCalendar.Earliest(today, 5));
    }

    [Fact]
    public void ForInvoice_OverdueAcrossChristmas_GoesIntoTheFirstThatCanBeAnnounced()
    {
        // today 22 Dec 2026, lead 5 → earliest 30 Dec. An invoice due 1 Dec on day 1 → 4 Jan 2027.
        CollectionCalendar.ForInvoice(D(2026, 12, 1), D(2026, 12, 22), 1, 5).ShouldBe(D(2027, 1, 4));
        CollectionCalendar.ForInvoice(D(2026, 12, 1), D(2026, 12, 22), 29, 5).ShouldBe(D(2027, 1, 29));
        CollectionCalendar.ForInvoice(D(2026, 12, 1), D(2026, 12, 22), 30, 5).ShouldBe(D(2026, 12, 30));
    }

    [Fact]
    public void ForInvoice_IsNeverBeforeDueNorEarliest_AndIsACollectionDate()
    {
        var problems = new List<string>();
        var today = D(2026, 12, 22);
        var earliest = CollectionCalendar.Earliest(today, 5);
        for (var due = D(2026, 11, 1); due <= D(2027, 6, 30); due = due.AddDays(1))
        {
            foreach (var day in new[] { 1, 15, 28, 29, 31 })
            {
                var result = CollectionCalendar.ForInvoice(due, today, day, 5);
                var floor = due > earliest ? due : earliest;
                if (result < floor) problems.Add($"due {due}, day {day}: {result} before {floor}");
                if (result != CollectionCalendar.OnOrAfter(floor, day)) problems.Add($"due {due}, day {day}: {result} not the first on or after {floor}");
                var isCollection = Enumerable.Range(-1, 3)
                    .Select(i => new DateOnly(result.Year, result.Month, 1).AddMonths(i))
                    .Any(mo => CollectionCalendar.DateIn(mo.Year, mo.Month, day) == result);
                if (!isCollection) problems.Add($"due {due}, day {day}: {result} is not a collection date");
            }
        }
        problems.ShouldBeEmpty();
    }

    // ---- 6. Upcoming ------------------------------------------------------------------------------------------

    [Fact]
    public void Upcoming_FromChristmas2026_Day1()
    {
        CollectionCalendar.Upcoming(D(2026, 12, 22), 1, 5, 4)
            .ShouldBe(new[] { D(2027, 1, 4), D(2027, 2, 1), D(2027, 3, 1), D(2027, 4, 1) });
    }

    [Fact]
    public void Upcoming_Day28_IncludesTheRolledFebruaryCollection()
    {
        // Feb 28 2026 Saturday → 2 Mar; Mar 28 Saturday → 30 Mar; Apr 28 Tuesday.
        CollectionCalendar.Upcoming(D(2026, 2, 2), 28, 5, 3)
            .ShouldBe(new[] { D(2026, 3, 2), D(2026, 3, 30), D(2026, 4, 28) });
    }

    [Fact]
    public void Upcoming_IsIncreasing_OnePerMonth_EachTheDateInOfItsMonth()
    {
        var problems = new List<string>();
        for (var today = D(2026, 1, 1); today <= D(2029, 12, 31); today = today.AddDays(11))
        {
            for (var day = 1; day <= 31; day++)
            {
                var dates = CollectionCalendar.Upcoming(today, day, 5, 13);
                var where = $"today {today}, day {day}";
                if (dates.Count != 13) { problems.Add($"{where}: {dates.Count} dates"); continue; }
                if (dates[0] != CollectionCalendar.First(today, day, 5)) problems.Add($"{where}: does not start at First");
                for (var i = 1; i < dates.Count; i++)
                    if (dates[i] <= dates[i - 1]) problems.Add($"{where}: {dates[i]} not after {dates[i - 1]}");
                // the month whose collection the first date is (day 28 may roll into the following month)
                var start = new DateOnly(dates[0].Year, dates[0].Month, 1);
                if (CollectionCalendar.DateIn(start.Year, start.Month, day) != dates[0]) start = start.AddMonths(-1);
                for (var i = 0; i < dates.Count; i++)
                {
                    var month = start.AddMonths(i);
                    var expected = CollectionCalendar.DateIn(month.Year, month.Month, day);
                    if (dates[i] != expected) problems.Add($"{where}: #{i} is {dates[i]}, DateIn of {month:yyyy-MM} is {expected}");
                }
            }
        }
        problems.ShouldBeEmpty();
    }
}
