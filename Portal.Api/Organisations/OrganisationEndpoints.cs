using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;
using Portal.Api.Auth;
using Portal.Api.Http;
using Portal.Domain.Language;
using Portal.Domain.Organisations;
using Portal.Infrastructure.Organisations;

namespace Portal.Api.Organisations;

public static class OrganisationEndpoints
{
    public static RouteGroupBuilder MapOrganisationEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/organisation").WithTags("Organisation");
        group.MapGet("/", Get).WithName("GetOrganisation").WithSummary("Your organisation as your customers see it")
            .Produces<OrganisationResponse>();
        group.MapPut("/", Put).WithName("PutOrganisation")
            .WithSummary("Change your name, brand colour, phone number, bank account, languages and e-mail sender name")
            .WithDescription($"Send the whole profile; only senderName may be left out. brandColour is #RRGGBB; iban must pass the IBAN check (mod 97) and is stored without spaces; languages are one or more of {string.Join(", ", SupportedLanguages.Codes)}, the first being the default; senderName is at most {OrganisationProfile.MaxSenderName} characters. Every change is audited.")
            .Accepts<OrganisationRequest>("application/json")
            .Produces<OrganisationResponse>().ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity).ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapPut("/logo", PutLogo).WithName("PutOrganisationLogo")
            .WithSummary("Set the logo on your customers' pages: the SVG or PNG file itself as the body")
            .WithDescription($"Content-Type image/svg+xml or image/png, at most {LogoFile.MaxBytes / 1024} KB (413 above). The type is checked from the content. An SVG with a script, foreignObject, event attributes (on…) or anything fetched from elsewhere (href or url() other than #id, @import) is refused with 422 naming 'logo'.")
            .Accepts<Stream>(LogoFile.Svg, LogoFile.Png)
            .Produces(StatusCodes.Status204NoContent).ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        group.MapDelete("/logo", DeleteLogo).WithName("DeleteOrganisationLogo").WithSummary("Show your name instead of a logo")
            .Produces(StatusCodes.Status204NoContent);
        return group;
    }

    private static async Task<IResult> Get(ClaimsPrincipal user, OrganisationService organisations, CancellationToken ct) =>
        TypedResults.Ok(Response((await organisations.GetAsync(user.OrganisationId(), ct))!));

    private static async Task<IResult> Put(HttpRequest request, ClaimsPrincipal user, OrganisationService organisations, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<OrganisationRequest>(request);
        if (problem is not null) return problem;
        var (profile, errors) = body!.Check();
        if (profile is null) return ApiProblems.Validation(errors);
        await organisations.UpdateAsync(user.OrganisationId(), profile, user.Actor(), ct);
        return TypedResults.Ok(Response((await organisations.GetAsync(user.OrganisationId(), ct))!));
    }

    private static async Task<IResult> PutLogo(HttpRequest request, ClaimsPrincipal user, OrganisationService organisations, CancellationToken ct)
    {
        var contentType = MediaTypeHeaderValue.TryParse(request.ContentType, out var parsed) ? parsed.MediaType.Value?.ToLowerInvariant() : null;
        if (contentType is not (LogoFile.Svg or LogoFile.Png))
            return TypedResults.Problem(new ProblemDetails
            {
                Status = StatusCodes.Status415UnsupportedMediaType,
                Title = "Unsupported media type",
                Detail = $"Send the logo file itself as the body, with Content-Type {LogoFile.Svg} or {LogoFile.Png}.",
                Extensions = { ["field"] = "logo" },
            });
        var (logo, problem) = await ReadBodyAsync(request, LogoFile.MaxBytes);
        if (problem is not null) return problem;
        if (LogoFile.Refusal(logo!, contentType) is { } refusal) return ApiProblems.Validation("logo", refusal);
        await organisations.SetLogoAsync(user.OrganisationId(), logo!, contentType, user.Actor(), ct);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> DeleteLogo(ClaimsPrincipal user, OrganisationService organisations, CancellationToken ct)
    {
        await organisations.RemoveLogoAsync(user.OrganisationId(), user.Actor(), ct);
        return TypedResults.NoContent();
    }

    /// <summary>The raw body up to <paramref name="limit"/> bytes, or 413 however the body arrives (with or without a length).</summary>
    private static async Task<(byte[]? Body, IResult? Problem)> ReadBodyAsync(HttpRequest request, int limit)
    {
        if (request.ContentLength > limit) return (null, ApiProblems.TooLarge(limit));
        var size = request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (size is { IsReadOnly: false }) size.MaxRequestBodySize = limit + 1;
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
            {
                if (buffer.Length + read > limit) return (null, ApiProblems.TooLarge(limit));
                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, ApiProblems.TooLarge(limit));
        }
        return (buffer.ToArray(), null);
    }

    private static OrganisationResponse Response(OrganisationService.View o) =>
        new(o.Id, o.Profile.Name, o.Profile.BrandColour, o.Profile.Phone, o.Profile.Iban, o.Profile.AccountHolder, o.Profile.Languages,
            o.Profile.SenderName, o.LogoContentType is { } type ? new OrganisationLogo(type) : null, DateTime.SpecifyKind(o.CreatedAtUtc, DateTimeKind.Utc));
}
