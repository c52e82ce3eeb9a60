namespace Portal.Domain.PayLinks;

/// <summary>One invoice a scoped pay link covers.</summary>
public class PayLinkInvoice
{
    private PayLinkInvoice() { }

    internal PayLinkInvoice(Guid payLinkId, long invoiceId)
    {
        PayLinkId = payLinkId;
        InvoiceId = invoiceId;
    }

    public Guid PayLinkId { get; private set; }
    public long InvoiceId { get; private set; }
}
