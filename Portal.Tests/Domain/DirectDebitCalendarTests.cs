using Portal.Domain.DirectDebit;
using Shouldly;

namespace Portal.Tests.Domain;

public class DirectDebitCalendarTests
{
    private const int FromYear = 2026;
    private const int ToYear = 2030;

    private static DateOnly D(int year, int month, int day) => new(year, month, day);

    // ---- The test's own oracle -------------------------------------------------------------------------------

    /// <summary>
    /// Easter Sunday by Gauss's algorithm with the Gregorian corrections (a different method from the
    /// Meeus/Jones/Butcher one in Target2Calendar), including Gauss's two exceptions.
    /// </summary>
    private static DateOnly GaussEaster(int year)
    {
        var a = year % 19;
        var b = year % 4;
        var c = year % 7;
        var k = year / 100;
        var p = (13 + 8 * k) / 25;
        var q = k / 4;
        var m = (15 - p + k - q) % 30;
        var n = (4 + k - q) % 7;
        var d = (19 * a + m) % 30;
        var e = (2 * b + 4 * c + 6 * d + n) % 7;
        if (d == 29 && e == 6) return new DateOnly(year, 4, 19);
        if (d == 28 && e == 6 && (11 * m + 11) % 30 < 19) return new DateOnly(year, 4, 18);
        return new DateOnly(year, 3, 22).AddDays(d + e);
    }

    private static bool OracleClosing(DateOnly date)
    {
        if (date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) return true;
        if (date.Month == 1 && date.Day == 1) return true;
        if (date.Month == 5 && date.Day == 1) return true;
        if (date.Month == 12 && (date.Day == 25 || date.Day == 26)) return true;
        var easter = GaussEaster(date.Year);
        return date == easter.AddDays(-2) || date == easter.AddDays(1);
    }

    private static IEnumerable<DateOnly> AllDays(int fromYear, int toYear)
    {
        for (var date = D(fromYear, 1, 1); date <= D(toYear, 12, 31); date = date.AddDays(1)) yield return date;
    }

    private static IEnumerable<(int Year, int Month)> AllMonths()
    {
        for (var year = FromYear; year <= ToYear; year++)
            for (var month = 1; month <= 12; month++)
                yield return (year, month);
    }

    // ---- 1. TARGET2 closing days ------------------------------------------------------------------------------

    [Theory]
    [InlineData(2026, 4, 5)]
    [InlineData(2027, 3, 28)]
    [InlineData(2028, 4, 16)]
    [InlineData(2029, 4, 1)]
    [InlineData(2030, 4, 21)]
    public void EasterSunday_IsTheKnownDate(int year, int month, int day)
    {
        GaussEaster(year).ShouldBe(D(year, month, day));
        Target2Calendar.EasterSunday(year).ShouldBe(D(year, month, day));
    }

    [Theory]
    [InlineData(1954, 4, 18)] // Gauss's second exception
    [InlineData(1981, 4, 19)] // Gauss's first exception
    [InlineData(2008, 3, 23)]
    [InlineData(2011, 4, 24)]
    [InlineData(2019, 4, 21)]
    [InlineData(2049, 4, 18)]
    [InlineData(2285, 3, 22)] // earliest possible
    [InlineData(2038, 4, 25)] // latest possible
    public void TheOracle_KnowsEaster_IncludingItsExceptions(int year, int month, int day) =>
        GaussEaster(year).ShouldBe(D(year, month, day));

    [Fact]
    public void EasterSunday_AgreesWithGauss_From1900To2299()
    {
        var wrong = Enumerable.Range(1900, 400).Where(y => Target2Calendar.EasterSunday(y) != GaussEaster(y)).ToList();
        wrong.ShouldBeEmpty();
    }

    [Fact]
    public void ClosingDays_EveryDayOf2026To2030_MatchTheOracle()
    {
        var wrong = AllDays(FromYear, ToYear)
            .Where(d => Target2Calendar.IsClosingDay(d) != OracleClosing(d) || Target2Calendar.IsBusinessDay(d) == OracleClosing(d))
            .Select(d => $"{d:yyyy-MM-dd} ({d.DayOfWeek}): code says closing={Target2Calendar.IsClosingDay(d)}")
            .ToList();
        wrong.ShouldBeEmpty();
    }

    [Fact]
    public void ClosingDays_2026_Are109()
    {
        // 2026: 104 weekend days; 1 Jan (Thu), Good Friday 3 Apr, Easter Monday 6 Apr, 1 May (Fri), 25 Dec (Fri) are
        // weekdays; 26 Dec is a Saturday. So 104 + 5 = 109 closing days.
        AllDays(2026, 2026).Count(Target2Calendar.IsClosingDay).ShouldBe(109);
    }

