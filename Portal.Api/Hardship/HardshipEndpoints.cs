using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Portal.Api.Auth;
using Portal.Api.Http;
using Portal.Domain.Hardship;
using Portal.Domain.Invoices;
using Portal.Infrastructure.Hardship;

namespace Portal.Api.Hardship;

public record HelpLinkDto(string? Text, string? Url);

/// <summary>PUT /api/v1/hardship-settings: your words and links for customers who cannot pay; both left out (or null) is Portal's default.</summary>
public record HardshipSettingsRequest(string? HelpText, IReadOnlyList<HelpLinkDto>? HelpLinks)
{
    public (HardshipHelp? Help, IReadOnlyList<RuleViolation> Errors) Check()
    {
        var errors = new List<RuleViolation>();
        var text = string.IsNullOrWhiteSpace(HelpText) ? null : HelpText.Trim();
        if (text is not null) RequestMapping.FreeText(text, "helpText", errors);
        var help = new HardshipHelp(text, [.. (HelpLinks ?? []).Select(l => new HelpLink(l?.Text?.Trim() ?? "", l?.Url?.Trim() ?? ""))]);
        errors.AddRange(help.Check());
        return errors.Count > 0 ? (null, errors) : (help, []);
    }
}

public record HardshipSettingsResponse(string? HelpText, IReadOnlyList<HelpLinkDto> HelpLinks, bool IsDefault)
{
    public static HardshipSettingsResponse Of(HardshipHelp h) => new(h.Text, [.. h.Links.Select(l => new HelpLinkDto(l.Text, l.Url))], h.IsDefault);
}

/// <summary>A registration: role administrator (bewindvoerder) or debtCounsellor (schuldhulpverlener), and the helper as the customer gave them.</summary>
public record HardshipResponse(Guid Id, string CustomerRef, string Status, string Role, string HelperName, string? HelperOrganisation, string HelperContact,
    string? EndReason, DateTime CreatedAt, DateTime? EndedAt)
{
    public static HardshipResponse Of(HardshipView v) => new(v.Id, v.CustomerRef, HardshipService.StatusName(v.Status), HardshipService.RoleName(v.Role),
        v.HelperName, v.HelperOrganisation, v.HelperContact, v.EndReason, DateTime.SpecifyKind(v.CreatedAtUtc, DateTimeKind.Utc),
        v.EndedAtUtc is { } e ? DateTime.SpecifyKind(e, DateTimeKind.Utc) : null);
}

public record HardshipListResponse(IReadOnlyList<HardshipResponse> Items, string? NextCursor);

public record HardshipEndRequest(string? Reason);

public static class HardshipEndpoints
{
    public static RouteGroupBuilder MapHardshipEndpoints(this RouteGroupBuilder api)
    {
        var settings = api.MapGroup("/hardship-settings").WithTags("Customers who cannot pay");
        settings.MapGet("/", GetSettings).WithName("GetHardshipSettings")
            .WithSummary("Where your customers who cannot pay find free help").Produces<HardshipSettingsResponse>();
        settings.MapPut("/", PutSettings).WithName("PutHardshipSettings")
            .WithSummary("Set your words (helpText, up to 1000 characters) and up to 5 https links (helpLinks: [{\"text\", \"url\"}]) for free help; "
                + "leave both out for Portal's default (the municipality's free debt help and Geldfit)")
            .Accepts<HardshipSettingsRequest>("application/json")
            .Produces<HardshipSettingsResponse>().ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);

        var registrations = api.MapGroup("/hardship-registrations").WithTags("Customers who cannot pay");
        registrations.MapGet("/", List).WithName("ListHardshipRegistrations")
            .WithSummary("Customers whose money a bewindvoerder or schuldhulpverlener handles, newest first")
            .WithDescription("Filter by status (active, ended) and customerRef; page with cursor and limit (1 to 1000, default 100).")
            .Produces<HardshipListResponse>().ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        registrations.MapPost("/{id}/end", End).WithName("EndHardshipRegistration")
            .WithSummary("End it, optionally with a reason: the customer's invoices are collected and reminded as before (hardship.ended)")
            .Accepts<HardshipEndRequest>("application/json")
            .Produces<HardshipResponse>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        return api;
    }

    private static async Task<IResult> GetSettings(ClaimsPrincipal user, HardshipService hardship, CancellationToken ct) =>
        TypedResults.Ok(HardshipSettingsResponse.Of(await hardship.HelpAsync(user.OrganisationId(), ct)));

    private static async Task<IResult> PutSettings(HttpRequest request, ClaimsPrincipal user, HardshipService hardship, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<HardshipSettingsRequest>(request);
        if (problem is not null) return problem;
        var (help, errors) = body!.Check();
        if (help is null) return ApiProblems.Validation(errors);
        await hardship.SetHelpAsync(user.OrganisationId(), help, user.Actor(), ct);
        return TypedResults.Ok(HardshipSettingsResponse.Of(await hardship.HelpAsync(user.OrganisationId(), ct)));
    }

    private static async Task<IResult> List(ClaimsPrincipal user, HardshipService hardship, string? status, string? customerRef, string? cursor, int? limit,
        CancellationToken ct)
    {
        var errors = new List<RuleViolation>();
        var wanted = ListPaging.Status(status, HardshipService.Statuses, errors);
        if (customerRef is not null && !RequestMapping.IsValidKey(customerRef)) errors.Add(new("customerRef", RequestMapping.KeyRule("customerRef")));
        var (before, pageSize, unreadable) = ListPaging.Page(cursor, limit, errors);
        if (unreadable is not null) return unreadable;
        if (errors.Count > 0) return ApiProblems.Validation(errors);
        var (items, next) = await hardship.ListAsync(user.OrganisationId(), wanted, customerRef, before, pageSize, ct);
        return TypedResults.Ok(new HardshipListResponse([.. items.Select(HardshipResponse.Of)], ListPaging.Next(next)));
    }

    private static async Task<IResult> End(string id, HttpRequest request, ClaimsPrincipal user, HardshipService hardship, CancellationToken ct)
    {
        string? reason = null;
        if (request.ContentLength is > 0 || request.ContentType is not null)
        {
            var (body, problem) = await JsonBody.ReadAsync<HardshipEndRequest>(request);
            if (problem is not null) return problem;
            if (body!.Reason is { } text && !string.IsNullOrWhiteSpace(text))
            {
                var errors = new List<RuleViolation>();
                if (text.Trim().Length > HardshipRegistration.MaxReason) errors.Add(new("reason", $"'reason' is at most {HardshipRegistration.MaxReason} characters."));
                else RequestMapping.FreeText(text, "reason", errors);
                if (errors.Count > 0) return ApiProblems.Validation(errors);
                reason = text.Trim();
            }
        }
        if (!Guid.TryParse(id, out var registrationId)) return Missing(id);
        var (ended, view) = await hardship.EndAsync(user.OrganisationId(), registrationId, reason, user.Actor(), ct);
        return ended switch
        {
            null => Missing(id),
            false => TypedResults.Problem("It has ended already.", statusCode: StatusCodes.Status409Conflict, title: "Not possible in this state"),
            true => TypedResults.Ok(HardshipResponse.Of(view!)),
        };
    }

    private static IResult Missing(string id) => ApiProblems.NotFound($"There is no hardship registration '{id}'.");
}
