namespace Portal.Domain.Arrangements;

public enum ArrangementStatus
{
    /// <summary>Outside the policy (or the organisation answers every plan): waiting for its answer, or for the customer's on a counter-proposal.</summary>
    Requested,
    Active,
    Rejected,
    Broken,
    Completed,
    Cancelled,
}

/// <summary>
/// A payment plan: invoices of one customer paid in terms. Its terms and the evidence of what the customer agreed to are
/// fixed once agreed; a counter-proposal replaces the terms while the plan is still a request. What has been paid
/// toward the plan is not kept here but measured on its invoices (see <see cref="ArrangementProgress"/>), so a term
/// paid by direct debit, by pay link, by bank transfer or early all count the same.
/// </summary>
public class Arrangement
{
    private readonly List<ArrangementTerm> _terms = [];
    private readonly List<ArrangementInvoice> _invoices = [];

    private Arrangement() { }

    public Arrangement(Guid publicId, long organisationId, long customerId, string currency, PaidBy paidBy, int? collectionDay,
        IReadOnlyList<(long InvoiceId, long OpenMinor, long PaidMinor)> invoices, IReadOnlyList<PlannedTerm> terms,
        ArrangementDecision decision, string evidence, DateTime nowUtc)
    {
        if (invoices.Count == 0) throw new ArgumentException("A plan holds at least one invoice.", nameof(invoices));
        if (terms.Sum(t => t.AmountMinor) != invoices.Sum(i => i.OpenMinor))
            throw new ArgumentException("The terms add up to what the invoices leave open.", nameof(terms));
        PublicId = publicId;
        OrganisationId = organisationId;
        CustomerId = customerId;
        Currency = currency;
        PaidBy = paidBy;
        CollectionDay = paidBy == PaidBy.DirectDebit ? collectionDay ?? throw new ArgumentNullException(nameof(collectionDay)) : null;
        TotalMinor = terms.Sum(t => t.AmountMinor);
        foreach (var (invoiceId, open, paid) in invoices) _invoices.Add(new ArrangementInvoice(invoiceId, open, paid));
        SetTerms(terms);
        OutsidePolicy = string.Join(',', decision.Reasons);
        Evidence = evidence;
        CreatedAtUtc = nowUtc;
        Status = decision.ApproveNow ? ArrangementStatus.Active : ArrangementStatus.Requested;
        if (decision.ApproveNow) AgreedAtUtc = nowUtc;
    }

