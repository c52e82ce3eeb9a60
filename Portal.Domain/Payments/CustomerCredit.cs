namespace Portal.Domain.Payments;

/// <summary>Why money that arrived did not go to its invoice.</summary>
public enum CreditReason
{
    /// <summary>The invoice was already paid, by another payment or by this one's overlap with another.</summary>
    InvoiceAlreadyPaid,
    /// <summary>The organisation cancelled the invoice while the payment was open.</summary>
    InvoiceCancelled,
}

/// <summary>What happens to a credit: kept on the customer for the organisation to settle, or refunded through the provider.</summary>
public enum CreditStatus
{
    /// <summary>Kept on the customer; the organisation settles it (the ERP was told).</summary>
    Held,
    /// <summary>To be refunded through the provider; the refund has not been accepted yet.</summary>
    Refunding,
    /// <summary>The provider accepted the refund.</summary>
    Refunded,
    /// <summary>The provider refused the refund; kept on the customer like <see cref="Held"/>.</summary>
    RefundFailed,
}

/// <summary>
/// Money a customer paid that no invoice needed any more (an overlap of two payments, a cancelled or already paid
/// invoice). It is never added to an invoice, so no invoice shows more paid than its total; it stays visible on the
/// customer until it is refunded.
/// </summary>
public class CustomerCredit
{
    public const int MaxRefundError = 500;

    private CustomerCredit() { }

    public CustomerCredit(long organisationId, long customerId, Guid paymentId, long invoiceId, long amountMinor, string currency,
        CreditReason reason, bool refund, DateTime nowUtc)
    {
        if (amountMinor <= 0) throw new ArgumentOutOfRangeException(nameof(amountMinor), "A credit is a positive amount.");
        OrganisationId = organisationId;
        CustomerId = customerId;
        PaymentId = paymentId;
        InvoiceId = invoiceId;
        AmountMinor = amountMinor;
        Currency = currency;
        Reason = reason;
        Status = refund ? CreditStatus.Refunding : CreditStatus.Held;
        CreatedAtUtc = nowUtc;
    }

    public long Id { get; private set; }
    public long OrganisationId { get; private set; }
    public long CustomerId { get; private set; }
    public Guid PaymentId { get; private set; }
    public long InvoiceId { get; private set; }
    public long AmountMinor { get; private set; }
    public string Currency { get; private set; } = "EUR";
    public CreditReason Reason { get; private set; }
    public CreditStatus Status { get; private set; }
    public string? ProviderRefundId { get; private set; }
    public string? RefundError { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
    public DateTime? RefundedAtUtc { get; private set; }

    public Money Amount => Money.FromMinor(AmountMinor, Currency);

    /// <summary>Still the customer's money at the organisation: not (yet) refunded.</summary>
    public bool IsOutstanding => Status != CreditStatus.Refunded;

    public void MarkRefunded(string providerRefundId, DateTime nowUtc)
    {
        if (Status != CreditStatus.Refunding) throw new InvalidOperationException($"Credit {Id} is {Status}, not waiting for a refund.");
        ProviderRefundId = providerRefundId;
        RefundedAtUtc = nowUtc;
        Status = CreditStatus.Refunded;
    }

    public void MarkRefundFailed(string reason)
    {
        if (Status != CreditStatus.Refunding) throw new InvalidOperationException($"Credit {Id} is {Status}, not waiting for a refund.");
        RefundError = reason.Length > MaxRefundError ? reason[..MaxRefundError] : reason;
        Status = CreditStatus.RefundFailed;
    }
}
