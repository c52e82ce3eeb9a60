using System.Security.Cryptography;
using System.Text;
using Portal.Domain.Messages;

namespace Portal.Domain.Verification;

/// <summary>
/// A six-digit code sent to a contact detail already on file, so a customer proves it is them before anything
/// binding (a contact change, a mandate, a dispute). Valid ten minutes, five tries, then a new one is needed. Only a
/// salted SHA-256 of the code is kept; it is bound to the pay link of the session that asked for it.
/// </summary>
public class OneTimeCode
{
    public const int Digits = 6;
    public const int MaxTries = 5;
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);
    /// <summary>How long a verified code counts for the step it was asked for.</summary>
    public static readonly TimeSpan VerifiedFor = TimeSpan.FromMinutes(15);
    /// <summary>By default a new code at most once a minute, and at most five an hour, per customer.</summary>
    public static readonly TimeSpan DefaultResendAfter = TimeSpan.FromMinutes(1);
    public const int DefaultMaxPerHour = 5;

    private OneTimeCode() { }

    private OneTimeCode(long organisationId, long customerId, Guid payLinkId, string purpose, MessageChannel channel, string recipient,
        byte[] salt, byte[] hash, DateTime nowUtc)
    {
        OrganisationId = organisationId;
        CustomerId = customerId;
        PayLinkId = payLinkId;
        Purpose = purpose;
        Channel = channel;
        Recipient = recipient;
        Salt = salt;
        CodeHash = hash;
        CreatedAtUtc = nowUtc;
        ExpiresAtUtc = nowUtc + Lifetime;
    }

    /// <summary>A new code; <paramref name="code"/> is the only place its digits exist, to go into the message.</summary>
    public static OneTimeCode Issue(long organisationId, long customerId, Guid payLinkId, string purpose, MessageChannel channel, string recipient,
        DateTime nowUtc, out string code)
    {
        code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
        var salt = RandomNumberGenerator.GetBytes(16);
        return new OneTimeCode(organisationId, customerId, payLinkId, purpose, channel, recipient, salt, Hash(salt, code), nowUtc);
    }

    public long Id { get; private set; }
    public long OrganisationId { get; private set; }
    public long CustomerId { get; private set; }
    public Guid PayLinkId { get; private set; }
    /// <summary>What the customer proves it is them for, such as <c>contact-details</c>.</summary>
    public string Purpose { get; private set; } = "";
    public MessageChannel Channel { get; private set; }
    /// <summary>Where it went: the e-mail address or number on file when it was sent.</summary>
    public string Recipient { get; private set; } = "";
    public byte[] Salt { get; private set; } = [];
    public byte[] CodeHash { get; private set; } = [];
    public DateTime CreatedAtUtc { get; private set; }
    public DateTime ExpiresAtUtc { get; private set; }
    public int FailedTries { get; private set; }
    public DateTime? VerifiedAtUtc { get; private set; }
    /// <summary>When the step it was asked for used it; a code proves one step once.</summary>
    public DateTime? UsedAtUtc { get; private set; }

    public int TriesLeft => Math.Max(0, MaxTries - FailedTries);

    /// <summary>Checks what the customer typed; a wrong code uses up a try.</summary>
    public CodeCheck Check(string entered, DateTime nowUtc)
    {
        if (VerifiedAtUtc is not null) return CodeCheck.AlreadyUsed;
        if (TriesLeft == 0) return CodeCheck.NoTriesLeft;
        if (nowUtc >= ExpiresAtUtc) return CodeCheck.Expired;
        var digits = entered.Trim().Replace(" ", "", StringComparison.Ordinal);
        if (digits.Length == Digits && CryptographicOperations.FixedTimeEquals(Hash(Salt, digits), CodeHash))
        {
            VerifiedAtUtc = nowUtc;
            return CodeCheck.Verified;
        }
        FailedTries++;
        return TriesLeft == 0 ? CodeCheck.NoTriesLeft : CodeCheck.Wrong;
    }

    public bool IsVerifiedAt(DateTime nowUtc) => VerifiedAtUtc is { } at && UsedAtUtc is null && nowUtc < at + VerifiedFor;

    /// <summary>The step it was asked for happened; the code cannot prove another.</summary>
    public bool Use(DateTime nowUtc)
    {
        if (!IsVerifiedAt(nowUtc)) return false;
        UsedAtUtc = nowUtc;
        return true;
    }

    /// <summary>When a new code may be sent, given when the customer's recent ones were; null: now.</summary>
    public static DateTime? NextAllowedAt(IReadOnlyCollection<DateTime> issuedAtUtc, DateTime nowUtc, TimeSpan resendAfter, int maxPerHour)
    {
        var lastHour = issuedAtUtc.Where(t => t > nowUtc - TimeSpan.FromHours(1)).OrderBy(t => t).ToList();
        if (lastHour.Count >= maxPerHour) return lastHour[^maxPerHour] + TimeSpan.FromHours(1);
        if (lastHour.Count > 0 && lastHour[^1] + resendAfter > nowUtc) return lastHour[^1] + resendAfter;
        return null;
    }

    private static byte[] Hash(byte[] salt, string code) => SHA256.HashData([.. salt, .. Encoding.ASCII.GetBytes(code)]);
}

public enum CodeCheck
{
    Verified,
    Wrong,
    Expired,
    NoTriesLeft,
    AlreadyUsed,
}
