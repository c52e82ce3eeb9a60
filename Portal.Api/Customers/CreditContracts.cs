namespace Portal.Api.Customers;

/// <summary>
/// Money a customer paid that no invoice needed any more. reason: invoice_already_paid or invoice_cancelled.
/// status: held (kept on the customer for you to settle), refunding, refunded (Mollie accepted the refund, refundId),
/// refund_failed (Mollie refused it, refundError; kept like held). outstanding: the sum not refunded, per currency.
/// </summary>
public record CreditResponse(long Id, Guid PaymentId, string InvoiceNumber, decimal Amount, string Currency, string Reason, string Status,
    string? RefundId, string? RefundError, DateTime CreatedAt, DateTime? RefundedAt);

public record CreditListResponse(IReadOnlyList<CreditResponse> Items, IReadOnlyDictionary<string, decimal> Outstanding);
