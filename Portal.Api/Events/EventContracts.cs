using System.Text.Json;

namespace Portal.Api.Events;

/// <summary>One event: <c>id</c> is also the cursor; pass the last one you saw as <c>after</c>.</summary>
public record EventResponse(string Id, string Type, DateTime OccurredAt, JsonElement Data);

public record EventPage(IReadOnlyList<EventResponse> Items, string? NextCursor);
