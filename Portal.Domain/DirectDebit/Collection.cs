namespace Portal.Domain.DirectDebit;

/// <summary>Planned: announced to the customer. Submitted: the direct debit is at Mollie. Then paid, failed, or cancelled before it was submitted.</summary>
public enum CollectionStatus
{
    Planned,
    Submitted,
    Paid,
    Failed,
    Cancelled,
    ChargedBack,
}

/// <summary>
/// One invoice collected on one date: the row that makes a collection happen once. (invoice, date) is unique, and
/// all of a customer's invoices on one date go into one direct debit (<see cref="PaymentId"/>), so a second worker,
/// a re-run or a crash half-way never charges twice.
/// </summary>
public class Collection
{
    private Collection() { }

    public Collection(long organisationId, long customerId, long mandateId, long invoiceId, DateOnly date, long amountMinor, string currency, DateTime nowUtc)
    {
        if (amountMinor <= 0) throw new ArgumentOutOfRangeException(nameof(amountMinor), "A collection takes a positive amount.");
        OrganisationId = organisationId;
        CustomerId = customerId;
        MandateId = mandateId;
        InvoiceId = invoiceId;
        Date = date;
        AmountMinor = amountMinor;
        Currency = currency;
        Status = CollectionStatus.Planned;
        PlannedAtUtc = nowUtc;
    }

    public long Id { get; private set; }
    public long OrganisationId { get; private set; }
    public long CustomerId { get; private set; }
    public long MandateId { get; private set; }
    public long InvoiceId { get; private set; }
    /// <summary>The day the customer's bank is debited, as announced.</summary>
    public DateOnly Date { get; private set; }
    public long AmountMinor { get; private set; }
    public string Currency { get; private set; } = "EUR";
    public CollectionStatus Status { get; private set; }
    /// <summary>The direct debit (Portal's payment) that collects it, once submitted.</summary>
    public Guid? PaymentId { get; private set; }
    /// <summary>The bank's reason when it failed or was charged back: AM04, MS02, AC04, MD06, …</summary>
    public string? BankReasonCode { get; private set; }
    public DateTime PlannedAtUtc { get; private set; }
    public DateTime? FinishedAtUtc { get; private set; }

    /// <summary>After a failure or a chargeback, the customer chose again (a day, a new mandate): the invoice may be collected again.</summary>
    public bool RetryAllowed { get; private set; }

    /// <summary>Still to be collected: planned or submitted. For queries; <see cref="IsOpen"/> is the same rule compiled.</summary>
    public static readonly System.Linq.Expressions.Expression<Func<Collection, bool>> Open =
        c => c.Status == CollectionStatus.Planned || c.Status == CollectionStatus.Submitted;

    private static readonly Func<Collection, bool> OpenOf = Open.Compile();

    public bool IsOpen => OpenOf(this);

    /// <summary>The customer's consent to try again after this failed or came back; false when there was nothing to allow.</summary>
    public bool AllowRetry()
    {
        if (Status is not (CollectionStatus.Failed or CollectionStatus.ChargedBack) || RetryAllowed) return false;
        RetryAllowed = true;
        return true;
    }

    /// <summary>
    /// The day Portal hands the collection to Mollie: the business day before it, as Mollie debits the next business
    /// day after a recurring payment is made.
    /// </summary>
    public static DateOnly SubmitOn(DateOnly date)
    {
        var day = date.AddDays(-1);
        while (!Target2Calendar.IsBusinessDay(day)) day = day.AddDays(-1);
        return day;
    }

    public void Submitted(Guid paymentId)
    {
        if (Status != CollectionStatus.Planned && PaymentId != paymentId) throw new InvalidOperationException($"Collection {Id} is {Status}.");
        PaymentId = paymentId;
        Status = CollectionStatus.Submitted;
    }

    /// <summary>The bank's answer (paid or failed), or cancelled at Mollie before the bank saw it; false when it was already final.</summary>
    public bool Finish(CollectionStatus outcome, string? bankReasonCode, DateTime nowUtc)
    {
        if (outcome is not (CollectionStatus.Paid or CollectionStatus.Failed or CollectionStatus.Cancelled))
            throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "A collection ends paid, failed or cancelled.");
        if (!IsOpen) return false;
        Status = outcome;
        BankReasonCode = bankReasonCode;
        FinishedAtUtc = nowUtc;
        return true;
    }

    /// <summary>Not collected after all (the day changed, direct debit stopped, the invoice paid otherwise); only before submitting.</summary>
    public bool Cancel(DateTime nowUtc)
    {
        if (Status != CollectionStatus.Planned) return false;
        Status = CollectionStatus.Cancelled;
        FinishedAtUtc = nowUtc;
        return true;
    }

    /// <summary>
    /// Planned again for its date after it was cancelled (the customer changed the day and back, or stopped and set up
    /// again): the same row, so (invoice, date) stays unique. False when it was not cancelled.
    /// </summary>
    public bool Replan(long mandateId, long amountMinor, DateTime nowUtc)
    {
        if (Status != CollectionStatus.Cancelled || PaymentId is not null) return false;
        MandateId = mandateId;
        AmountMinor = amountMinor;
        Status = CollectionStatus.Planned;
        PlannedAtUtc = nowUtc;
        FinishedAtUtc = null;
        return true;
    }

    /// <summary>The customer had their bank return the money (MD06 and the like).</summary>
    public bool ChargedBack(string reasonCode, DateTime nowUtc)
    {
        if (Status != CollectionStatus.Paid) return false;
        Status = CollectionStatus.ChargedBack;
        BankReasonCode = reasonCode;
        FinishedAtUtc = nowUtc;
        return true;
    }
}

/// <summary>What a bank's reason code for a failed collection means for the next step (see shared reference, SEPA).</summary>
public enum BankAnswer
{
    /// <summary>AM04, MS02, MS03 and unknown codes: the invoice is open again; the customer picks another day or pays now.</summary>
    TryAnotherDay,
    /// <summary>AC01, AC04, AC06, MD01: the mandate can no longer be used; a new one is needed.</summary>
    MandateEnded,
    /// <summary>MD07 (account holder deceased), SL01 (the bank blocks this creditor): stop all collection; no new mandate asked.</summary>
    StopCollecting,
}

public static class BankReasons
{
    public static BankAnswer Meaning(string? code) => code switch
    {
        "AC01" or "AC04" or "AC06" or "MD01" => BankAnswer.MandateEnded,
        "MD07" or "SL01" => BankAnswer.StopCollecting,
        _ => BankAnswer.TryAnotherDay,
    };

    /// <summary>Whether the customer should be told by message: not the estate of someone who died (MD07).</summary>
    public static bool TellCustomer(string? code) => code != "MD07";
}
