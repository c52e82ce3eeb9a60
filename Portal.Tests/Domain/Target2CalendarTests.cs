using Portal.Domain.DirectDebit;
using Shouldly;
using static Portal.Tests.Domain.CalendarOracle;

namespace Portal.Tests.Domain;

/// <summary>TARGET2's closing days and business days, against the oracle, for 2026–2030.</summary>
public class Target2CalendarTests
{
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
}
