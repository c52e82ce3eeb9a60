using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Portal.Api.Auth;
using Portal.Api.Http;
using Portal.Infrastructure.Events;

namespace Portal.Api.Events;

public static class WebhookEndpointEndpoints
{
    public static RouteGroupBuilder MapWebhookEndpointEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/webhook-endpoints").WithTags("Webhooks");
        group.MapPost("/", Create).WithName("CreateWebhookEndpoint")
            .WithSummary("Receive events by webhook, signed per Standard Webhooks")
            .WithDescription("Each delivery carries webhook-id, webhook-timestamp and webhook-signature (v1, + base64 HMAC-SHA256 of id.timestamp.body with the secret). Failed deliveries are retried with back-off for over a day under the same webhook-id. Redirects are not followed; loopback, private and link-local addresses are refused.")
            .Accepts<WebhookEndpointRequest>("application/json")
            .Produces<WebhookEndpointCreated>(StatusCodes.Status201Created).ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapGet("/", List).WithName("ListWebhookEndpoints").WithSummary("Your webhook endpoints").Produces<IReadOnlyList<WebhookEndpointResponse>>();
        group.MapDelete("/{id:guid}", Delete).WithName("DeleteWebhookEndpoint").WithSummary("Stop sending to an endpoint")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    private static async Task<IResult> Create(HttpRequest request, ClaimsPrincipal user, WebhookEndpointService endpoints, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<WebhookEndpointRequest>(request);
        if (problem is not null) return problem;
        var (created, error) = await endpoints.CreateAsync(user.OrganisationId(), body!.Url, user.Actor(), ct);
        if (created is null) return ApiProblems.Validation([error!]);
        var e = created.Endpoint;
        return TypedResults.Created($"/api/v1/webhook-endpoints/{e.Id}",
            new WebhookEndpointCreated(e.Id, e.Url, created.Secret, DateTime.SpecifyKind(e.CreatedAtUtc, DateTimeKind.Utc)));
    }

    private static async Task<IResult> List(ClaimsPrincipal user, WebhookEndpointService endpoints, CancellationToken ct) =>
        TypedResults.Ok((await endpoints.ListAsync(user.OrganisationId(), ct))
            .Select(e => new WebhookEndpointResponse(e.Id, e.Url, DateTime.SpecifyKind(e.CreatedAtUtc, DateTimeKind.Utc))).ToList());

    private static async Task<IResult> Delete(Guid id, ClaimsPrincipal user, WebhookEndpointService endpoints, CancellationToken ct) =>
        await endpoints.DeleteAsync(user.OrganisationId(), id, user.Actor(), ct)
            ? TypedResults.NoContent()
            : ApiProblems.NotFound($"There is no webhook endpoint '{id}'.");
}
