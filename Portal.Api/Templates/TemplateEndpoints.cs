using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Portal.Api.Auth;
using Portal.Api.Http;
using Portal.Domain.Invoices;
using Portal.Domain.Messages;
using Portal.Infrastructure.Messages;

namespace Portal.Api.Templates;

public static class TemplateEndpoints
{
    private const string Path = "/{kind}/{channel}/{language}";

    public static RouteGroupBuilder MapTemplateEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/templates").WithTags("Templates");
        group.MapGet(Path, Get).WithName("GetTemplate")
            .WithSummary("The text a kind of message gets by a channel in a language: your own, or Portal's default")
            .Produces<TemplateResponse>().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut(Path, Put).WithName("PutTemplate")
            .WithSummary("Use your own text (Scriban) for a kind of message, channel and language")
            .WithDescription("The template is tried on a sample customer first: one that does not parse, or names a variable Portal does not "
                + "give, is refused with 422 naming the part, line and column. Variables: " + string.Join(", ", MessageModel.VariableNames) + ".")
            .Accepts<TemplateRequest>("application/json")
            .Produces<TemplateResponse>()
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapDelete(Path, Delete).WithName("DeleteTemplate")
            .WithSummary("Remove your own text, so Portal's default is used again")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/preview", Preview).WithName("PreviewTemplate")
            .WithSummary("Render a template for a sample customer, with its readability (Flesch-Douma, LIX) and the sentences that are not B1")
            .Accepts<TemplatePreviewRequest>("application/json")
            .Produces<TemplatePreviewResponse>()
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity).ProducesProblem(StatusCodes.Status400BadRequest);
        return group;
    }

    private static async Task<IResult> Get(string kind, string channel, string language, ClaimsPrincipal user, TemplateService templates,
        CancellationToken ct)
    {
        if (TemplateRequest.KeyOf(kind, channel, language, out var unknown) is not { } key) return ApiProblems.NotFound(unknown!);
        return TypedResults.Ok(ToResponse(await templates.GetAsync(user.OrganisationId(), key, ct)));
    }

    private static async Task<IResult> Put(string kind, string channel, string language, HttpRequest request, ClaimsPrincipal user,
        TemplateService templates, CancellationToken ct)
    {
        if (TemplateRequest.KeyOf(kind, channel, language, out var unknown) is not { } key) return ApiProblems.NotFound(unknown!);
        var (body, problem) = await JsonBody.ReadAsync<TemplateRequest>(request);
        if (problem is not null) return problem;
        var errors = new List<RuleViolation>();
        if (body!.ToTexts(key.Channel, errors) is not { } texts) return ApiProblems.Validation(errors);
        var (stored, refused) = await templates.PutAsync(user.OrganisationId(), key, texts, user.Actor(), ct);
        return stored is null ? ApiProblems.Validation(refused) : TypedResults.Ok(ToResponse(stored));
    }

    private static async Task<IResult> Delete(string kind, string channel, string language, ClaimsPrincipal user, TemplateService templates,
        CancellationToken ct)
    {
        if (TemplateRequest.KeyOf(kind, channel, language, out var unknown) is not { } key) return ApiProblems.NotFound(unknown!);
        return await templates.DeleteAsync(user.OrganisationId(), key, user.Actor(), ct)
            ? TypedResults.NoContent()
            : ApiProblems.NotFound($"You have no template of your own for {kind} by {channel} in '{language}'; Portal's default is in use.");
    }

    private static async Task<IResult> Preview(HttpRequest request, ClaimsPrincipal user, TemplateService templates, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<TemplatePreviewRequest>(request);
        if (problem is not null) return problem;
        var errors = new List<RuleViolation>();
        if (!MessageNames.TryParseKind(body!.Kind, out var kind)) errors.Add(new("kind", $"'kind' is one of {string.Join(", ", MessageNames.KindNames)}."));
        if (!MessageNames.TryParseChannel(body.Channel, out var channel)) errors.Add(new("channel", $"'channel' is one of {string.Join(", ", MessageNames.ChannelNames)}."));
        if (!Portal.Domain.Language.SupportedLanguages.IsSupported(body.Language) || body.Language != body.Language!.ToLowerInvariant())
            errors.Add(new("language", $"'language' is one of {string.Join(", ", Portal.Domain.Language.SupportedLanguages.Codes)}."));
        if (errors.Count > 0) return ApiProblems.Validation(errors);
        if (new TemplateRequest(body.Subject, body.Text, body.Html).ToTexts(channel, errors) is not { } texts) return ApiProblems.Validation(errors);

        var (preview, refused) = await templates.PreviewAsync(user.OrganisationId(), new TemplateService.Key(kind, channel, body.Language!), texts, ct);
        if (preview is null) return ApiProblems.Validation(refused);
        return TypedResults.Ok(new TemplatePreviewResponse(preview.Rendered.Subject, preview.Rendered.Text, preview.Rendered.Html,
            new ReadabilityResponse(preview.FleschDouma, preview.Lix, preview.AverageSentenceLength, preview.NotB1)));
    }

    private static TemplateResponse ToResponse(TemplateService.View view) =>
        new(view.Key.Kind.Name(), view.Key.Channel.Name(), view.Key.Language, view.Texts.Subject, view.Texts.Text, view.Texts.Html, view.IsDefault,
            view.UpdatedAtUtc is { } at ? DateTime.SpecifyKind(at, DateTimeKind.Utc) : null);
}
