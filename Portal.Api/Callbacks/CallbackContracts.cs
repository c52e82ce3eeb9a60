using System.Globalization;
using Portal.Api.Http;
using Portal.Domain.Callbacks;
using Portal.Domain.Invoices;
using Portal.Infrastructure.Callbacks;

namespace Portal.Api.Callbacks;

public record OpeningPeriodDto(string? From, string? To);

/// <summary>PUT /api/v1/callback-settings. openingHours by weekday (monday … sunday); a day left out is closed.</summary>
public record CallbackSettingsRequest(Dictionary<string, List<OpeningPeriodDto>?>? OpeningHours, int? SlotMinutes, int? CapacityPerSlot, int? LeadMinutes,
    List<string>? ClosedDates, string? TimeZone)
{
    public (CallbackSettings? Settings, IReadOnlyList<RuleViolation> Errors) Check()
    {
        var errors = new List<RuleViolation>();
        var hours = new Dictionary<DayOfWeek, IReadOnlyList<OpeningPeriod>>();
        if (OpeningHours is null) errors.Add(new("openingHours", "'openingHours' is required: {\"monday\": [{\"from\": \"09:00\", \"to\": \"17:00\"}], …}; {} offers no call-backs."));
        else
            foreach (var (name, periods) in OpeningHours)
            {
                var field = "openingHours." + name;
                if (!CallbackSettings.TryParseDay(name, out var day)) { errors.Add(new(field, $"'{name}' is not a weekday: monday, tuesday, … sunday.")); continue; }
                var list = new List<OpeningPeriod>();
                for (var i = 0; i < (periods?.Count ?? 0); i++)
                {
                    var at = $"{field}[{i}]";
                    var from = Time(periods![i]?.From, at + ".from", errors);
                    var to = Time(periods[i]?.To, at + ".to", errors);
                    if (from is { } f && to is { } t) list.Add(new OpeningPeriod(f, t));
                }
                hours[day] = list;
            }
        var closed = new List<DateOnly>();
        for (var i = 0; i < (ClosedDates?.Count ?? 0); i++)
        {
            if (DateOnly.TryParseExact(ClosedDates![i], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) closed.Add(date);
            else errors.Add(new($"closedDates[{i}]", $"'closedDates[{i}]' is a date as yyyy-MM-dd."));
        }
        if (errors.Count > 0) return (null, errors);
        var defaults = CallbackSettings.Off;
        var settings = new CallbackSettings(hours, SlotMinutes ?? defaults.SlotMinutes, CapacityPerSlot ?? defaults.CapacityPerSlot, LeadMinutes ?? defaults.LeadMinutes,
            closed.Distinct().Order().ToList(), string.IsNullOrWhiteSpace(TimeZone) ? defaults.TimeZone : TimeZone.Trim());
        var broken = settings.Check();
        return broken.Count > 0 ? (null, broken) : (settings, []);
    }

    private static TimeOnly? Time(string? text, string field, List<RuleViolation> errors)
    {
        if (text is not null && TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)) return time;
        errors.Add(new(field, $"'{field}' is a time as HH:mm, such as 09:00."));
        return null;
    }
}

public record CallbackSettingsResponse(IReadOnlyDictionary<string, IReadOnlyList<OpeningPeriodDto>> OpeningHours, int SlotMinutes, int CapacityPerSlot,
    int LeadMinutes, IReadOnlyList<string> ClosedDates, string TimeZone)
{
    public static CallbackSettingsResponse Of(CallbackSettings s) => new(
        Enum.GetValues<DayOfWeek>().OrderBy(d => ((int)d + 6) % 7).Where(d => s.OpeningHours.GetValueOrDefault(d) is { Count: > 0 })
            .ToDictionary(CallbackSettings.DayName, d => (IReadOnlyList<OpeningPeriodDto>)[.. s.OpeningHours[d].OrderBy(p => p.From)
                .Select(p => new OpeningPeriodDto(p.From.ToString("HH:mm", CultureInfo.InvariantCulture), p.To.ToString("HH:mm", CultureInfo.InvariantCulture)))]),
        s.SlotMinutes, s.CapacityPerSlot, s.LeadMinutes, [.. s.ClosedDates.Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))], s.TimeZone);
}

public record SlotDto(DateTimeOffset Start, DateTimeOffset End);

/// <summary>A call-back. phone is in full (E.164): you call it. slot start and end carry your time zone's offset.</summary>
public record CallbackResponse(Guid Id, string CustomerRef, string Status, string Topic, string Phone, string? Language, SlotDto Slot, string? Outcome,
    DateTime CreatedAt)
{
    public static CallbackResponse Of(CallbackView v) => new(v.Id, v.CustomerRef, CallbackService.StatusName(v.Status), CallbackService.TopicName(v.Topic),
        v.Phone, v.Language, new SlotDto(v.SlotStart, v.SlotEnd), v.Outcome, DateTime.SpecifyKind(v.CreatedAtUtc, DateTimeKind.Utc));
}

public record CallbackListResponse(IReadOnlyList<CallbackResponse> Items, string? NextCursor);

/// <summary>POST /api/v1/callback-requests/{id}/done: what came of the call, optional.</summary>
public record CallbackDoneRequest(string? Outcome)
{
    public (string? Outcome, IReadOnlyList<RuleViolation> Errors) Check()
    {
        var errors = new List<RuleViolation>();
        if (Outcome is null || string.IsNullOrWhiteSpace(Outcome)) return (null, errors);
        if (Outcome.Trim().Length > CallbackRequest.MaxOutcome) errors.Add(new("outcome", $"'outcome' is at most {CallbackRequest.MaxOutcome} characters."));
        else RequestMapping.FreeText(Outcome, "outcome", errors);
        return (errors.Count == 0 ? Outcome.Trim() : null, errors);
    }
}
