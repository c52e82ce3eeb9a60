namespace Portal.Domain.Payments;

/// <summary>
/// One attempt to pay chosen invoices through a provider. The state only moves forward: once final it never
/// changes again, so a late or replayed "expired" can never undo "paid".
/// </summary>
public class Payment
{
    private readonly List<PaymentAllocation> _allocations = [];

    private Payment() { }

    public Payment(long organisationId, long customerId, string method, string currency,
        IReadOnlyList<(long InvoiceId, long AmountMinor)> allocations, DateTime nowUtc, Guid? id = null)
    {
        if (allocations.Count == 0) throw new ArgumentException("A payment pays at least one invoice.", nameof(allocations));
        if (allocations.Any(a => a.AmountMinor <= 0)) throw new ArgumentException("Every allocation is positive.", nameof(allocations));
        Id = id ?? Guid.CreateVersion7(nowUtc);
        OrganisationId = organisationId;
        CustomerId = customerId;
        Method = method;
        Currency = currency;
        AmountMinor = allocations.Sum(a => a.AmountMinor);
        SelectionKey = KeyFor(method, allocations);
        CreatedAtUtc = nowUtc;
        _allocations.AddRange(allocations.Select(a => new PaymentAllocation(Id, a.InvoiceId, a.AmountMinor)));
    }

    public Guid Id { get; private set; }
    public long OrganisationId { get; private set; }
    public long CustomerId { get; private set; }
    /// <summary>ideal, banktransfer, directdebit.</summary>
    public string Method { get; private set; } = "";
    public string Currency { get; private set; } = "EUR";
    public long AmountMinor { get; private set; }
    /// <summary>Method plus what is paid: two clicks or two tabs for the same selection share one open payment.</summary>
    public string SelectionKey { get; private set; } = "";
    public PaymentStatus Status { get; private set; }
    public string? ProviderPaymentId { get; private set; }
    public string? CheckoutUrl { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
    public DateTime? PaidAtUtc { get; private set; }
    public DateTime? FinishedAtUtc { get; private set; }
    public IReadOnlyList<PaymentAllocation> Allocations => _allocations;
    /// <summary>Why the last attempt to ask the provider about this payment failed (such as a 404), for whoever looks into it.</summary>
    public string? LastSyncError { get; private set; }
    public DateTime? LastSyncErrorAtUtc { get; private set; }

    public const int MaxSyncError = 500;

    public Money Amount => Money.FromMinor(AmountMinor, Currency);
    public bool IsFinal => Status is PaymentStatus.Paid or PaymentStatus.Failed or PaymentStatus.Canceled or PaymentStatus.Expired;

    public static string KeyFor(string method, IEnumerable<(long InvoiceId, long AmountMinor)> allocations) =>
        method + ":" + string.Join(",", allocations.OrderBy(a => a.InvoiceId).Select(a => $"{a.InvoiceId}={a.AmountMinor}"));

    public void AttachProvider(string providerPaymentId, string? checkoutUrl)
    {
        if (ProviderPaymentId is not null && ProviderPaymentId != providerPaymentId)
            throw new InvalidOperationException($"Payment {Id} already belongs to {ProviderPaymentId}.");
        ProviderPaymentId = providerPaymentId;
        CheckoutUrl = checkoutUrl;
    }

    public void RecordSyncError(string error, DateTime nowUtc)
    {
        LastSyncError = error.Length > MaxSyncError ? error[..MaxSyncError] : error;
        LastSyncErrorAtUtc = nowUtc;
    }

    /// <summary>Applies what the provider says now; returns true only when the state really changed.</summary>
    public bool MoveTo(PaymentStatus status, DateTime nowUtc)
    {
        if (IsFinal || status == Status) return false;
        if (Status == PaymentStatus.Pending && status == PaymentStatus.Open) return false;
        Status = status;
        if (status == PaymentStatus.Paid) PaidAtUtc = nowUtc;
        if (IsFinal) FinishedAtUtc = nowUtc;
        return true;
    }

    /// <summary>Maps Mollie's status names; unknown ones leave the payment as it is.</summary>
    public static PaymentStatus? FromProvider(string status) => status switch
    {
        "open" => PaymentStatus.Open,
        "pending" or "authorized" => PaymentStatus.Pending,
        "paid" => PaymentStatus.Paid,
        "failed" => PaymentStatus.Failed,
        "canceled" => PaymentStatus.Canceled,
        "expired" => PaymentStatus.Expired,
        _ => null,
    };
}
