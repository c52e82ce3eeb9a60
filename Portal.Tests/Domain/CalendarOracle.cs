namespace Portal.Tests.Domain;

/// <summary>The calendar tests' own knowledge of TARGET2, worked out without Portal's code: the oracle they check it against.</summary>
internal static class CalendarOracle
{
    public const int FromYear = 2026;
    public const int ToYear = 2030;

    public static DateOnly D(int year, int month, int day) => new(year, month, day);

    // ---- The test's own oracle -------------------------------------------------------------------------------

    /// <summary>
    /// Easter Sunday by Gauss's algorithm with the Gregorian corrections (a different method from the
    /// Meeus/Jones/Butcher one in Target2Calendar), including Gauss's two exceptions.
    /// </summary>
    public static DateOnly GaussEaster(int year)
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

    public static bool OracleClosing(DateOnly date)
    {
        if (date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) return true;
        if (date.Month == 1 && date.Day == 1) return true;
        if (date.Month == 5 && date.Day == 1) return true;
        if (date.Month == 12 && (date.Day == 25 || date.Day == 26)) return true;
        var easter = GaussEaster(date.Year);
        return date == easter.AddDays(-2) || date == easter.AddDays(1);
    }

    public static IEnumerable<DateOnly> AllDays(int fromYear, int toYear)
    {
        for (var date = D(fromYear, 1, 1); date <= D(toYear, 12, 31); date = date.AddDays(1)) yield return date;
    }

    public static IEnumerable<(int Year, int Month)> AllMonths()
    {
        for (var year = FromYear; year <= ToYear; year++)
            for (var month = 1; month <= 12; month++)
                yield return (year, month);
    }
}
