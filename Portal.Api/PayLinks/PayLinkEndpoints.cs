using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Portal.Api.Auth;
using Portal.Api.Http;
using Portal.Domain.Invoices;
using Portal.Infrastructure;
using Portal.Infrastructure.PayLinks;

namespace Portal.Api.PayLinks;

public static class PayLinkEndpoints
{
    public static RouteGroupBuilder MapPayLinkEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/pay-links").WithTags("Pay links");
        group.MapPost("/", Create).WithName("CreatePayLink")
            .WithSummary("Create a pay link for a customer (all open invoices, or the ones named)")
            .WithDescription("The url holds a secret: store it only where the customer gets it. Default lifetime 90 days, at most 366.")
            .Accepts<PayLinkRequest>("application/json")
            .Produces<PayLinkResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity).ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapGet("/{id:guid}/qr.svg", QrSvg).WithName("PayLinkQrSvg").WithSummary("The pay link as a QR code (SVG)")
            .Produces(StatusCodes.Status200OK, contentType: "image/svg+xml").ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id:guid}/qr.png", QrPng).WithName("PayLinkQrPng").WithSummary("The pay link as a QR code (PNG)")
            .Produces(StatusCodes.Status200OK, contentType: "image/png").ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id:guid}/revoke", Revoke).WithName("RevokePayLink")
            .WithSummary("Revoke a pay link; it stops working at once")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    private static async Task<IResult> Create(HttpRequest request, ClaimsPrincipal user, PayLinkService payLinks,
        PublicLinks links, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<PayLinkRequest>(request);
        if (problem is not null) return problem;
        if (body!.Check() is { } error) return ApiProblems.Validation([error]);

        var result = await payLinks.CreateAsync(user.OrganisationId(), body.CustomerRef!, body.InvoiceNumbers?.Select(n => n!).ToList(),
            body.ExpiresAt?.UtcDateTime, user.Actor(), ct);
        if (result.Link is null) return ApiProblems.Validation(result.Errors);
        var link = result.Link;
        var api = links.To(request, $"/api/v1/pay-links/{link.Id}");
        return TypedResults.Created(api, new PayLinkResponse(link.Id, links.PayLink(request, link.Token),
            DateTime.SpecifyKind(link.ExpiresAtUtc, DateTimeKind.Utc), api + "/qr.svg", api + "/qr.png"));
    }

    private static async Task<IResult> QrSvg(Guid id, HttpRequest request, ClaimsPrincipal user, PayLinkService payLinks,
        QrCodeRenderer qr, PublicLinks links, CancellationToken ct)
    {
        var token = await payLinks.RecoverTokenAsync(user.OrganisationId(), id, ct);
        return token is null ? NoSuchLink(id) : TypedResults.Text(qr.Svg(links.PayLink(request, token)), "image/svg+xml");
    }

    private static async Task<IResult> QrPng(Guid id, HttpRequest request, ClaimsPrincipal user, PayLinkService payLinks,
        QrCodeRenderer qr, PublicLinks links, CancellationToken ct)
    {
        var token = await payLinks.RecoverTokenAsync(user.OrganisationId(), id, ct);
        return token is null ? NoSuchLink(id) : TypedResults.File(qr.Png(links.PayLink(request, token)), "image/png");
    }

    private static async Task<IResult> Revoke(Guid id, ClaimsPrincipal user, PayLinkService payLinks, CancellationToken ct) =>
        await payLinks.RevokeAsync(user.OrganisationId(), id, user.Actor(), ct) ? TypedResults.NoContent() : NoSuchLink(id);

    private static IResult NoSuchLink(Guid id) => ApiProblems.NotFound($"There is no pay link '{id}'.");
}
