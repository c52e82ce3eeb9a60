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

/// <summary>A payment attempt that covers (part of) an invoice, with the part allocated to it.</summary>
public record InvoicePaymentView(Guid PaymentId, string Method, string Status, long AmountMinor, DateTime CreatedAtUtc, DateTime? PaidAtUtc);

public record InvoiceLineView(string Description, long AmountMinor, decimal? Quantity, long? UnitPriceMinor, decimal? VatRate);
