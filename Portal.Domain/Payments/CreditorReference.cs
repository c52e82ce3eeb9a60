using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;

namespace Portal.Domain.Payments;

/// <summary>
/// The structured payment reference for a bank transfer: an ISO 11649 creditor reference, "RF" + two check
/// digits (ISO 7064 mod 97-10) + up to 21 letters and digits. Banks check the digits, so a typo is caught.
/// </summary>
public static class CreditorReference
{
    /// <summary>
    /// The reference for an invoice number or customer reference, whatever an ERP uses: its ASCII letters and digits,
    /// the last 21 when there are more. Text without any ("---", "ÄÖÜ-ßé", full-width "１２３") gets 20 digits from its
    /// SHA-256 instead, so it still has a valid reference of its own, the same every time.
    /// </summary>
    public static string For(string text)
    {
        var body = new string(text.Where(char.IsAsciiLetterOrDigit).ToArray());
        if (body.Length == 0)
            body = BinaryPrimitives.ReadUInt64BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes(text))).ToString("D20", CultureInfo.InvariantCulture);
        return Create(body.Length <= 21 ? body : body[^21..]);
    }

    public static string Create(string reference)
    {
        var body = new string(reference.Where(char.IsAsciiLetterOrDigit).Select(char.ToUpperInvariant).ToArray());
        if (body.Length is 0 or > 21) throw new ArgumentException("A creditor reference holds 1 to 21 letters and digits.", nameof(reference));
        var check = 98 - Mod97(body + "RF00");
        return "RF" + check.ToString("00", CultureInfo.InvariantCulture) + body;
    }

    public static bool IsValid(string? reference)
    {
        if (reference is null || reference.Length is < 5 or > 25 || !reference.StartsWith("RF", StringComparison.Ordinal)
            || !reference.All(char.IsAsciiLetterOrDigit)) return false;
        return Mod97(reference[4..] + reference[..4]) == 1;
    }

    /// <summary>Groups of four, the way banks print it: "RF18 5390 0754 7034".</summary>
    public static string Format(string reference) =>
        string.Join(' ', Enumerable.Range(0, (reference.Length + 3) / 4).Select(i => reference.Substring(i * 4, Math.Min(4, reference.Length - i * 4))));

    private static int Mod97(string text)
    {
        var digits = new StringBuilder();
        foreach (var c in text) digits.Append(char.IsAsciiDigit(c) ? c.ToString() : (c - 'A' + 10).ToString(CultureInfo.InvariantCulture));
        return (int)(BigInteger.Parse(digits.ToString(), CultureInfo.InvariantCulture) % 97);
    }
}
