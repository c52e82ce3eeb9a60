namespace Portal.Domain.Callbacks;

/// <summary>A time the organisation can call: its start and end in UTC and on the organisation's clock.</summary>
public sealed record CallbackSlot(DateTime StartUtc, DateTime EndUtc, DateTimeOffset Start, DateTimeOffset End)
{
    public DateOnly Day => DateOnly.FromDateTime(Start.DateTime);
}

/// <summary>
/// Which slots a customer may book: those inside the opening hours of the next <see cref="CallbackSettings.DaysAhead"/>
/// days, not on a closed date, starting at least the lead time from now and not yet full. A slot that does not exist on
/// the clock (the hour skipped when summer time starts) is left out; one that happens twice is taken at its first.
/// </summary>
public static class CallbackSlots
{
    /// <param name="taken">How many call-backs each slot already has, by its start in UTC.</param>
    public static IReadOnlyList<CallbackSlot> Offer(CallbackSettings settings, DateTime nowUtc, IReadOnlyDictionary<DateTime, int> taken) =>
        [.. All(settings, nowUtc).Where(s => taken.GetValueOrDefault(s.StartUtc) < settings.CapacityPerSlot)];

    /// <summary>Every slot of the bookable days that is not past the lead time, full or not.</summary>
    public static IEnumerable<CallbackSlot> All(CallbackSettings settings, DateTime nowUtc)
    {
        if (!settings.Enabled) yield break;
        var zone = settings.Zone;
        var earliest = nowUtc.AddMinutes(settings.LeadMinutes);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc), zone));
        var closed = settings.ClosedDates.ToHashSet();
        for (var day = today; day < today.AddDays(CallbackSettings.DaysAhead); day = day.AddDays(1))
        {
            if (closed.Contains(day) || !settings.OpeningHours.TryGetValue(day.DayOfWeek, out var periods)) continue;
            foreach (var period in periods.OrderBy(p => p.From))
            {
                for (var start = period.From; ; start = start.AddMinutes(settings.SlotMinutes))
                {
                    var end = start.AddMinutes(settings.SlotMinutes);
                    if (end <= start || end > period.To) break;
                    if (At(day, start, zone) is not { } from || At(day, end, zone) is not { } to) continue;
                    if (from.UtcDateTime < earliest) continue;
                    yield return new CallbackSlot(from.UtcDateTime, to.UtcDateTime, from, to);
                }
            }
        }
    }

    /// <summary>Whether <paramref name="startUtc"/> begins a slot the settings have now, and that slot.</summary>
    public static CallbackSlot? Find(CallbackSettings settings, DateTime nowUtc, DateTime startUtc) =>
        All(settings, nowUtc).FirstOrDefault(s => s.StartUtc == startUtc);

    private static DateTimeOffset? At(DateOnly day, TimeOnly time, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(time, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local)) return null;
        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }
}
