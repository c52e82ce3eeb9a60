using System.Security.Cryptography;
using System.Text;

namespace Portal.Domain.Events;

/// <summary>Standard Webhooks signing: <c>v1,</c> + base64 HMAC-SHA256 of <c>id.timestamp.body</c> with the secret's key.</summary>
public static class WebhookSignature
{
    public const string SecretPrefix = "whsec_";

    public static string NewSecret() => SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public static string Sign(string secret, string webhookId, long timestamp, string body)
    {
        var key = Convert.FromBase64String(secret.StartsWith(SecretPrefix, StringComparison.Ordinal) ? secret[SecretPrefix.Length..] : secret);
        var mac = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{webhookId}.{timestamp}.{body}"));
        return "v1," + Convert.ToBase64String(mac);
    }
}
