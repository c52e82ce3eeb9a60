using System.Buffers.Text;
using System.Security.Cryptography;

namespace Portal.Domain.PayLinks;

/// <summary>The secret in a pay link: 32 random bytes, base64url (43 characters). Only its SHA-256 is stored.</summary>
public static class PayLinkToken
{
    public const int Length = 43;

    public static string Create() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    /// <summary>True when the text has the shape of a token; says nothing about whether it exists.</summary>
    public static bool IsWellFormed(string? token) =>
        token is { Length: Length } && Base64Url.IsValid(token, out var decodedLength) && decodedLength == 32;

    public static byte[] Hash(string token) => SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(token));
}
