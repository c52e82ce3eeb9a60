namespace Portal.Domain.DirectDebit;

/// <summary>
/// The days a SEPA collection can fall on: TARGET2 is open Monday to Friday except 1 January, Good Friday, Easter
/// Monday, 1 May, 25 and 26 December. Dutch public holidays such as Koningsdag are not closing days.
/// </summary>
public static class Target2Calendar
{
    /// <summary>Easter Sunday in the Gregorian calendar (the anonymous algorithm, also known as Meeus/Jones/Butcher).</summary>
    public static DateOnly EasterSunday(int year)
    {
        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = (19 * a + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + 2 * e + 2 * i - h - k) % 7;
        var m = (a + 11 * h + 22 * l) / 451;
        var month = (h + l - 7 * m + 114) / 31;
        var day = (h + l - 7 * m + 114) % 31 + 1;
        return new DateOnly(year, month, day);
    }

    public static bool IsClosingDay(DateOnly date)
    {
        if (date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) return true;
        if ((date.Month, date.Day) is (1, 1) or (5, 1) or (12, 25) or (12, 26)) return true;
        var easter = EasterSunday(date.Year);
        return date == easter.AddDays(-2) || date == easter.AddDays(1);
    }

    public static bool IsBusinessDay(DateOnly date) => !IsClosingDay(date);

    /// <summary>The date itself when it is a business day, else the first business day after it.</summary>
    public static DateOnly OnOrAfter(DateOnly date)
    {
        while (IsClosingDay(date)) date = date.AddDays(1);
        return date;
    }

    /// <summary>The <paramref name="count"/>-th business day after <paramref name="date"/> (the date itself not counted).</summary>
    public static DateOnly AddBusinessDays(DateOnly date, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        while (count > 0)
        {
            date = date.AddDays(1);
            if (IsBusinessDay(date)) count--;
        }
        return date;
    }

    public static DateOnly LastBusinessDayOfMonth(int year, int month)
    {
        var date = new DateOnly(year, month, DateTime.DaysInMonth(year, month));
        while (IsClosingDay(date)) date = date.AddDays(-1);
        return date;
    }
}
