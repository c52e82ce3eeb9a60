using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Portal.Api.Auth;
using Portal.Api.Http;
using Portal.Domain.Callbacks;
using Portal.Domain.Invoices;
using Portal.Infrastructure.Callbacks;

namespace Portal.Api.Callbacks;

public static class CallbackEndpoints
{
    public static RouteGroupBuilder MapCallbackEndpoints(this RouteGroupBuilder api)
    {
        var settings = api.MapGroup("/callback-settings").WithTags("Call-backs");
        settings.MapGet("/", GetSettings).WithName("GetCallbackSettings")
            .WithSummary("When your people call customers back").Produces<CallbackSettingsResponse>();
        settings.MapPut("/", PutSettings).WithName("PutCallbackSettings")
            .WithSummary("Set the slots customers can ask to be called back in")
            .WithDescription("openingHours: per weekday (monday … sunday) a list of {\"from\": \"09:00\", \"to\": \"17:00\"}, in timeZone; a day left out "
                + "is closed and {} offers no call-backs. slotMinutes (5 to 240, default 30): the length of a slot; capacityPerSlot (default 2): how many "
                + "customers one slot takes; leadMinutes (default 120): how far ahead a customer must book; closedDates: yyyy-MM-dd days without "
                + "call-backs; timeZone (default Europe/Amsterdam). Customers book up to 14 days ahead. Call-backs already booked keep their slot.")
            .Accepts<CallbackSettingsRequest>("application/json")
            .Produces<CallbackSettingsResponse>().ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);

        var requests = api.MapGroup("/callback-requests").WithTags("Call-backs");
        requests.MapGet("/", List).WithName("ListCallbackRequests")
            .WithSummary("Call-backs customers asked for, newest first")
            .WithDescription("Filter by status (requested, done, cancelled) and by the slot's start: from and to (ISO 8601 date or date and time with "
                + "offset; from inclusive, to exclusive). Page with cursor (nextCursor of the previous page) and limit (1 to 1000, default 100).")
            .Produces<CallbackListResponse>().ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        requests.MapGet("/{id}", Get).WithName("GetCallbackRequest")
            .WithSummary("One call-back").Produces<CallbackResponse>().ProducesProblem(StatusCodes.Status404NotFound);
        requests.MapPost("/{id}/done", Done).WithName("CompleteCallbackRequest")
            .WithSummary("You called the customer: the call-back is done, optionally with its outcome in your words")
            .Accepts<CallbackDoneRequest>("application/json")
            .Produces<CallbackResponse>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        return api;
    }

    private static async Task<IResult> GetSettings(ClaimsPrincipal user, CallbackService callbacks, CancellationToken ct) =>
        TypedResults.Ok(CallbackSettingsResponse.Of(await callbacks.SettingsAsync(user.OrganisationId(), ct)));

    private static async Task<IResult> PutSettings(HttpRequest request, ClaimsPrincipal user, CallbackService callbacks, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<CallbackSettingsRequest>(request);
        if (problem is not null) return problem;
        var (settings, errors) = body!.Check();
        if (settings is null) return ApiProblems.Validation(errors);
        await callbacks.SetSettingsAsync(user.OrganisationId(), settings, user.Actor(), ct);
        return TypedResults.Ok(CallbackSettingsResponse.Of(await callbacks.SettingsAsync(user.OrganisationId(), ct)));
    }

    private static async Task<IResult> List(ClaimsPrincipal user, CallbackService callbacks, string? status, string? from, string? to, string? cursor, int? limit,
        CancellationToken ct)
    {
        var errors = new List<RuleViolation>();
        var wanted = ListPaging.Status(status, CallbackService.Statuses, errors);
        var fromUtc = Moment(from, "from", errors);
        var toUtc = Moment(to, "to", errors);
        var (before, pageSize, unreadable) = ListPaging.Page(cursor, limit, errors);
        if (unreadable is not null) return unreadable;
        if (errors.Count > 0) return ApiProblems.Validation(errors);
        var (items, next) = await callbacks.ListAsync(user.OrganisationId(), wanted, fromUtc, toUtc, before, pageSize, ct);
        return TypedResults.Ok(new CallbackListResponse([.. items.Select(CallbackResponse.Of)], ListPaging.Next(next)));
    }

    /// <summary>A date (its midnight in UTC) or a date and time with an offset (or Z), as UTC.</summary>
    private static DateTime? Moment(string? text, string field, List<RuleViolation> errors)
    {
        if (text is null) return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        if (text.Length > 10 && text[10] == 'T' && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)
            && (text.EndsWith('Z') || text.LastIndexOfAny(['+', '-']) > 10))
            return at.UtcDateTime;
        errors.Add(new(field, $"'{field}' is a date (yyyy-MM-dd) or a date and time with an offset, such as 2026-12-10T09:00:00+01:00."));
        return null;
    }

    private static async Task<IResult> Get(string id, ClaimsPrincipal user, CallbackService callbacks, CancellationToken ct) =>
        Guid.TryParse(id, out var callbackId) && await callbacks.GetAsync(user.OrganisationId(), callbackId, ct) is { } view
            ? TypedResults.Ok(CallbackResponse.Of(view)) : Missing(id);

    private static async Task<IResult> Done(string id, HttpRequest request, ClaimsPrincipal user, CallbackService callbacks, CancellationToken ct)
    {
        string? outcome = null;
        if (request.ContentLength is > 0 || request.ContentType is not null)
        {
            var (body, problem) = await JsonBody.ReadAsync<CallbackDoneRequest>(request);
            if (problem is not null) return problem;
            var (checkedOutcome, errors) = body!.Check();
            if (errors.Count > 0) return ApiProblems.Validation(errors);
            outcome = checkedOutcome;
        }
        if (!Guid.TryParse(id, out var callbackId)) return Missing(id);
        var (done, view) = await callbacks.DoneAsync(user.OrganisationId(), callbackId, outcome, user.Actor(), ct);
        return done switch
        {
            null => Missing(id),
            false => TypedResults.Problem($"Only a call-back that waits can be done. This one is {CallbackService.StatusName(view!.Status)}.",
                statusCode: StatusCodes.Status409Conflict, title: "Not possible in this state"),
            true => TypedResults.Ok(CallbackResponse.Of(view!)),
        };
    }

    private static IResult Missing(string id) => ApiProblems.NotFound($"There is no call-back '{id}'.");
}
