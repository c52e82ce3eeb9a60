namespace Portal.Domain.Hardship;

/// <summary>Who handles the customer's money for them.</summary>
public enum HelperRole
{
    /// <summary>A bewindvoerder, appointed by the court to manage the customer's money.</summary>
    Administrator,
    /// <summary>A schuldhulpverlener, from the municipality or a debt-help organisation.</summary>
    DebtCounsellor,
}

public enum HardshipStatus
{
    Active,
    Ended,
}

/// <summary>
/// The customer said that a bewindvoerder or schuldhulpverlener handles their money. While it is active nothing of theirs
/// is collected by direct debit and no reminder goes out: the organisation deals with the helper, until it ends it.
/// </summary>
public class HardshipRegistration
{
    public const int MaxName = 200;
    public const int MaxContact = 200;
    public const int MaxReason = 500;

    private HardshipRegistration() { }

    public HardshipRegistration(Guid publicId, long organisationId, long customerId, HelperRole role, string helperName, string? helperOrganisation,
        string helperContact, DateTime nowUtc)
    {
        PublicId = publicId;
        OrganisationId = organisationId;
        CustomerId = customerId;
        Role = role;
        HelperName = helperName;
        HelperOrganisation = helperOrganisation;
        HelperContact = helperContact;
        Status = HardshipStatus.Active;
        CreatedAtUtc = nowUtc;
    }

    public long Id { get; private set; }
    public Guid PublicId { get; private set; }
    public long OrganisationId { get; private set; }
    public long CustomerId { get; private set; }
    public HelperRole Role { get; private set; }
    public string HelperName { get; private set; } = "";
    public string? HelperOrganisation { get; private set; }
    /// <summary>How to reach the helper: a phone number or an e-mail address, as the customer gave it.</summary>
    public string HelperContact { get; private set; } = "";
    public HardshipStatus Status { get; private set; }
    public string? EndReason { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
    public DateTime? EndedAtUtc { get; private set; }

    public static readonly System.Linq.Expressions.Expression<Func<HardshipRegistration, bool>> Holding = h => h.Status == HardshipStatus.Active;

    public bool End(string? reason, DateTime nowUtc)
    {
        if (Status != HardshipStatus.Active) return false;
        (Status, EndReason, EndedAtUtc) = (HardshipStatus.Ended, reason, nowUtc);
        return true;
    }
}
