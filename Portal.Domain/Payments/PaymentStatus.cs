namespace Portal.Domain.Payments;

/// <summary>Where a payment attempt stands. Paid, Failed, Canceled and Expired are final.</summary>
public enum PaymentStatus
{
    Open,
    Pending,
    Paid,
    Failed,
    Canceled,
    Expired,
}
