using Portal.Domain.Invoices;

namespace Portal.Domain.Promises;

public enum PromiseStatus
{
    Open,
    Kept,
    Broken,
}

/// <summary>The organisation's rules for promises to pay: on or off, how far ahead a customer may promise, and the grace after the date.</summary>
public sealed record PromisePolicy(bool Enabled, int MaximumDays, int GraceDays)
{
    public const int MaxDays = 90;
    public const int MaxGrace = 30;

    public static readonly PromisePolicy Default = new(false, 14, 3);

    public IReadOnlyList<RuleViolation> Check()
    {
        var errors = new List<RuleViolation>();
        if (MaximumDays is < 1 or > MaxDays) errors.Add(new("maximumDays", $"'maximumDays' is between 1 and {MaxDays}: how far ahead a customer may promise to pay."));
        if (GraceDays is < 0 or > MaxGrace) errors.Add(new("graceDays", $"'graceDays' is between 0 and {MaxGrace}: the days after the promised date before it counts as broken."));
        return errors;
    }

    /// <summary>The days a customer may choose from <paramref name="today"/>: tomorrow up to the maximum.</summary>
    public (DateOnly First, DateOnly Last) Window(DateOnly today) => (today.AddDays(1), today.AddDays(MaximumDays));
}

/// <summary>
/// A customer's promise to pay what is open by a date they chose. Reminders wait until then; if it is not paid by the
/// date plus the organisation's grace days, the promise is broken, reminders go out again and the ERP hears it.
/// </summary>
public class PaymentPromise
{
    private PaymentPromise() { }

    public PaymentPromise(Guid publicId, long organisationId, long customerId, DateOnly promisedDate, long amountMinor, string currency, DateTime nowUtc)
    {
        PublicId = publicId;
        OrganisationId = organisationId;
        CustomerId = customerId;
        PromisedDate = promisedDate;
        AmountMinor = amountMinor;
        Currency = currency;
        Status = PromiseStatus.Open;
        CreatedAtUtc = nowUtc;
    }

    public long Id { get; private set; }
    public Guid PublicId { get; private set; }
    public long OrganisationId { get; private set; }
    public long CustomerId { get; private set; }
    public DateOnly PromisedDate { get; private set; }
    /// <summary>What was open when the customer promised it.</summary>
    public long AmountMinor { get; private set; }
    public string Currency { get; private set; } = "EUR";
    public PromiseStatus Status { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
    public DateTime? EndedAtUtc { get; private set; }

    public static readonly System.Linq.Expressions.Expression<Func<PaymentPromise, bool>> Holding = p => p.Status == PromiseStatus.Open;

    /// <summary>All was paid: the promise is kept.</summary>
    public bool Keep(DateTime nowUtc)
    {
        if (Status != PromiseStatus.Open) return false;
        (Status, EndedAtUtc) = (PromiseStatus.Kept, nowUtc);
        return true;
    }

    /// <summary>Broken once the date plus the grace days has passed with money still open.</summary>
    public bool BreakIfDue(DateOnly today, int graceDays, DateTime nowUtc)
    {
        if (Status != PromiseStatus.Open || today <= PromisedDate.AddDays(graceDays)) return false;
        (Status, EndedAtUtc) = (PromiseStatus.Broken, nowUtc);
        return true;
    }
}
