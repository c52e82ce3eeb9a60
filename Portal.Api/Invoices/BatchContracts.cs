using Portal.Api.Customers;

namespace Portal.Api.Invoices;

/// <summary>POST /api/v1/invoices/batch: up to 10,000 invoices, with the customers they need.</summary>
public record BatchRequest(IReadOnlyList<BatchCustomer?>? Customers, IReadOnlyList<BatchInvoice?>? Invoices);

public record BatchCustomer(string? CustomerRef, string? Name, string? Email, string? Phone, string? Language, AddressDto? Address);

public record BatchInvoice(
    string? InvoiceNumber,
    string? CustomerRef,
    DateOnly? IssueDate,
    DateOnly? DueDate,
    string? Currency,
    decimal? TotalAmount,
    IReadOnlyList<InvoiceLineDto?>? Lines,
    string? Description);

/// <summary>One result per item, in the order sent. <c>result</c> is created, updated, unchanged or rejected.</summary>
public record BatchResponse(BatchSummary Summary, IReadOnlyList<BatchItemResult> Customers, IReadOnlyList<BatchItemResult> Invoices);

public record BatchSummary(int Created, int Updated, int Unchanged, int Rejected);

public record BatchItemResult(int Index, string? Key, string Result, IDictionary<string, string[]>? Errors);
