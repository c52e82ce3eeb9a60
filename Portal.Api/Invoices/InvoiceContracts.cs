namespace Portal.Api.Invoices;

/// <summary>PUT /api/v1/invoices/{invoiceNumber}. Amounts are JSON numbers in major units (125.50).</summary>
public record InvoiceRequest(
    string? CustomerRef,
    DateOnly? IssueDate,
    DateOnly? DueDate,
    string? Currency,
    decimal? TotalAmount,
    IReadOnlyList<InvoiceLineDto?>? Lines,
    string? Description);

public record InvoiceLineDto(string? Description, decimal? Amount, decimal? Quantity, decimal? UnitPrice, decimal? VatRate);

public record InvoiceResponse(
    string InvoiceNumber,
    string CustomerRef,
    string Status,
    decimal TotalAmount,
    decimal AmountPaid,
    decimal AmountDue,
    string Currency,
    DateOnly IssueDate,
    DateOnly DueDate,
    string? Description,
    IReadOnlyList<InvoiceLineResponse> Lines,
    DateTime ChangedAt,
    IReadOnlyList<InvoicePaymentResponse>? Payments = null);

/// <summary>A payment covering this invoice; amount is the part allocated to it. status: open, pending, paid, failed, canceled, expired.</summary>
public record InvoicePaymentResponse(Guid Id, string Method, string Status, decimal Amount, DateTime CreatedAt, DateTime? PaidAt);

public record InvoiceLineResponse(string Description, decimal Amount, decimal? Quantity, decimal? UnitPrice, decimal? VatRate);

/// <summary>A page of invoices; pass <c>nextCursor</c> as <c>cursor</c> for the next page. Null when there is none.</summary>
public record InvoicePage(IReadOnlyList<InvoiceResponse> Items, string? NextCursor);
