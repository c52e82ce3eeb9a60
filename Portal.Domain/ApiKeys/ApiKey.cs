using System.Buffers.Text;
using System.Security.Cryptography;

namespace Portal.Domain.ApiKeys;

/// <summary>An organisation's key for the ERP API. Only the SHA-256 of the secret is stored.</summary>
public class ApiKey
{
    public const string SecretPrefix = "pk_";

    private ApiKey() { }

    public ApiKey(long organisationId, string name, string secret, DateTime nowUtc)
    {
        if (!IsWellFormed(secret)) throw new ArgumentException("Not an API key.", nameof(secret));
        OrganisationId = organisationId;
        Name = name;
        Hint = secret[..(SecretPrefix.Length + 4)] + "…";
        KeyHash = Hash(secret);
        CreatedAtUtc = nowUtc;
    }

    public long Id { get; private set; }
    public long OrganisationId { get; private set; }
    public string Name { get; private set; } = "";
    /// <summary>The first characters, so a person can tell keys apart without seeing them.</summary>
    public string Hint { get; private set; } = "";
    public byte[] KeyHash { get; private set; } = [];
    public DateTime CreatedAtUtc { get; private set; }
    public DateTime? RevokedAtUtc { get; private set; }
    /// <summary>When the key last authenticated, to the minute (see <see cref="LastUseResolution"/>).</summary>
    public DateTime? LastUsedAtUtc { get; private set; }

    public const int MaxName = 100;

    /// <summary>A key's last use is written at most this often, so authenticating a request seldom writes.</summary>
    public static readonly TimeSpan LastUseResolution = TimeSpan.FromMinutes(1);

    public bool IsActive => RevokedAtUtc is null;

    /// <summary>1 to <see cref="MaxName"/> characters on one line, so a person can tell their keys apart.</summary>
    public static bool IsValidName(string? name) =>
        !string.IsNullOrWhiteSpace(name) && name.Length <= MaxName && name.Trim() == name && PlainText.IsOneLine(name);

    public static string NewSecret() => SecretPrefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static bool IsWellFormed(string? secret) =>
        secret is { Length: > 20 and < 200 } && secret.StartsWith(SecretPrefix, StringComparison.Ordinal);

    public static byte[] Hash(string secret) => SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret));

    public void Revoke(DateTime nowUtc) => RevokedAtUtc ??= nowUtc;

    /// <summary>
    /// Makes a revoked key valid again. Only for a key an operator configured once more (the demo key): its hash is
    /// unique, so the same secret cannot be stored a second time.
    /// </summary>
    public void Reinstate() => RevokedAtUtc = null;
}
