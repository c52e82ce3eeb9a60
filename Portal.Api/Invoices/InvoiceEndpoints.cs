using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Portal.Api.Auth;
using Portal.Api.Http;
using Portal.Domain.Invoices;
using Portal.Infrastructure;
using Portal.Infrastructure.Invoices;

namespace Portal.Api.Invoices;

public static class InvoiceEndpoints
{
    public const int DefaultPageSize = 100;
    public const int MaxPageSize = 1000;

    public static RouteGroupBuilder MapInvoiceEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/invoices").WithTags("Invoices");
        group.MapPut("/{invoiceNumber}", Upsert).WithName("UpsertInvoice")
            .WithSummary("Create or update an invoice by its number")
            .WithDescription("201 when created, 200 when updated or unchanged, 409 when a paid or cancelled invoice would change. totalAmount must equal the sum of the line amounts.")
            .Accepts<InvoiceRequest>("application/json")
            .Produces<InvoiceResponse>(StatusCodes.Status201Created).Produces<InvoiceResponse>()
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        group.MapGet("/{invoiceNumber}", Get).WithName("GetInvoice").WithSummary("Read an invoice with its lines and what is paid")
            .Produces<InvoiceResponse>().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/", List).WithName("ListInvoices")
            .WithSummary("List invoices in the order they changed")
            .WithDescription("Filter by status (open, partially_paid, paid, cancelled) and changedSince; page with cursor (nextCursor of the previous page) and limit (1 to 1000, default 100).")
            .Produces<InvoicePage>().ProducesValidationProblem(StatusCodes.Status400BadRequest)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapPost("/{invoiceNumber}/cancel", Cancel).WithName("CancelInvoice")
            .WithSummary("Cancel an invoice; the customer no longer sees it as open")
            .Produces<InvoiceResponse>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapInvoiceBatchEndpoint();
        return group;
    }

    private static async Task<IResult> Upsert(string invoiceNumber, HttpRequest request, ClaimsPrincipal user, InvoiceService invoices,
        CancellationToken ct)
    {
        if (!RequestMapping.IsValidKey(invoiceNumber)) return ApiProblems.Validation("invoiceNumber", RequestMapping.KeyRule("invoiceNumber"));
        var (body, problem) = await JsonBody.ReadAsync<InvoiceRequest>(request);
        if (problem is not null) return problem;
        var errors = new List<RuleViolation>();
        var input = body!.ToInput(invoiceNumber, errors);
        if (input is null) return ApiProblems.Validation(errors);

        var organisationId = user.OrganisationId();
        var result = await invoices.UpsertAsync(organisationId, input, user.Actor(), ct);
        if (result.Conflict is not null) return ApiProblems.Conflict(result.Conflict);
        if (result.Errors.Count > 0) return ApiProblems.Validation(result.Errors);
        var response = ToResponse((await invoices.GetAsync(organisationId, invoiceNumber, ct))!);
        return result.Outcome == UpsertOutcome.Created
            ? TypedResults.Created($"/api/v1/invoices/{Uri.EscapeDataString(invoiceNumber)}", response)
            : TypedResults.Ok(response);
    }

    private static async Task<IResult> Get(string invoiceNumber, ClaimsPrincipal user, InvoiceService invoices, CancellationToken ct)
    {
        if (!RequestMapping.IsValidKey(invoiceNumber)) return ApiProblems.Validation("invoiceNumber", RequestMapping.KeyRule("invoiceNumber"));
        if (await invoices.GetWithPaymentsAsync(user.OrganisationId(), invoiceNumber, ct) is not var (view, found, pause))
            return ApiProblems.NotFound($"There is no invoice '{invoiceNumber}'.");
        var payments = found.Select(p => new InvoicePaymentResponse(p.PaymentId, p.Method, p.Status,
            RequestMapping.Major(p.AmountMinor, view.Currency), DateTime.SpecifyKind(p.CreatedAtUtc, DateTimeKind.Utc),
            p.PaidAtUtc is null ? null : DateTime.SpecifyKind(p.PaidAtUtc.Value, DateTimeKind.Utc))).ToList();
        return TypedResults.Ok(ToResponse(view) with { Payments = payments, Pause = pause is { } held ? new InvoicePause(held.Reason, held.Until) : null });
    }

    private static async Task<IResult> List(ClaimsPrincipal user, InvoiceService invoices, string? status, DateTimeOffset? changedSince,
        string? cursor, int? limit, CancellationToken ct)
    {
        var errors = new List<RuleViolation>();
        InvoiceStatus? statusFilter = null;
        if (status is not null)
        {
            statusFilter = ParseStatus(status);
            if (statusFilter is null) errors.Add(new("status", "'status' is one of open, partially_paid, paid, cancelled."));
        }
        InvoiceCursor? after = null;
        if (cursor is not null && !InvoiceCursor.TryDecode(cursor, out after))
            return ApiProblems.Unreadable("cursor", "'cursor' is not a cursor this API gave out; pass nextCursor from the previous page.");
        var pageSize = limit ?? DefaultPageSize;
        if (pageSize is < 1 or > MaxPageSize) errors.Add(new("limit", $"'limit' is between 1 and {MaxPageSize}."));
        if (errors.Count > 0) return ApiProblems.Validation(errors);

        var page = await invoices.ListAsync(user.OrganisationId(), statusFilter, changedSince?.UtcDateTime, after, pageSize + 1, ct);
        var items = page.Take(pageSize).ToList();
        var next = page.Count > pageSize ? new InvoiceCursor(DateTime.SpecifyKind(items[^1].ChangedAtUtc, DateTimeKind.Utc), items[^1].Id).Encode() : null;
        return TypedResults.Ok(new InvoicePage(items.Select(ToResponse).ToList(), next));
    }

    private static async Task<IResult> Cancel(string invoiceNumber, ClaimsPrincipal user, InvoiceService invoices, CancellationToken ct)
    {
        if (!RequestMapping.IsValidKey(invoiceNumber)) return ApiProblems.Validation("invoiceNumber", RequestMapping.KeyRule("invoiceNumber"));
        var outcome = await invoices.CancelAsync(user.OrganisationId(), invoiceNumber, user.Actor(), ct);
        if (outcome is null) return ApiProblems.NotFound($"There is no invoice '{invoiceNumber}'.");
        if (outcome == false) return ApiProblems.Conflict($"Invoice {invoiceNumber} is paid and cannot be cancelled.");
        return TypedResults.Ok(ToResponse((await invoices.GetAsync(user.OrganisationId(), invoiceNumber, ct))!));
    }

    public static InvoiceStatus? ParseStatus(string status) => status switch
    {
        "open" => InvoiceStatus.Open,
        "partially_paid" => InvoiceStatus.PartiallyPaid,
        "paid" => InvoiceStatus.Paid,
        "cancelled" => InvoiceStatus.Cancelled,
        _ => null,
    };

    public static string StatusName(string status) => status switch
    {
        nameof(InvoiceStatus.PartiallyPaid) => "partially_paid",
        _ => status.ToLowerInvariant(),
    };

    public static InvoiceResponse ToResponse(InvoiceView v) =>
        new(v.InvoiceNumber, v.CustomerRef, StatusName(v.Status),
            RequestMapping.Major(v.TotalMinor, v.Currency), RequestMapping.Major(v.AmountPaidMinor, v.Currency),
            RequestMapping.Major(InvoiceMoney.DueMinor(v.TotalMinor, v.AmountPaidMinor), v.Currency), v.Currency, v.IssueDate, v.DueDate, v.Description,
            v.Lines.Select(l => new InvoiceLineResponse(l.Description, RequestMapping.Major(l.AmountMinor, v.Currency), l.Quantity,
                l.UnitPriceMinor is null ? null : RequestMapping.Major(l.UnitPriceMinor.Value, v.Currency), l.VatRate)).ToList(),
            DateTime.SpecifyKind(v.ChangedAtUtc, DateTimeKind.Utc));
}
