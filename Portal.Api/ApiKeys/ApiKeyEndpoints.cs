using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Portal.Api.Auth;
using Portal.Api.Http;
using Portal.Infrastructure.ApiKeys;

namespace Portal.Api.ApiKeys;

public static class ApiKeyEndpoints
{
    public static RouteGroupBuilder MapApiKeyEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/api-keys").WithTags("API keys");
        group.MapGet("/", List).WithName("ListApiKeys").WithSummary("Your API keys, retired ones too, never their secrets")
            .WithDescription("lastUsedAt is accurate to the minute. current marks the key this request was made with.")
            .Produces<IReadOnlyList<ApiKeyResponse>>();
        group.MapPost("/", Create).WithName("CreateApiKey").WithSummary("Make a new API key; it is shown only in this response")
            .WithDescription($"To rotate without downtime: create a new key, switch your systems to it, then delete the old one. At most {ApiKeyService.MaxActiveKeys} active keys (409 above).")
            .Accepts<ApiKeyRequest>("application/json")
            .Produces<ApiKeyCreated>(StatusCodes.Status201Created).ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapDelete("/{id:long}", Delete).WithName("DeleteApiKey").WithSummary("Retire an API key; it stops working at once")
            .WithDescription("Your last active key cannot be deleted (409): create its successor first. Deleting a key already retired changes nothing (204).")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return group;
    }

    private static async Task<IResult> List(ClaimsPrincipal user, ApiKeyService keys, CancellationToken ct)
    {
        var current = user.KeyId();
        return TypedResults.Ok((await keys.ListAsync(user.OrganisationId(), ct))
            .Select(k => new ApiKeyResponse(k.Id, k.Name, k.Hint, Utc(k.CreatedAtUtc), Utc(k.LastUsedAtUtc), Utc(k.RevokedAtUtc), k.Id == current))
            .ToList());
    }

    private static async Task<IResult> Create(HttpRequest request, ClaimsPrincipal user, ApiKeyService keys, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<ApiKeyRequest>(request);
        if (problem is not null) return problem;
        var (name, errors) = body!.Check();
        if (name is null) return ApiProblems.Validation(errors);
        var created = await keys.CreateAsync(user.OrganisationId(), name, user.Actor(), ct);
        if (created is null)
            return ApiProblems.Conflict($"You have {ApiKeyService.MaxActiveKeys} active API keys, the most there may be. Delete one you no longer use first.");
        var key = created.Key;
        return TypedResults.Created($"/api/v1/api-keys/{key.Id.ToString(CultureInfo.InvariantCulture)}",
            new ApiKeyCreated(key.Id, key.Name, key.Hint, created.Secret, Utc(key.CreatedAtUtc)));
    }

    private static async Task<IResult> Delete(long id, ClaimsPrincipal user, ApiKeyService keys, CancellationToken ct) =>
        await keys.RevokeAsync(user.OrganisationId(), id, user.Actor(), ct) switch
        {
            ApiKeyService.RevokeOutcome.NotFound => ApiProblems.NotFound($"There is no API key {id.ToString(CultureInfo.InvariantCulture)}."),
            ApiKeyService.RevokeOutcome.LastActiveKey => ApiProblems.Conflict(
                "This is your last active API key; without it you could not reach the API. Create a new key first (POST /api/v1/api-keys), then delete this one."),
            _ => TypedResults.NoContent(),
        };

    private static DateTime Utc(DateTime value) => DateTime.SpecifyKind(value, DateTimeKind.Utc);

    private static DateTime? Utc(DateTime? value) => value is { } v ? Utc(v) : null;
}
