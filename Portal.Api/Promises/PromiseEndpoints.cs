using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Portal.Api.Auth;
using Portal.Api.Http;
using Portal.Domain.Invoices;
using Portal.Domain.Promises;
using Portal.Infrastructure.Promises;

namespace Portal.Api.Promises;

/// <summary>PUT /api/v1/promise-settings. maximumDays and graceDays may be left out (14 and 3).</summary>
public record PromiseSettingsRequest(bool? Enabled, int? MaximumDays, int? GraceDays)
{
    public (PromisePolicy? Policy, IReadOnlyList<RuleViolation> Errors) Check()
    {
        if (Enabled is null) return (null, [new("enabled", "'enabled' is required: true lets customers promise to pay by a date.")]);
        var policy = new PromisePolicy(Enabled.Value, MaximumDays ?? PromisePolicy.Default.MaximumDays, GraceDays ?? PromisePolicy.Default.GraceDays);
        var errors = policy.Check();
        return errors.Count > 0 ? (null, errors) : (policy, []);
    }
}

public record PromiseSettingsResponse(bool Enabled, int MaximumDays, int GraceDays)
{
    public static PromiseSettingsResponse Of(PromisePolicy p) => new(p.Enabled, p.MaximumDays, p.GraceDays);
}

public static class PromiseEndpoints
{
    public static RouteGroupBuilder MapPromiseEndpoints(this RouteGroupBuilder api)
    {
        var settings = api.MapGroup("/promise-settings").WithTags("Promises to pay");
        settings.MapGet("/", Get).WithName("GetPromiseSettings")
            .WithSummary("Whether customers may promise to pay by a date, how far ahead, and the grace after it").Produces<PromiseSettingsResponse>();
        settings.MapPut("/", Put).WithName("PutPromiseSettings")
            .WithSummary("Let customers promise to pay by a date (reminders wait until then)")
            .WithDescription("enabled; maximumDays (1 to 90, default 14): the latest date a customer may choose, from tomorrow; graceDays (0 to 30, "
                + "default 3): the days after the date before an unkept promise is broken (promise.broken) and reminders go out again.")
            .Accepts<PromiseSettingsRequest>("application/json")
            .Produces<PromiseSettingsResponse>().ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        return api;
    }

    private static async Task<IResult> Get(ClaimsPrincipal user, PromiseService promises, CancellationToken ct) =>
        TypedResults.Ok(PromiseSettingsResponse.Of(await promises.PolicyAsync(user.OrganisationId(), ct)));

    private static async Task<IResult> Put(HttpRequest request, ClaimsPrincipal user, PromiseService promises, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<PromiseSettingsRequest>(request);
        if (problem is not null) return problem;
        var (policy, errors) = body!.Check();
        if (policy is null) return ApiProblems.Validation(errors);
        await promises.SetPolicyAsync(user.OrganisationId(), policy, user.Actor(), ct);
        return TypedResults.Ok(PromiseSettingsResponse.Of(await promises.PolicyAsync(user.OrganisationId(), ct)));
    }
}
