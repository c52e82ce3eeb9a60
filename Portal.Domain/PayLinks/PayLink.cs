namespace Portal.Domain.PayLinks;

/// <summary>
/// The secret link a customer opens. Scoped to a customer (all their open invoices) or to chosen invoices.
/// </summary>
public class PayLink
{
    private readonly List<PayLinkInvoice> _invoices = [];

    private PayLink() { }

    public PayLink(long organisationId, long customerId, byte[] tokenHash, string protectedToken,
        IEnumerable<long> invoiceIds, DateTime createdAtUtc, DateTime expiresAtUtc)
    {
        if (tokenHash.Length != 32) throw new ArgumentException("A token hash is a SHA-256.", nameof(tokenHash));
        if (expiresAtUtc <= createdAtUtc) throw new ArgumentException("A pay link expires after it is made.", nameof(expiresAtUtc));
        Id = Guid.CreateVersion7(createdAtUtc);
        OrganisationId = organisationId;
        CustomerId = customerId;
        TokenHash = tokenHash;
        ProtectedToken = protectedToken;
        CreatedAtUtc = createdAtUtc;
        ExpiresAtUtc = expiresAtUtc;
        _invoices.AddRange(invoiceIds.Distinct().Select(id => new PayLinkInvoice(Id, id)));
    }

    public Guid Id { get; private set; }
    public long OrganisationId { get; private set; }
    public long CustomerId { get; private set; }
    public byte[] TokenHash { get; private set; } = [];
    /// <summary>
    /// The token encrypted with the Data Protection key ring, so the ERP can fetch the QR code again.
    /// Lookups never use it; they go by <see cref="TokenHash"/>.
    /// </summary>
    public string ProtectedToken { get; private set; } = "";
    public DateTime CreatedAtUtc { get; private set; }
    public DateTime ExpiresAtUtc { get; private set; }
    public DateTime? RevokedAtUtc { get; private set; }
    /// <summary>Empty when the link covers all the customer's open invoices.</summary>
    public IReadOnlyList<PayLinkInvoice> Invoices => _invoices;

    public bool CoversAllOpenInvoices => _invoices.Count == 0;

    public PayLinkState StateAt(DateTime nowUtc) => StateOf(RevokedAtUtc, ExpiresAtUtc, nowUtc);

    /// <summary>The rule of <see cref="StateAt"/> for a link read as a projection, not as an entity.</summary>
    public static PayLinkState StateOf(DateTime? revokedAtUtc, DateTime expiresAtUtc, DateTime nowUtc) =>
        revokedAtUtc is not null ? PayLinkState.Revoked
        : nowUtc >= expiresAtUtc ? PayLinkState.Expired
        : PayLinkState.Active;

    /// <summary>The SHA-256 of the link's letter code (<see cref="LetterCode"/>); null: it has none.</summary>
    public byte[]? LetterCodeHash { get; private set; }

    /// <summary>Tries with this letter code since it last opened the link; at <see cref="LetterCode.MaxTries"/> it is locked.</summary>
    public int LetterCodeTries { get; private set; }

    /// <summary>Gives the link a new letter code; answers it, the only place its characters exist, to print on the letter.</summary>
    public string AddLetterCode()
    {
        var code = LetterCode.Create();
        LetterCodeHash = LetterCode.Hash(LetterCode.Normalise(code)!);
        LetterCodeTries = 0;
        return code;
    }

    public bool Revoke(DateTime nowUtc)
    {
        if (RevokedAtUtc is not null) return false;
        RevokedAtUtc = nowUtc;
        return true;
    }
}
