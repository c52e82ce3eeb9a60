using Portal.Domain.Callbacks;
using Shouldly;

namespace Portal.Tests.Domain;

/// <summary>Which call-back slots a customer is offered, and which settings are refused.</summary>
public class CallbackSlotsTests
{
    private static readonly OpeningPeriod NineToFive = new(new TimeOnly(9, 0), new TimeOnly(17, 0));

    private static CallbackSettings Settings(int slotMinutes = 30, int capacity = 2, int lead = 120, DateOnly[]? closed = null,
        Dictionary<DayOfWeek, IReadOnlyList<OpeningPeriod>>? hours = null) =>
        new(hours ?? new Dictionary<DayOfWeek, IReadOnlyList<OpeningPeriod>>
        {
            [DayOfWeek.Monday] = [NineToFive], [DayOfWeek.Tuesday] = [NineToFive], [DayOfWeek.Wednesday] = [NineToFive],
            [DayOfWeek.Thursday] = [NineToFive], [DayOfWeek.Friday] = [NineToFive],
        }, slotMinutes, capacity, lead, closed ?? [], "Europe/Amsterdam");

    private static readonly Dictionary<DateTime, int> None = [];

    // Sunday 22 November 2026, 10:00 in Amsterdam (UTC+1).
    private static readonly DateTime Sunday = new(2026, 11, 22, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void FromSunday_TheWeekdaysOfTwoWeeks_InHalfHours_OnTheOrganisationsClock()
    {
        var slots = CallbackSlots.Offer(Settings(), Sunday, None);
        slots.Select(s => s.Day).Distinct().ShouldBe([.. new[] { 23, 24, 25, 26, 27, 30 }.Select(d => new DateOnly(2026, 11, d)),
            .. new[] { 1, 2, 3, 4 }.Select(d => new DateOnly(2026, 12, d))]);
        slots.Count.ShouldBe(10 * 16);
        var thursday = slots.Where(s => s.Day == new DateOnly(2026, 11, 26)).ToList();
        thursday[2].Start.ShouldBe(new DateTimeOffset(2026, 11, 26, 10, 0, 0, TimeSpan.FromHours(1)));
        thursday[2].StartUtc.ShouldBe(new DateTime(2026, 11, 26, 9, 0, 0, DateTimeKind.Utc));
        thursday[^1].End.ShouldBe(new DateTimeOffset(2026, 11, 26, 17, 0, 0, TimeSpan.FromHours(1)), "the last slot ends when the hours end");
    }

    [Theory]
    [InlineData(120, "11:00")] // Monday 9:00 Amsterdam is 8:00 UTC; now is Monday 9:00 Amsterdam: two hours ahead is 11:00
    [InlineData(0, "09:00")]
    [InlineData(45, "10:00")]  // 9:45 is not a slot's start: the next one is
    public void OnTheDayItself_OnlySlotsAtLeastTheLeadTimeAhead(int lead, string first)
    {
        var monday = new DateTime(2026, 11, 23, 8, 0, 0, DateTimeKind.Utc);
        var slots = CallbackSlots.Offer(Settings(lead: lead), monday, None);
        slots[0].Day.ShouldBe(new DateOnly(2026, 11, 23));
        Display(slots[0]).ShouldBe(first);
    }

    [Fact]
    public void AClosedDate_AndAFullSlot_AreNotOffered_ButASlotWithRoomIs()
    {
        var settings = Settings(closed: [new DateOnly(2026, 11, 24)]);
        var all = CallbackSlots.Offer(settings, Sunday, None);
        var thursdayTen = all.Single(s => s.Start == new DateTimeOffset(2026, 11, 26, 10, 0, 0, TimeSpan.FromHours(1)));
        var offered = CallbackSlots.Offer(settings, Sunday, new Dictionary<DateTime, int> { [thursdayTen.StartUtc] = 2 });
        offered.ShouldNotContain(s => s.Day == new DateOnly(2026, 11, 24));
        offered.ShouldNotContain(thursdayTen);
        offered.Count.ShouldBe(all.Count - 1);
        CallbackSlots.Offer(settings, Sunday, new Dictionary<DateTime, int> { [thursdayTen.StartUtc] = 1 }).ShouldContain(thursdayTen);
    }

    [Fact]
    public void WhenSummerTimeStarts_TheSkippedHourIsNoSlot_AndTheOffsetChanges()
    {
        // Sunday 28 March 2027: at 02:00 the clocks go to 03:00.
        var hours = new Dictionary<DayOfWeek, IReadOnlyList<OpeningPeriod>> { [DayOfWeek.Sunday] = [new(new TimeOnly(1, 0), new TimeOnly(5, 0))] };
        var slots = CallbackSlots.Offer(Settings(slotMinutes: 60, lead: 0, hours: hours), new DateTime(2027, 3, 27, 12, 0, 0, DateTimeKind.Utc), None)
            .Where(s => s.Day == new DateOnly(2027, 3, 28)).ToList();
        slots.Select(Display).ShouldBe(["03:00", "04:00"], "01:00–02:00 ends at a time the clock skips; 02:00 does not exist");
        slots[0].Start.Offset.ShouldBe(TimeSpan.FromHours(2));
        (slots[0].EndUtc - slots[0].StartUtc).ShouldBe(TimeSpan.FromHours(1));
    }

    [Fact]
    public void WithoutOpeningHours_NothingIsOffered()
    {
        CallbackSettings.Off.Enabled.ShouldBeFalse();
        CallbackSlots.Offer(CallbackSettings.Off, Sunday, None).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(30, 2, 120, "Europe/Amsterdam", "09:00", "17:00", null)]
    [InlineData(4, 2, 120, "Europe/Amsterdam", "09:00", "17:00", "slotMinutes")]
    [InlineData(30, 0, 120, "Europe/Amsterdam", "09:00", "17:00", "capacityPerSlot")]
    [InlineData(30, 2, -1, "Europe/Amsterdam", "09:00", "17:00", "leadMinutes")]
    [InlineData(30, 2, 120, "Mars/Olympus", "09:00", "17:00", "timeZone")]
    [InlineData(30, 2, 120, "Europe/Amsterdam", "17:00", "09:00", "openingHours.monday")]
    [InlineData(30, 2, 120, "Europe/Amsterdam", "09:00", "09:20", "openingHours.monday")]
    public void Check_NamesTheFieldThatIsWrong(int slot, int capacity, int lead, string zone, string from, string to, string? field)
    {
        var hours = new Dictionary<DayOfWeek, IReadOnlyList<OpeningPeriod>> { [DayOfWeek.Monday] = [new(TimeOnly.Parse(from), TimeOnly.Parse(to))] };
        var errors = new CallbackSettings(hours, slot, capacity, lead, [], zone).Check();
        if (field is null) errors.ShouldBeEmpty();
        else errors.Select(e => e.Field).ShouldBe([field]);
    }

    [Fact]
    public void OverlappingHoursOnADay_AreRefused()
    {
        var hours = new Dictionary<DayOfWeek, IReadOnlyList<OpeningPeriod>> { [DayOfWeek.Friday] = [NineToFive, new(new TimeOnly(12, 0), new TimeOnly(18, 0))] };
        Settings(hours: hours).Check().Single().Field.ShouldBe("openingHours.friday");
    }

    [Fact]
    public void TheSettings_AreStoredAndReadBackTheSame()
    {
        var settings = Settings(closed: [new DateOnly(2026, 12, 25)]);
        CallbackSettings.FromJson(settings.ToJson()).SameAs(settings).ShouldBeTrue();
        CallbackSettings.FromJson(null).Enabled.ShouldBeFalse();
    }

    private static string Display(CallbackSlot slot) => slot.Start.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);
}
