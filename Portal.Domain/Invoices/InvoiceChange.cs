namespace Portal.Domain.Invoices;

/// <summary>
/// Whether an invoice may take the ERP's new view, and the status that follows, over the stored columns alone.
/// <see cref="Invoice.Update"/> and the bulk import, which reads the columns without loading entities, both decide
/// here, so a PUT and a batch item cannot disagree.
/// </summary>
public static class InvoiceChange
{
    /// <summary>What applying <paramref name="next"/> to an invoice now holding <paramref name="current"/> leads to.</summary>
    public static InvoiceUpdateOutcome Check(InvoiceDetails current, InvoiceStatus status, long amountPaidMinor, InvoiceDetails next)
    {
        if (next.Equals(current)) return InvoiceUpdateOutcome.Unchanged;
        if (status == InvoiceStatus.Paid) return InvoiceUpdateOutcome.RejectedBecausePaid;
        if (status == InvoiceStatus.Cancelled) return InvoiceUpdateOutcome.RejectedBecauseCancelled;
        if (next.Currency != current.Currency && amountPaidMinor > 0) return InvoiceUpdateOutcome.RejectedBelowAmountPaid;
        if (next.TotalMinor < amountPaidMinor) return InvoiceUpdateOutcome.RejectedBelowAmountPaid;
        return InvoiceUpdateOutcome.Updated;
    }

    /// <summary>The status an invoice has with these amounts: cancelled wins, then paid in full, partly paid, open.</summary>
    public static InvoiceStatus StatusOf(DateTime? cancelledAtUtc, long amountPaidMinor, long totalMinor) =>
        cancelledAtUtc is not null ? InvoiceStatus.Cancelled
        : amountPaidMinor >= totalMinor ? InvoiceStatus.Paid
        : amountPaidMinor > 0 ? InvoiceStatus.PartiallyPaid
        : InvoiceStatus.Open;
}