    /// <summary>The store's key; lists page by it.</summary>
    public long Id { get; private set; }
    /// <summary>The id the API and the ERP know the plan by.</summary>
    public Guid PublicId { get; private set; }
    public long OrganisationId { get; private set; }
    public long CustomerId { get; private set; }
    public ArrangementStatus Status { get; private set; }
    public PaidBy PaidBy { get; private set; }
    /// <summary>The day of the month of the direct debit, when paid by direct debit.</summary>
    public int? CollectionDay { get; private set; }
    public string Currency { get; private set; } = "EUR";
    public long TotalMinor { get; private set; }
    /// <summary>The rules the customer's own proposal was outside of, comma-separated (<see cref="Arrangements.OutsidePolicy"/>); empty inside.</summary>
    public string OutsidePolicy { get; private set; } = "";
    /// <summary>While requested: the organisation proposed other terms, and waits for the customer to accept them.</summary>
    public bool AwaitingCustomer { get; private set; }
    /// <summary>The organisation's reason for a rejection, as the customer is told.</summary>
    public string? Reason { get; private set; }
    /// <summary>What the customer saw and chose when they sent or agreed to the plan, as plain text; never changed afterwards.</summary>
    public string Evidence { get; private set; } = "";
    /// <summary>The text of the counter-proposal the customer accepted, when they accepted one.</summary>
    public string? AcceptedEvidence { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
    public DateTime? AgreedAtUtc { get; private set; }
    public DateTime? EndedAtUtc { get; private set; }

    public IReadOnlyList<ArrangementTerm> Terms => _terms;
    public IReadOnlyList<ArrangementInvoice> Invoices => _invoices;

    /// <summary>Pauses its invoices: a running plan, and one the organisation is still answering.</summary>
    public static readonly System.Linq.Expressions.Expression<Func<Arrangement, bool>> Pausing =
        a => a.Status == ArrangementStatus.Requested || a.Status == ArrangementStatus.Active;

    private static readonly Func<Arrangement, bool> PausingOf = Pausing.Compile();

    public bool IsPausing => PausingOf(this);

    /// <summary>The organisation agrees to the plan as the customer asked it; false when it is not waiting for the organisation.</summary>
    public bool Approve(DateTime nowUtc)
    {
        if (Status != ArrangementStatus.Requested || AwaitingCustomer) return false;
        Status = ArrangementStatus.Active;
        AgreedAtUtc = nowUtc;
        return true;
    }

    /// <summary>The organisation says no, with the reason the customer reads; also to a counter-proposal not yet accepted.</summary>
    public bool Reject(string reason, DateTime nowUtc)
    {
        if (Status != ArrangementStatus.Requested) return false;
        Status = ArrangementStatus.Rejected;
        Reason = reason;
        EndedAtUtc = nowUtc;
        return true;
    }

    /// <summary>The organisation proposes other terms for the same invoices and total; the customer accepts them on their pay link.</summary>
    public bool Counter(IReadOnlyList<PlannedTerm> terms, string? reason)
    {
        if (Status != ArrangementStatus.Requested) return false;
        if (terms.Sum(t => t.AmountMinor) != TotalMinor) throw new ArgumentException("A counter-proposal keeps the plan's total.", nameof(terms));
        SetTerms(terms);
        Reason = reason;
        AwaitingCustomer = true;
        return true;
    }

    /// <summary>The customer agrees to the organisation's counter-proposal, as shown to them.</summary>
    public bool Accept(string evidence, DateTime nowUtc)
    {
        if (Status != ArrangementStatus.Requested || !AwaitingCustomer) return false;
        AwaitingCustomer = false;
        AcceptedEvidence = evidence;
        Status = ArrangementStatus.Active;
        AgreedAtUtc = nowUtc;
        return true;
    }

    /// <summary>Ended by the organisation (or withdrawn): its invoices are no longer paused.</summary>
    public bool Cancel(DateTime nowUtc)
    {
        if (!IsPausing) return false;
        Status = ArrangementStatus.Cancelled;
        EndedAtUtc = nowUtc;
        return true;
    }

    internal void End(ArrangementStatus status, DateTime nowUtc)
    {
        Status = status;
        EndedAtUtc = nowUtc;
    }

    private void SetTerms(IReadOnlyList<PlannedTerm> terms)
    {
        if (terms.Count == 0 || terms.Any(t => t.AmountMinor <= 0)) throw new ArgumentException("Every term has a positive amount.", nameof(terms));
        _terms.Clear();
        foreach (var term in terms) _terms.Add(new ArrangementTerm(term.Number, term.DueDate, term.AmountMinor, term.DownPayment));
    }
}

public enum TermStatus
{
    Planned,
    Paid,
    Missed,
}

public class ArrangementTerm
{
    private ArrangementTerm() { }

    internal ArrangementTerm(int number, DateOnly dueDate, long amountMinor, bool downPayment)
    {
        Number = number;
        DueDate = dueDate;
        AmountMinor = amountMinor;
        DownPayment = downPayment;
        Status = TermStatus.Planned;
    }

    public long Id { get; private set; }
    public long ArrangementId { get; private set; }
    public int Number { get; private set; }
    public DateOnly DueDate { get; private set; }
    public long AmountMinor { get; private set; }
    public bool DownPayment { get; private set; }
    public TermStatus Status { get; internal set; }
    public DateTime? PaidAtUtc { get; internal set; }
    public DateTime? MissedAtUtc { get; internal set; }
}

/// <summary>An invoice in a plan, with what it left open and what had been paid on it when the plan was made.</summary>
public class ArrangementInvoice
{
    private ArrangementInvoice() { }

    internal ArrangementInvoice(long invoiceId, long openMinor, long paidMinor)
    {
        InvoiceId = invoiceId;
        OpenMinor = openMinor;
        PaidBeforeMinor = paidMinor;
    }

    public long ArrangementId { get; private set; }
    public long InvoiceId { get; private set; }
    public long OpenMinor { get; private set; }
    public long PaidBeforeMinor { get; private set; }
}
