using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Portal.Api.Auth;
using Portal.Api.Http;
using Portal.Domain.Invoices;
using Portal.Infrastructure;
using Portal.Infrastructure.PayLinks;
using Portal.Api.Messages;
using Portal.Domain.Messages;
using Portal.Infrastructure.Messages;

namespace Portal.Api.PayLinks;

public static class PayLinkEndpoints
{
    public static RouteGroupBuilder MapPayLinkEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/pay-links").WithTags("Pay links");
        group.MapPost("/", Create).WithName("CreatePayLink")
            .WithSummary("Create a pay link for a customer (all open invoices, or the ones named)")
            .WithDescription("The url holds a secret: store it only where the customer gets it. Default lifetime 90 days, at most 366. "
                + "With \"send\": {\"channel\": \"email\" | \"sms\" | \"letter\"} (channel optional: the customer's preferred one) the link also goes to the customer in a pay-link message, stored together with the link. "
                + "With \"letterCode\": true the response also holds a short letterCode (ABCD-2345) and letterCodeUrl: printed on a letter, the code and the customer's postcode open the link's pages at /code (the customer needs a postal address on file; five wrong postcodes lock the code, a new link gets a new one). A letter Portal sends prints them itself.")
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

    private static async Task<IResult> Create(HttpRequest request, ClaimsPrincipal user, PayLinkService payLinks, MessageService messages,
        PublicLinks links, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<PayLinkRequest>(request);
        if (problem is not null) return problem;
        if (body!.Check() is { } error) return ApiProblems.Validation([error]);
        var invoiceNumbers = body.InvoiceNumbers?.Select(n => n!).ToList();

        PayLinkService.Issued link;
        MessageQueuedResponse? sent = null;
        if (body.Send is { } send)
        {
            // The link and the message that carries it are stored together, or neither is.
            MessageNames.TryParseChannel(send.Channel, out var chosen);
            var queued = await messages.QueueAsync(user.OrganisationId(), body.CustomerRef!, new MessageService.Request(MessageKind.PayLink,
                send.Channel is null ? null : chosen, invoiceNumbers, body.ExpiresAt?.UtcDateTime, LetterCode: body.LetterCode == true), user.Actor(), ct);
            if (queued.Message is not { NewLink: { } made } message)
                return ApiProblems.Validation(queued.Errors.Select(e => e.Field == "channel" ? e with { Field = "send.channel" } : e));
            link = made;
            sent = new MessageQueuedResponse(message.Message.Id, MessageStatus.Queued.Name(), message.Channel.Name());
        }
        else
        {
            var result = await payLinks.CreateAsync(user.OrganisationId(), body.CustomerRef!, invoiceNumbers, body.ExpiresAt?.UtcDateTime, user.Actor(), ct,
                letterCode: body.LetterCode == true);
            if (result.Link is null) return ApiProblems.Validation(result.Errors);
            link = result.Link;
        }
        var api = links.To(request, $"/api/v1/pay-links/{link.Id}");
        return TypedResults.Created(api, new PayLinkResponse(link.Id, links.PayLink(request, link.Token),
            DateTime.SpecifyKind(link.ExpiresAtUtc, DateTimeKind.Utc), api + "/qr.svg", api + "/qr.png", sent,
            link.LetterCode, link.LetterCode is null ? null : links.To(request, "/code")));
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
