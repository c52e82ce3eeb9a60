using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Portal.Api.Auth;
using Portal.Api.Http;
using Portal.Domain.Events;
using Portal.Infrastructure.Database;

namespace Portal.Api.Events;

public static class EventEndpoints
{
    public static RouteGroupBuilder MapEventEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/events", List).WithTags("Events").WithName("ListEvents")
            .WithSummary("What happened since your last look: " + string.Join(", ", EventCatalogue.All.Select(t => t.Name)))
            .WithDescription("Events in the order they happened. Pass the id of the last event you processed as 'after'; the cursor is stable. limit 1 to 1000 (default 100). The types:\n\n"
                + string.Join("\n", EventCatalogue.All.Select(t => $"- `{t.Name}`: {t.Description} Data: {string.Join(", ", EventDataFields(t))}.")))
            .Produces<EventPage>().ProducesValidationProblem(StatusCodes.Status400BadRequest)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        return api;
    }

    /// <summary>The camelCase names of the fields in an event type's <c>data</c>.</summary>
    public static IEnumerable<string> EventDataFields(EventType type) =>
        type.PayloadType.GetProperties().Select(p => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(p.Name));

    private static async Task<IResult> List(ClaimsPrincipal user, PortalDbContext db, string? after, int? limit, CancellationToken ct)
    {
        long afterId = 0;
        if (after is not null && !long.TryParse(after, NumberStyles.None, CultureInfo.InvariantCulture, out afterId))
            return ApiProblems.Unreadable("after", "'after' is the id of an event this API gave out.");
        var size = limit ?? 100;
        if (size is < 1 or > 1000) return ApiProblems.Validation("limit", "'limit' is between 1 and 1000.");
        var organisationId = user.OrganisationId();
        var events = await db.OutboxEvents.AsNoTracking()
            .Where(e => e.OrganisationId == organisationId && e.Id > afterId).OrderBy(e => e.Id).Take(size)
            .Select(e => new { e.Id, e.Type, e.OccurredAtUtc, e.PayloadJson }).ToListAsync(ct);
        var items = events.Select(e => new EventResponse(e.Id.ToString(CultureInfo.InvariantCulture), e.Type,
            DateTime.SpecifyKind(e.OccurredAtUtc, DateTimeKind.Utc), JsonDocument.Parse(e.PayloadJson).RootElement.Clone())).ToList();
        return TypedResults.Ok(new EventPage(items, items.Count > 0 ? items[^1].Id : after));
    }
}
