namespace Portal.Domain.Invoices;

public enum InvoiceUpdateOutcome
{
    Unchanged,
    Updated,
    RejectedBecausePaid,
    RejectedBecauseCancelled,
    RejectedBelowAmountPaid,
}
