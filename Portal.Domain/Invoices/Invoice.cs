
namespace Portal.Domain.Invoices;

/// <summary>An invoice the ERP pushed, identified per organisation by the ERP's invoice number.</summary>
public class Invoice
{
    private readonly List<InvoiceLine> _lines = [];

    private Invoice() { }

    public Invoice(long organisationId, string invoiceNumber, InvoiceDetails details, DateTime nowUtc)
    {
        OrganisationId = organisationId;
        InvoiceNumber = invoiceNumber;
        CreatedAtUtc = nowUtc;
        Apply(details);
        Touch(nowUtc);
    }

    public long Id { get; private set; }
    public long OrganisationId { get; private set; }
    public string InvoiceNumber { get; private set; } = "";
    public long CustomerId { get; private set; }
    public DateOnly IssueDate { get; private set; }
    public DateOnly DueDate { get; private set; }
    public string Currency { get; private set; } = "EUR";
    public long TotalMinor { get; private set; }
    public long AmountPaidMinor { get; private set; }
    public string? Description { get; private set; }
    public InvoiceStatus Status { get; private set; }
    public DateTime? CancelledAtUtc { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
    /// <summary>When anything the ERP can read last changed; drives <c>changedSince</c> and paging.</summary>
    public DateTime ChangedAtUtc { get; private set; }
    public IReadOnlyList<InvoiceLine> Lines => _lines;

    public Money Total => Money.FromMinor(TotalMinor, Currency);
    public Money AmountPaid => Money.FromMinor(AmountPaidMinor, Currency);
    public Money AmountDue => Money.FromMinor(InvoiceMoney.DueMinor(TotalMinor, AmountPaidMinor), Currency);

    public bool IsPayable => InvoiceMoney.IsPayable(Status);
    public bool IsOverdue(DateOnly today) => InvoiceMoney.IsOverdue(Status, DueDate, today);

    public InvoiceDetails Details =>
        new(CustomerId, IssueDate, DueDate, Currency, TotalMinor, _lines.OrderBy(l => l.Position).Select(l => l.Details).ToList(), Description);

    /// <summary>Applies the ERP's view of this invoice. A paid or cancelled invoice no longer changes.</summary>
    public InvoiceUpdateOutcome Update(InvoiceDetails details, DateTime nowUtc)
    {
        var outcome = InvoiceChange.Check(Details, Status, AmountPaidMinor, details);
        if (outcome != InvoiceUpdateOutcome.Updated) return outcome;
        Apply(details);
        Touch(nowUtc);
        return InvoiceUpdateOutcome.Updated;
    }

    /// <summary>
    /// Records money received for this invoice (from a payment, or a transfer the ERP reports) and returns how much of
    /// it the invoice took: never more than is still due, and nothing once it is paid or cancelled. The rest is not
    /// this invoice's to keep (see <see cref="Payments.CustomerCredit"/>), so no invoice shows more paid than its total.
    /// </summary>
    public Money RegisterPayment(Money amount, DateTime nowUtc)
    {
        if (amount.Currency != Currency) throw new InvalidOperationException($"Invoice {InvoiceNumber} is in {Currency}, not {amount.Currency}.");
        if (amount.IsNegative || amount.IsZero) throw new ArgumentOutOfRangeException(nameof(amount), "A payment is a positive amount.");
        if (!IsPayable) return Money.Zero(Currency);
        var taken = Math.Min(amount.MinorUnits, InvoiceMoney.DueMinor(TotalMinor, AmountPaidMinor));
        AmountPaidMinor += taken;
        Touch(nowUtc);
        return Money.FromMinor(taken, Currency);
    }

    /// <summary>
    /// Money the customer's bank took back (a direct-debit chargeback): it no longer counts as paid, so the invoice is
    /// open again for that much. Answers what was taken back, never more than was paid.
    /// </summary>
    public Money ReversePayment(Money amount, DateTime nowUtc)
    {
        if (amount.Currency != Currency) throw new InvalidOperationException($"Invoice {InvoiceNumber} is in {Currency}, not {amount.Currency}.");
        if (amount.IsNegative || amount.IsZero) throw new ArgumentOutOfRangeException(nameof(amount), "A reversal is a positive amount.");
        var back = Math.Min(amount.MinorUnits, AmountPaidMinor);
        AmountPaidMinor -= back;
        Touch(nowUtc);
        return Money.FromMinor(back, Currency);
    }

    public bool Cancel(DateTime nowUtc)
    {
        if (Status is InvoiceStatus.Cancelled or InvoiceStatus.Paid) return false;
        CancelledAtUtc = nowUtc;
        Touch(nowUtc);
        return true;
    }

    private void Apply(InvoiceDetails details)
    {
        CustomerId = details.CustomerId;
        IssueDate = details.IssueDate;
        DueDate = details.DueDate;
        Currency = details.Currency;
        TotalMinor = details.TotalMinor;
        Description = details.Description;
        _lines.Clear();
        for (var i = 0; i < details.Lines.Count; i++) _lines.Add(new InvoiceLine(i + 1, details.Lines[i]));
    }

    private void Touch(DateTime nowUtc)
    {
        Status = InvoiceChange.StatusOf(CancelledAtUtc, AmountPaidMinor, TotalMinor);
        ChangedAtUtc = nowUtc;
    }
}
