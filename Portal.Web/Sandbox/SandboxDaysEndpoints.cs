using System.Globalization;

namespace Portal.Web.Sandbox;

/// <summary>
/// <c>POST /dev/clock/move?to=yyyy-MM-dd</c>: the clock page's move for scripts and benchmarks, answering what each day
/// brought as JSON. Mapped only with the sandbox, like its other test controls.
/// </summary>
public static class SandboxDaysEndpoints
{
    public static void MapSandboxDays(this IEndpointRouteBuilder app) =>
        app.MapPost("/dev/clock/move", async (string? to, SandboxDays days, CancellationToken ct) =>
        {
            if (!days.CanMove) return Results.NotFound();
            if (!DateOnly.TryParseExact(to, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                return Results.Problem(statusCode: 422, title: "The date is not valid.", detail: "Give ?to= as yyyy-MM-dd.");
            if (await days.MoveToAsync(date, ct) is not { } passed)
                return Results.Problem(statusCode: 422, title: "The clock cannot move there.",
                    detail: $"Give a date after today ({days.Today:yyyy-MM-dd}) and at most {SandboxDays.MostDays} days ahead; the clock never goes back.");
            return Results.Json(new { today = days.Today, days = passed });
        }).ExcludeFromDescription().DisableAntiforgery();
}