    [Theory]
    [InlineData(2026, 1, 1)]
    [InlineData(2026, 4, 3)]   // Good Friday
    [InlineData(2026, 4, 6)]   // Easter Monday
    [InlineData(2026, 5, 1)]
    [InlineData(2026, 12, 25)]
    [InlineData(2027, 3, 26)]  // Good Friday
    [InlineData(2027, 3, 29)]  // Easter Monday
    [InlineData(2028, 12, 26)] // a Tuesday
    public void TheNamedClosingDays_AreClosed(int year, int month, int day)
    {
        var date = D(year, month, day);
        Target2Calendar.IsClosingDay(date).ShouldBeTrue();
        Target2Calendar.IsBusinessDay(date).ShouldBeFalse();
    }

    [Theory]
    [InlineData(2026, 4, 27)]  // Koningsdag, a Monday
    [InlineData(2027, 4, 27)]  // Koningsdag, a Tuesday
    [InlineData(2026, 5, 5)]   // Bevrijdingsdag, a Tuesday
    [InlineData(2026, 5, 14)]  // Ascension
    [InlineData(2026, 5, 25)]  // Whit Monday
    [InlineData(2026, 12, 24)] // Christmas Eve, a Thursday
    [InlineData(2026, 12, 31)] // New Year's Eve, a Thursday
    [InlineData(2027, 12, 27)] // Monday after a weekend Christmas: TARGET2 does not move holidays
    [InlineData(2026, 4, 2)]   // Maundy Thursday
    [InlineData(2026, 4, 7)]   // the Tuesday after Easter
    public void DutchHolidaysAndNeighbours_AreBusinessDays(int year, int month, int day)
    {
        Target2Calendar.IsBusinessDay(D(year, month, day)).ShouldBeTrue();
        Target2Calendar.IsClosingDay(D(year, month, day)).ShouldBeFalse();
    }

