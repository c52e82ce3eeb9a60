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
