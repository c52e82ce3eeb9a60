namespace Portal.Domain.Payments;

/// <summary>How much of a payment goes to one invoice.</summary>
public class PaymentAllocation
{
    private PaymentAllocation() { }

    internal PaymentAllocation(Guid paymentId, long invoiceId, long amountMinor)
    {
        PaymentId = paymentId;
        InvoiceId = invoiceId;
        AmountMinor = amountMinor;
    }

    public Guid PaymentId { get; private set; }
    public long InvoiceId { get; private set; }
    public long AmountMinor { get; private set; }
}
