using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Portal.Api.Auth;
using Portal.Api.Http;
using Portal.Infrastructure.Messages;

namespace Portal.Api.Messages;

public static class MessageSettingsEndpoints
{
    public static RouteGroupBuilder MapMessageSettingsEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/message-settings").WithTags("Messages");
        group.MapGet("/", Get).WithName("GetMessageSettings").WithSummary("Whether customers get a thank-you after paying, and your after-sales block in it")
            .Produces<MessageSettingsResponse>();
        group.MapPut("/", Put).WithName("PutMessageSettings")
            .WithSummary("Switch the thank-you after a payment on or off, and set the short text and link it carries")
            .WithDescription("thankYou: when a payment has gone through, the customer gets the thank-you message (kind thank-you) by their channel. "
                + "afterSales: {text, link} shown in it (text at most 300 characters, link an https address), or null for none.")
            .Accepts<MessageSettingsRequest>("application/json")
            .Produces<MessageSettingsResponse>().ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        return group;
    }

    private static async Task<IResult> Get(ClaimsPrincipal user, MessageSettingsService settings, CancellationToken ct) =>
        TypedResults.Ok(MessageSettingsResponse.Of(await settings.GetAsync(user.OrganisationId(), ct)));

    private static async Task<IResult> Put(HttpRequest request, ClaimsPrincipal user, MessageSettingsService settings, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<MessageSettingsRequest>(request);
        if (problem is not null) return problem;
        var (chosen, errors) = body!.Check();
        if (chosen is null) return ApiProblems.Validation(errors);
        await settings.SetAsync(user.OrganisationId(), chosen, user.Actor(), ct);
        return TypedResults.Ok(MessageSettingsResponse.Of(chosen));
    }
}
