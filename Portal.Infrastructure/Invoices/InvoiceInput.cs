using Portal.Domain.Invoices;

namespace Portal.Infrastructure.Invoices;

/// <summary>An invoice as the ERP sends it, already parsed into minor units; the customer is still a reference.</summary>
public record InvoiceInput(
    string InvoiceNumber,
    string CustomerRef,
    DateOnly IssueDate,
    DateOnly DueDate,
    string Currency,
    long TotalMinor,
    IReadOnlyList<InvoiceLineDetails> Lines,
    string? Description)
{
    public InvoiceDetails ToDetails(long customerId) =>
        new(customerId, IssueDate, DueDate, Currency, TotalMinor, Lines, Description);
}
