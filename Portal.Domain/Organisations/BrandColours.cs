using System.Globalization;

namespace Portal.Domain.Organisations;

/// <summary>Brand colours and the text colour that stays readable on them (WCAG contrast).</summary>
public static class BrandColours
{
    /// <summary>
    /// Exactly '#' and six hex digits. Not <see cref="NumberStyles.HexNumber"/> alone: it lets spaces and line breaks
    /// through ("#FFFFF\n"), which would then land in the pages' CSS.
    /// </summary>
    public static bool IsValid(string? colour) =>
        colour is { Length: 7 } && colour[0] == '#' && !colour.AsSpan(1).ContainsAnyExcept(HexDigits);

    private static readonly System.Buffers.SearchValues<char> HexDigits =
        System.Buffers.SearchValues.Create("0123456789abcdefABCDEF");

    public static string Normalise(string colour) =>
        IsValid(colour) ? colour.ToUpperInvariant() : throw new ArgumentException($"'{colour}' is not a #RRGGBB colour.", nameof(colour));

    /// <summary>WCAG 2 contrast ratio between two #RRGGBB colours (1 to 21).</summary>
    public static double ContrastRatio(string a, string b)
    {
        var (la, lb) = (Luminance(a), Luminance(b));
        return (Math.Max(la, lb) + 0.05) / (Math.Min(la, lb) + 0.05);
    }

    /// <summary>White or near-black, whichever reads better on the brand colour.</summary>
    public static string TextColourOn(string background) =>
        ContrastRatio(background, "#FFFFFF") >= ContrastRatio(background, "#0B0C0C") ? "#FFFFFF" : "#0B0C0C";

    private static double Luminance(string colour)
    {
        var rgb = int.Parse(colour.AsSpan(1), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        static double Channel(int c)
        {
            var s = c / 255.0;
            return s <= 0.03928 ? s / 12.92 : Math.Pow((s + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * Channel((rgb >> 16) & 0xFF) + 0.7152 * Channel((rgb >> 8) & 0xFF) + 0.0722 * Channel(rgb & 0xFF);
    }
}