    [Fact]
    public void AscensionAndWhitMonday_AreBusinessDays_2026To2030()
    {
        for (var year = FromYear; year <= ToYear; year++)
        {
            var easter = GaussEaster(year);
            Target2Calendar.IsBusinessDay(easter.AddDays(39)).ShouldBeTrue($"Ascension {easter.AddDays(39)}");
            Target2Calendar.IsBusinessDay(easter.AddDays(50)).ShouldBeTrue($"Whit Monday {easter.AddDays(50)}");
            var koningsdag = D(year, 4, 27);
            if (koningsdag.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
                Target2Calendar.IsBusinessDay(koningsdag).ShouldBeTrue($"Koningsdag {koningsdag}");
        }
    }

    [Fact]
    public void AddBusinessDays_CountsOnlyBusinessDays_AfterTheDate()
    {
        for (var today = D(2026, 1, 1); today <= D(2030, 12, 1); today = today.AddDays(1))
        {
            foreach (var lead in new[] { 0, 1, 5, 20 })
            {
                var result = Target2Calendar.AddBusinessDays(today, lead);
                var counted = 0;
                for (var d = today.AddDays(1); d <= result; d = d.AddDays(1)) if (!OracleClosing(d)) counted++;
                counted.ShouldBe(lead, $"today {today}, lead {lead}, got {result}");
                if (lead > 0) OracleClosing(result).ShouldBeFalse($"today {today}, lead {lead}, got {result}");
            }
        }
    }

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

    // ---- 7. CreditorId ----------------------------------------------------------------------------------------

    [Theory]
    [InlineData("NL57ZZZ999999999999")]
    [InlineData("DE98ZZZ09999999999")]     // Bundesbank's test creditor id
    [InlineData("nl57 zzz 9999 9999 9999")]
    [InlineData(" NL57ZZZ999999999999 ")]
    [InlineData("NL57ABC999999999999")]    // the business code is not part of the check
    public void CreditorId_WellFormed_IsValid(string id) => CreditorId.IsValid(id).ShouldBeTrue();

    [Theory]
    [InlineData("NL98ZZZ999999999999")]    // wrong check digits
    [InlineData("NL57ZZZ999999999998")]    // one digit mistyped
    [InlineData("DE89ZZZ09999999999")]
    [InlineData("")]
    [InlineData("NL")]
    [InlineData("NLxxZZZ1")]
    [InlineData("NL57-ZZZ-999999999999")]
    [InlineData(null)]
    public void CreditorId_Wrong_IsInvalid(string? id) => CreditorId.IsValid(id).ShouldBeFalse();

    // ---- 8. DirectDebitPolicy.Check ---------------------------------------------------------------------------

    [Theory]
    [InlineData(true, new[] { 1, 15, 25 }, 5, 1L, "NL57ZZZ999999999999", null)]
    [InlineData(false, new[] { 1, 15, 25 }, 5, 1L, null, null)]               // off, no creditor id yet: fine
    [InlineData(true, new[] { 1, 31 }, 1, 10_00L, "NL57ZZZ999999999999", null)] // the boundaries
    [InlineData(true, new[] { 28 }, 20, 1L, "nl57 zzz 9999 9999 9999", null)]
    [InlineData(true, new int[0], 5, 1L, "NL57ZZZ999999999999", "allowedDays")]
    [InlineData(true, new[] { 0 }, 5, 1L, "NL57ZZZ999999999999", "allowedDays")]
    [InlineData(true, new[] { 1, 32 }, 5, 1L, "NL57ZZZ999999999999", "allowedDays")]
    [InlineData(true, new[] { 15, 1, 15 }, 5, 1L, "NL57ZZZ999999999999", "allowedDays")]
    [InlineData(true, new[] { 1, 15 }, 0, 1L, "NL57ZZZ999999999999", "leadBusinessDays")]
    [InlineData(true, new[] { 1, 15 }, 21, 1L, "NL57ZZZ999999999999", "leadBusinessDays")]
    [InlineData(true, new[] { 1, 15 }, 5, 0L, "NL57ZZZ999999999999", "firstPaymentAmount")]
    [InlineData(true, new[] { 1, 15 }, 5, 10_01L, "NL57ZZZ999999999999", "firstPaymentAmount")]
    [InlineData(true, new[] { 1, 15 }, 5, 1L, "NL98ZZZ999999999999", "creditorId")]
    [InlineData(false, new[] { 1, 15 }, 5, 1L, "NL98ZZZ999999999999", "creditorId")] // wrong even while off
    [InlineData(true, new[] { 1, 15 }, 5, 1L, null, "creditorId")]
    public void Policy_Check_NamesTheFieldThatIsWrong(bool enabled, int[] days, int lead, long firstMinor, string? creditorId, string? field)
    {
        var errors = new DirectDebitPolicy(enabled, days, lead, firstMinor, creditorId).Check();
        if (field is null) errors.ShouldBeEmpty();
        else
        {
            errors.Count.ShouldBe(1, string.Join("; ", errors));
            errors[0].Field.ShouldBe(field);
            errors[0].Message.ShouldNotBeNullOrWhiteSpace();
        }
    }

    [Fact]
    public void Policy_Default_IsSound_AndOrdersDays()
    {
        DirectDebitPolicy.Default.Check().ShouldBeEmpty();
        DirectDebitPolicy.Default.Enabled.ShouldBeFalse();
        new DirectDebitPolicy(true, [25, 1, 15], 5, 1, "NL57ZZZ999999999999").Days.ShouldBe(new[] { 1, 15, 25 });
    }

    [Fact]
    public void Policy_EverythingWrong_NamesEveryField()
    {
        var fields = new DirectDebitPolicy(true, [], 0, 0, null).Check().Select(e => e.Field).ToList();
        fields.ShouldBe(new[] { "allowedDays", "leadBusinessDays", "firstPaymentAmount", "creditorId" }, ignoreOrder: true);
    }

    // ---- 9. IbanMask and MandateReference ---------------------------------------------------------------------

    [Theory]
    [InlineData("NL91 ABNA 0417 1643 00", "NL91 •••• 4300")]
    [InlineData("NL91ABNA0417164300", "NL91 •••• 4300")]
    [InlineData("nl91abna0417164300", "NL91 •••• 4300")]
    [InlineData("DE89370400440532013000", "DE89 •••• 3000")]
    public void IbanMask_ShowsCountryCheckDigitsAndLastFour(string iban, string masked) => IbanMask.Of(iban).ShouldBe(masked);

    [Fact]
    public void MandateReference_PortalsOwn_AreValid()
    {
        MandateReference.Make(12, 345, 1).ShouldBe("PORTAL-12-345-1");
        MandateReference.IsValid(MandateReference.Make(12, 345, 1)).ShouldBeTrue();
        MandateReference.IsValid(MandateReference.Make(123456, 9876543, 12)).ShouldBeTrue();
    }

    [Theory]
    [InlineData("A")]
    [InlineData("REF 2026/01 (x), y: +?-'.")]
    public void MandateReference_AllowedCharacters_AreValid(string reference) =>
        MandateReference.IsValid(reference).ShouldBeTrue();

    [Fact]
    public void MandateReference_35Characters_IsValid_36IsNot()
    {
        MandateReference.IsValid(new string('A', 35)).ShouldBeTrue();
        MandateReference.IsValid(new string('A', 36)).ShouldBeFalse();
    }

    [Theory]
    [InlineData("PORTAL_12_345_1")]
    [InlineData(" PORTAL-12-345-1")]
    [InlineData("PORTAL-12-345-1 ")]
    [InlineData("")]
    [InlineData("PORTAL-12-€")]
    [InlineData(null)]
    public void MandateReference_Wrong_IsInvalid(string? reference) => MandateReference.IsValid(reference).ShouldBeFalse();

    // ---- 10. Mandate ------------------------------------------------------------------------------------------

    private static readonly DateTime Now = new(2026, 12, 2, 10, 0, 0, DateTimeKind.Utc);
    private const string FullIban = "NL91 ABNA 0417 1643 00";

    private static Mandate NewMandate(MandateSource source) =>
        new(12, 345, source, MandateReference.Make(12, 345, 1), FullIban, "J. de Vries", D(2026, 12, 2), "consent text", Now);

    [Theory]
    [InlineData(MandateSource.Erp)]
    [InlineData(MandateSource.Iban)]
    public void Mandate_FromErpOrIban_StartsValid(MandateSource source)
    {
        var mandate = NewMandate(source);
        mandate.Status.ShouldBe(MandateStatus.Valid);
        mandate.IsUsable.ShouldBeTrue();
    }

    [Fact]
    public void Mandate_ByFirstPayment_IsPending_UntilMollieHoldsItValid()
    {
        var mandate = NewMandate(MandateSource.FirstPayment);
        mandate.Status.ShouldBe(MandateStatus.Pending);
        mandate.IsUsable.ShouldBeFalse();

        mandate.HeldAtMollie("cst_1", "mdt_1", valid: false);
        mandate.Status.ShouldBe(MandateStatus.Pending);
        mandate.IsUsable.ShouldBeFalse();

        mandate.HeldAtMollie("cst_1", "mdt_1", valid: true);
        mandate.Status.ShouldBe(MandateStatus.Valid);
        mandate.IsUsable.ShouldBeTrue();
        mandate.MollieCustomerId.ShouldBe("cst_1");
        mandate.MollieMandateId.ShouldBe("mdt_1");
    }

    [Fact]
    public void Mandate_Revoke_EndsItOnce_AndKeepsTheReason()
    {
        var mandate = NewMandate(MandateSource.Erp);
        mandate.Revoke("MD01", Now.AddDays(3)).ShouldBeTrue();
        mandate.Status.ShouldBe(MandateStatus.Revoked);
        mandate.IsUsable.ShouldBeFalse();
        mandate.RevokedReason.ShouldBe("MD01");
        mandate.RevokedAtUtc.ShouldBe(Now.AddDays(3));

        mandate.Revoke("customer stopped it", Now.AddDays(5)).ShouldBeFalse();
        mandate.RevokedReason.ShouldBe("MD01");
        mandate.RevokedAtUtc.ShouldBe(Now.AddDays(3));
    }

    [Fact]
    public void Mandate_Revoked_IsNotRevivedByMollie()
    {
        var mandate = NewMandate(MandateSource.FirstPayment);
        mandate.Revoke("AC04", Now).ShouldBeTrue();
        mandate.HeldAtMollie("cst_1", "mdt_1", valid: true);
        mandate.Status.ShouldBe(MandateStatus.Revoked);
        mandate.IsUsable.ShouldBeFalse();
    }

    [Fact]
    public void Mandate_KeepsTheIbanOnlyMasked()
    {
        var mandate = NewMandate(MandateSource.Iban);
        mandate.IbanMasked.ShouldBe("NL91 •••• 4300");
        mandate.IbanMasked.ShouldNotContain("NL91ABNA0417164300");
        mandate.IbanMasked.ShouldNotContain("ABNA");
        mandate.IbanMasked.ShouldNotContain("0417");
        mandate.IbanMasked.Replace(" ", "").ShouldNotContain("0417164300");
        mandate.Reference.ShouldBe("PORTAL-12-345-1");
    }

    [Fact]
    public void Mandate_WithAnInvalidReference_IsRefused() =>
        Should.Throw<ArgumentException>(() =>
            new Mandate(12, 345, MandateSource.Erp, "PORTAL_12", FullIban, "J. de Vries", D(2026, 12, 2), "consent", Now));
}
