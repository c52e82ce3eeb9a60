using Portal.Api.Customers;
using Portal.Api.Http;
using Portal.Domain.Customers;
using Portal.Domain.Invoices;
using Portal.Infrastructure.Invoices;

namespace Portal.Api.Invoices;

/// <summary>POST /api/v1/invoices/batch: up to 10,000 invoices, with the customers they need.</summary>
public record BatchRequest(IReadOnlyList<BatchCustomer?>? Customers, IReadOnlyList<BatchInvoice?>? Invoices);

/// <summary>A customer in a batch: a <see cref="CustomerRequest"/> with its reference beside it.</summary>
public record BatchCustomer(string? CustomerRef, string? Name, string? Email, string? Phone, string? Language, AddressDto? Address)
{
    /// <summary>This item's checks, the reference first, then those of a PUT of the customer; the details are null when one of those failed.</summary>
    public CustomerDetails? ToDetails(List<RuleViolation> errors)
    {
        if (!RequestMapping.IsValidKey(CustomerRef)) errors.Add(new("customerRef", RequestMapping.KeyRule("customerRef")));
        return new CustomerRequest(Name, Email, Phone, Language, Address).ToDetails(errors);
    }
}

/// <summary>An invoice in a batch: an <see cref="InvoiceRequest"/> with its number beside it.</summary>
public record BatchInvoice(
    string? InvoiceNumber,
    string? CustomerRef,
    DateOnly? IssueDate,
    DateOnly? DueDate,
    string? Currency,
    decimal? TotalAmount,
    IReadOnlyList<InvoiceLineDto?>? Lines,
    string? Description)
{
    /// <summary>This item's checks, the number first, then those of a PUT of the invoice; the input is null when one of those failed.</summary>
    public InvoiceInput? ToInput(List<RuleViolation> errors)
    {
        if (!RequestMapping.IsValidKey(InvoiceNumber)) errors.Add(new("invoiceNumber", RequestMapping.KeyRule("invoiceNumber")));
        return new InvoiceRequest(CustomerRef, IssueDate, DueDate, Currency, TotalAmount, Lines, Description).ToInput(InvoiceNumber ?? "", errors);
    }
}

/// <summary>One result per item, in the order sent. <c>result</c> is created, updated, unchanged or rejected.</summary>
public record BatchResponse(BatchSummary Summary, IReadOnlyList<BatchItemResult> Customers, IReadOnlyList<BatchItemResult> Invoices);

public record BatchSummary(int Created, int Updated, int Unchanged, int Rejected);

public record BatchItemResult(int Index, string? Key, string Result, IDictionary<string, string[]>? Errors);
