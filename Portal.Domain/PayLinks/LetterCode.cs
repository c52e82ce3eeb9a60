using System.Security.Cryptography;
using System.Text;

namespace Portal.Domain.PayLinks;

/// <summary>
/// A short code printed on a letter, for people who cannot type or scan its link: eight letters and digits shown as
/// ABCD-2345, from an alphabet without look-alikes (no 0/O, 1/I/L), so about 40 bits. Together with the customer's
/// postcode it opens the link's pages at <c>/code</c>; only its SHA-256 is stored. Five tries with a wrong postcode
/// lock it (<see cref="MaxTries"/>); the organisation then makes a new one.
/// </summary>
public static class LetterCode
{
    public const int Length = 8;
    public const int MaxTries = 5;
    public const string Alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

    public static string Create()
    {
        Span<char> code = stackalloc char[Length];
        for (var i = 0; i < Length; i++) code[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        return Format(new string(code));
    }

    /// <summary>The code the way it is printed: ABCD-2345.</summary>
    public static string Format(string normalised) => normalised[..4] + "-" + normalised[4..];

    /// <summary>What the customer typed, in capitals without spaces or dashes; null when it cannot be a code.</summary>
    public static string? Normalise(string? typed)
    {
        if (typed is null) return null;
        var letters = new string([.. typed.Where(c => !char.IsWhiteSpace(c) && c is not ('-' or '–' or '.')).Select(char.ToUpperInvariant)]);
        return letters.Length == Length && letters.All(Alphabet.Contains) ? letters : null;
    }

    public static byte[] Hash(string normalised) => SHA256.HashData(Encoding.ASCII.GetBytes(normalised));

    /// <summary>Whether a typed postcode is the one on file: spaces and case do not count.</summary>
    public static bool SamePostcode(string? typed, string? onFile) =>
        typed is not null && onFile is not null && Plain(typed) is { Length: > 0 } t && t == Plain(onFile);

    private static string Plain(string postcode) => new([.. postcode.Where(char.IsLetterOrDigit).Select(char.ToUpperInvariant)]);
}
