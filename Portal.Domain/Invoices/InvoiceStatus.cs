namespace Portal.Domain.Invoices;

public enum InvoiceStatus
{
    Open,
    PartiallyPaid,
    Paid,
    Cancelled,
}
