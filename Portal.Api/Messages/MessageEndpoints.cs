using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Portal.Api.Auth;
using Portal.Api.Http;
using Portal.Domain.Invoices;
using Portal.Domain.Messages;
using Portal.Infrastructure.Database;
using Portal.Infrastructure.Messages;

namespace Portal.Api.Messages;

public static class MessageEndpoints
{
    private const int DefaultPageSize = 100;
    private const int MaxPageSize = 1000;

    public static RouteGroupBuilder MapMessageEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/messages").WithTags("Messages");
        group.MapPost("/", Send).WithName("SendMessage")
            .WithSummary("Send a customer a message (pay link, reminder, thank-you) by their preferred or a chosen channel")
            .WithDescription($"kind: {MessageRequest.ErpKindNames}; channel: {string.Join(", ", MessageNames.ChannelNames)} (optional). "
                + "The message is written to the outbox and sent within seconds; message.sent or message.failed follows as an event.")
            .Accepts<MessageRequest>("application/json")
            .Produces<MessageQueuedResponse>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity).ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapPost("/batch", SendMany).WithName("SendMessages")
            .WithSummary("Send up to 10,000 messages in one call (pay links to a whole run of customers, say)")
            .WithDescription("items: the same objects as POST /api/v1/messages. Each item is checked and written on its own: results say per index "
                + "whether it was queued (with its id and channel) or rejected (with errors naming the fields). Items are saved 250 at a time.")
            .Accepts<MessageBatchRequest>("application/json")
            .Produces<MessageBatchResponse>()
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity).ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        group.MapGet("/", List).WithName("ListMessages")
            .WithSummary("The messages sent to customers, newest first")
            .WithDescription("Filter by customerRef and status (queued, sent, failed); page with cursor (nextCursor of the previous page) and limit (1 to 1000, default 100).")
            .Produces<MessageListResponse>().ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapGet("/{id:long}/letter.pdf", Letter).WithName("MessageLetterPdf")
            .WithSummary("A letter message as a PDF to print and post (A4, for a window envelope)")
            .WithDescription("With the customer's address, the text, the pay link as a QR code and, for an amount in euro, the EPC transfer QR code with the RF reference. The first fetch marks the message sent (message.sent).")
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return group;
    }

    private static async Task<IResult> Send(HttpRequest request, ClaimsPrincipal user, MessageService messages, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<MessageRequest>(request);
        if (problem is not null) return problem;
        if (body!.Check(out var kind, out var channel) is { } error) return ApiProblems.Validation([error]);
        var result = await messages.QueueAsync(user.OrganisationId(), body.CustomerRef!,
            new MessageService.Request(kind, channel, body.InvoiceNumbers?.Select(n => n!).ToList()), user.Actor(), ct);
        if (result.Message is not { } queued) return ApiProblems.Validation(result.Errors);
        return TypedResults.Json(new MessageQueuedResponse(queued.Message.Id, MessageStatus.Queued.Name(), queued.Channel.Name()),
            statusCode: StatusCodes.Status202Accepted);
    }

    private static async Task<IResult> SendMany(HttpRequest request, ClaimsPrincipal user, MessageService messages, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<MessageBatchRequest>(request, 4 * 1024 * 1024);
        if (problem is not null) return problem;
        if (body!.Items is not { Count: > 0 } items) return ApiProblems.Validation("items", "'items' is required: one or more messages.");
        if (items.Count > MessageBatchRequest.MaxItems)
            return ApiProblems.Validation("items", $"A batch holds at most {MessageBatchRequest.MaxItems:N0} items; this one has {items.Count:N0}.");

        var results = new MessageBatchItemResult?[items.Count];
        var valid = new List<(int Index, MessageService.BatchItem Item)>();
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is not { } item) results[i] = Rejected(i, null, [new RuleViolation("items", "An item is an object, not null.")]);
            else if (item.Check(out var kind, out var channel) is { } error) results[i] = Rejected(i, item.CustomerRef, [error]);
            else valid.Add((i, new MessageService.BatchItem(item.CustomerRef!, new MessageService.Request(kind, channel, item.InvoiceNumbers?.Select(n => n!).ToList()))));
        }
        var written = await messages.QueueManyAsync(user.OrganisationId(), [.. valid.Select(v => v.Item)], user.Actor(), ct);
        foreach (var outcome in written)
        {
            var (index, item) = valid[outcome.Index];
            results[index] = outcome.Result.Message is { } queued
                ? new MessageBatchItemResult(index, item.CustomerRef, MessageStatus.Queued.Name(), queued.Message.Id, queued.Channel.Name(), null)
                : Rejected(index, item.CustomerRef, outcome.Result.Errors);
        }
        var all = results.Select(r => r!).ToList();
        return TypedResults.Ok(new MessageBatchResponse(all.Count(r => r.Status == "queued"), all.Count(r => r.Status == "rejected"), all));
    }

    private static MessageBatchItemResult Rejected(int index, string? customerRef, IEnumerable<RuleViolation> errors) =>
        new(index, customerRef, "rejected", null, null, errors.GroupBy(e => $"items[{index}].{e.Field}").ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()));

    private static async Task<IResult> List(ClaimsPrincipal user, PortalDbContext db, string? customerRef, string? status, string? cursor, int? limit,
        CancellationToken ct)
    {
        var errors = new List<RuleViolation>();
        if (customerRef is not null && !RequestMapping.IsValidKey(customerRef)) errors.Add(new("customerRef", RequestMapping.KeyRule("customerRef")));
        MessageStatus? wanted = null;
        if (status is not null)
        {
            if (MessageNames.TryParseStatus(status, out var parsed)) wanted = parsed;
            else errors.Add(new("status", "'status' is one of queued, sent, failed."));
        }
        long? before = null;
        if (cursor is not null)
        {
            if (long.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0) before = id;
            else return ApiProblems.Unreadable("cursor", "'cursor' is not a cursor this API gave out; pass nextCursor from the previous page.");
        }
        var pageSize = limit ?? DefaultPageSize;
        if (pageSize is < 1 or > MaxPageSize) errors.Add(new("limit", $"'limit' is between 1 and {MaxPageSize}."));
        if (errors.Count > 0) return ApiProblems.Validation(errors);

        var organisationId = user.OrganisationId();
        var query = db.Messages.AsNoTracking().Where(m => m.OrganisationId == organisationId)
            .Join(db.Customers, m => m.CustomerId, c => c.Id, (m, c) => new { Message = m, c.CustomerRef });
        if (customerRef is not null) query = query.Where(x => x.CustomerRef == customerRef);
        if (wanted is { } s) query = query.Where(x => x.Message.Status == s);
        if (before is { } b) query = query.Where(x => x.Message.Id < b);
        var rows = await query.OrderByDescending(x => x.Message.Id).Take(pageSize + 1)
            .Select(x => new { x.Message.Id, x.CustomerRef, x.Message.Kind, x.Message.Channel, x.Message.Status, x.Message.Recipient,
                x.Message.CreatedAtUtc, x.Message.SentAtUtc, x.Message.Failure, x.Message.Bounced })
            .ToListAsync(ct);
        var page = rows.Take(pageSize).Select(r => new MessageItem(r.Id, r.CustomerRef, r.Kind.Name(), r.Channel.Name(), r.Status.Name(),
            ContactMask.Of(r.Channel, r.Recipient), Utc(r.CreatedAtUtc), r.SentAtUtc is { } sent ? Utc(sent) : null, r.Failure, r.Bounced)).ToList();
        var next = rows.Count > pageSize ? page[^1].Id.ToString(CultureInfo.InvariantCulture) : null;
        return TypedResults.Ok(new MessageListResponse(page, next));
    }

    private static async Task<IResult> Letter(long id, ClaimsPrincipal user, LetterService letters, CancellationToken ct)
    {
        var result = await letters.PdfAsync(user.OrganisationId(), id, ct);
        return result.Outcome switch
        {
            LetterService.Outcome.Pdf => TypedResults.File(result.Pdf!, "application/pdf", $"letter-{id}.pdf"),
            LetterService.Outcome.NotALetter => ApiProblems.NotFound($"Message {id} is not a letter; only letters have a PDF."),
            LetterService.Outcome.NoFont => TypedResults.Problem(LetterFonts.Missing, statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "Letters cannot be made on this server"),
            _ => ApiProblems.NotFound($"There is no message {id}."),
        };
    }

    private static DateTime Utc(DateTime value) => DateTime.SpecifyKind(value, DateTimeKind.Utc);
}
