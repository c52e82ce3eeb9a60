namespace Portal.Infrastructure.Invoices;

/// <summary>An invoice as the ERP reads it back. Amounts in minor units; the API formats them.</summary>
public record InvoiceView(
    long Id,
    string InvoiceNumber,
    string CustomerRef,
    string Status,
    string Currency,
    long TotalMinor,
    long AmountPaidMinor,
    DateOnly IssueDate,
    DateOnly DueDate,
    string? Description,
    DateTime ChangedAtUtc,
    IReadOnlyList<InvoiceLineView> Lines);

public record InvoiceLineView(string Description, long AmountMinor, decimal? Quantity, long? UnitPriceMinor, decimal? VatRate);
