using System.Globalization;
using System.Text.Json;
using Portal.Domain.Invoices;

namespace Portal.Domain.Callbacks;

/// <summary>A stretch of a weekday when the organisation's people call customers back, in its own time zone.</summary>
public sealed record OpeningPeriod(TimeOnly From, TimeOnly To);

/// <summary>
/// When an organisation calls customers back: opening hours per weekday, days it is closed, how long a slot is, how many
/// customers one slot takes, and how far ahead a customer must book. Without opening hours the call-back is not offered.
/// </summary>
public sealed record CallbackSettings(IReadOnlyDictionary<DayOfWeek, IReadOnlyList<OpeningPeriod>> OpeningHours, int SlotMinutes, int CapacityPerSlot,
    int LeadMinutes, IReadOnlyList<DateOnly> ClosedDates, string TimeZone)
{
    public const int MaxSlotMinutes = 240;
    public const int MaxCapacity = 1000;
    public const int MaxLeadMinutes = 14 * 24 * 60;
    public const int MaxClosedDates = 400;
    /// <summary>How many days ahead a customer can book.</summary>
    public const int DaysAhead = 14;

    public static readonly CallbackSettings Off = new(new Dictionary<DayOfWeek, IReadOnlyList<OpeningPeriod>>(), 30, 2, 120, [], "Europe/Amsterdam");

    public bool Enabled => OpeningHours.Values.Any(p => p.Count > 0);

    public TimeZoneInfo Zone => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    /// <summary>Every rule these settings break, named by the API's fields.</summary>
    public IReadOnlyList<RuleViolation> Check()
    {
        var errors = new List<RuleViolation>();
        if (SlotMinutes is < 5 or > MaxSlotMinutes) errors.Add(new("slotMinutes", $"'slotMinutes' is between 5 and {MaxSlotMinutes}."));
        if (CapacityPerSlot is < 1 or > MaxCapacity) errors.Add(new("capacityPerSlot", $"'capacityPerSlot' is between 1 and {MaxCapacity}: how many customers your people call in one slot."));
        if (LeadMinutes is < 0 or > MaxLeadMinutes) errors.Add(new("leadMinutes", $"'leadMinutes' is between 0 and {MaxLeadMinutes} (14 days)."));
        if (ClosedDates.Count > MaxClosedDates) errors.Add(new("closedDates", $"'closedDates' holds at most {MaxClosedDates} dates."));
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out _)) errors.Add(new("timeZone", $"'timeZone' '{TimeZone}' is not an IANA time zone such as Europe/Amsterdam."));
        foreach (var (day, periods) in OpeningHours.OrderBy(d => d.Key))
        {
            var field = "openingHours." + DayName(day);
            var sorted = periods.OrderBy(p => p.From).ToList();
            for (var i = 0; i < sorted.Count; i++)
            {
                if (sorted[i].To <= sorted[i].From) errors.Add(new(field, $"'{field}': 'to' {sorted[i].To:HH\\:mm} is not after 'from' {sorted[i].From:HH\\:mm}."));
                else if (SlotMinutes > 0 && (sorted[i].To - sorted[i].From).TotalMinutes < SlotMinutes)
                    errors.Add(new(field, $"'{field}': {sorted[i].From:HH\\:mm}–{sorted[i].To:HH\\:mm} is shorter than one slot of {SlotMinutes} minutes."));
                if (i > 0 && sorted[i].From < sorted[i - 1].To) errors.Add(new(field, $"'{field}': {sorted[i - 1].From:HH\\:mm}–{sorted[i - 1].To:HH\\:mm} and {sorted[i].From:HH\\:mm}–{sorted[i].To:HH\\:mm} overlap."));
            }
        }
        return errors;
    }

    /// <summary>A weekday as the API names it: monday … sunday.</summary>
    public static string DayName(DayOfWeek day) => day.ToString().ToLowerInvariant();

    public static bool TryParseDay(string? name, out DayOfWeek day)
    {
        day = default;
        // Only one day's own name: Enum.TryParse would also read "1" or "monday,tuesday".
        return name is not null && name.All(char.IsAsciiLetter) && Enum.TryParse(name, true, out day) && Enum.IsDefined(day);
    }

    // Kept as one JSON text with the organisation: read whole, with the brand.
    private sealed record Stored(Dictionary<string, List<string[]>> Hours, int Slot, int Capacity, int Lead, List<string> Closed, string Zone);

    public string ToJson() => JsonSerializer.Serialize(new Stored(
        OpeningHours.Where(d => d.Value.Count > 0).ToDictionary(d => DayName(d.Key),
            d => d.Value.OrderBy(p => p.From).Select(p => new[] { Time(p.From), Time(p.To) }).ToList()),
        SlotMinutes, CapacityPerSlot, LeadMinutes, [.. ClosedDates.Order().Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))], TimeZone));

    public static CallbackSettings FromJson(string? json)
    {
        if (string.IsNullOrEmpty(json)) return Off;
        var s = JsonSerializer.Deserialize<Stored>(json)!;
        return new CallbackSettings(
            s.Hours.ToDictionary(h => Enum.Parse<DayOfWeek>(h.Key, true),
                h => (IReadOnlyList<OpeningPeriod>)[.. h.Value.Select(p => new OpeningPeriod(TimeOnly.ParseExact(p[0], "HH:mm", CultureInfo.InvariantCulture),
                    TimeOnly.ParseExact(p[1], "HH:mm", CultureInfo.InvariantCulture)))]),
            s.Slot, s.Capacity, s.Lead, [.. s.Closed.Select(d => DateOnly.ParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture))], s.Zone);
    }

    private static string Time(TimeOnly t) => t.ToString("HH:mm", CultureInfo.InvariantCulture);

    /// <summary>Equal when every rule is: the same hours, dates and numbers.</summary>
    public bool SameAs(CallbackSettings other) => ToJson() == other.ToJson();
}
