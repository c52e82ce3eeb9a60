namespace Portal.Domain.DirectDebit;

/// <summary>
/// A customer's SEPA direct-debit mandate, held at Mollie and mirrored here. Portal keeps the IBAN only masked, the
/// account holder, the reference and the evidence of consent; the full IBAN goes to Mollie once, when the mandate
/// is made. A revoked mandate is never used again: a new consent makes a new mandate.
/// </summary>
public class Mandate
{
    public const int MaxAccountHolderLength = 70;

    private Mandate() { }

    public Mandate(long organisationId, long customerId, MandateSource source, string reference, string iban, string accountHolder,
        DateOnly signatureDate, string evidence, DateTime nowUtc)
    {
        if (!MandateReference.IsValid(reference)) throw new ArgumentException("Not a valid mandate reference.", nameof(reference));
        OrganisationId = organisationId;
        CustomerId = customerId;
        Source = source;
        Reference = reference;
        IbanMasked = IbanMask.Of(iban);
        AccountHolder = accountHolder;
        SignatureDate = signatureDate;
        Evidence = evidence;
        Status = source == MandateSource.FirstPayment ? MandateStatus.Pending : MandateStatus.Valid;
        CreatedAtUtc = nowUtc;
    }

    /// <summary>
    /// Way A: waiting for the customer's first iDEAL payment, from which the bank gives Mollie the account and its holder.
    /// <paramref name="day"/> is the day the customer chose, set on them once the payment is paid.
    /// </summary>
    public static Mandate AwaitingFirstPayment(long organisationId, long customerId, string reference, Guid firstPaymentId, int day, string evidence,
        DateTime nowUtc)
    {
        if (!MandateReference.IsValid(reference)) throw new ArgumentException("Not a valid mandate reference.", nameof(reference));
        if (!CollectionCalendar.IsDay(day)) throw new ArgumentOutOfRangeException(nameof(day), day, "A collection day is 1 to 31.");
        return new Mandate
        {
            OrganisationId = organisationId, CustomerId = customerId, Source = MandateSource.FirstPayment, Status = MandateStatus.Pending,
            Reference = reference, SignatureDate = DateOnly.FromDateTime(nowUtc), Evidence = evidence, CreatedAtUtc = nowUtc,
            FirstPaymentId = firstPaymentId, ChosenDay = day,
        };
    }

    /// <summary>The account and holder as the customer's bank gave them with the first payment.</summary>
    public void ConfirmedByBank(string iban, string accountHolder)
    {
        IbanMasked = IbanMask.Of(iban);
        AccountHolder = accountHolder.Length > MaxAccountHolderLength ? accountHolder[..MaxAccountHolderLength] : accountHolder;
    }

    public long Id { get; private set; }
    /// <summary>Way A: the first payment that proves the account; null for the other ways.</summary>
    public Guid? FirstPaymentId { get; private set; }
    /// <summary>Way A: the day the customer chose, kept until the first payment is paid.</summary>
    public int? ChosenDay { get; private set; }
    public long OrganisationId { get; private set; }
    public long CustomerId { get; private set; }
    public MandateSource Source { get; private set; }
    public MandateStatus Status { get; private set; }
    public string Reference { get; private set; } = "";
    public string IbanMasked { get; private set; } = "";
    public string AccountHolder { get; private set; } = "";
    public DateOnly SignatureDate { get; private set; }
    /// <summary>What the customer agreed to and how: the text shown, the time, the channel of the code. Never changes.</summary>
    public string Evidence { get; private set; } = "";
    public string? MollieCustomerId { get; private set; }
    public string? MollieMandateId { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
    public DateTime? RevokedAtUtc { get; private set; }
    /// <summary>Why it ended: the customer or ERP stopped it, or the bank's reason code (AC04, MD01, …).</summary>
    public string? RevokedReason { get; private set; }

    public bool IsUsable => Status == MandateStatus.Valid;

    /// <summary>Mollie's ids once Mollie holds the mandate.</summary>
    public void HeldAtMollie(string customerId, string mandateId, bool valid)
    {
        MollieCustomerId = customerId;
        MollieMandateId = mandateId;
        if (valid && Status == MandateStatus.Pending) Status = MandateStatus.Valid;
    }

    /// <summary>Ends the mandate; false when it had already ended.</summary>
    public bool Revoke(string reason, DateTime nowUtc)
    {
        if (Status == MandateStatus.Revoked) return false;
        Status = MandateStatus.Revoked;
        RevokedAtUtc = nowUtc;
        RevokedReason = reason.Length > 100 ? reason[..100] : reason;
        return true;
    }
}
