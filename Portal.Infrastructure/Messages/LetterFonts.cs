using PdfSharp.Fonts;

namespace Portal.Infrastructure.Messages;

/// <summary>
/// The one typeface letters are set in: DejaVu Sans (regular and bold), read from the system's font folders — on Debian
/// and Ubuntu the package fonts-dejavu-core. PDFsharp has no fonts of its own outside Windows, so without these files
/// Portal cannot make letters, and says so instead of making an empty PDF.
/// </summary>
public sealed class LetterFonts : IFontResolver
{
    public const string Family = "Portal Letter";

    private static readonly string[] Folders =
        ["/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu", "/usr/share/fonts/TTF", "/usr/local/share/fonts", "/Library/Fonts", @"C:\Windows\Fonts"];

    private static readonly Lazy<LetterFonts?> Installed = new(Install);

    private readonly byte[] _regular;
    private readonly byte[] _bold;

    private LetterFonts(byte[] regular, byte[] bold)
    {
        _regular = regular;
        _bold = bold;
    }

    /// <summary>Whether letters can be made here; sets PDFsharp's font resolver the first time.</summary>
    public static bool Available => Installed.Value is not null;

    public const string Missing = "Letters need the DejaVu Sans font (DejaVuSans.ttf and DejaVuSans-Bold.ttf), which is not installed here: install fonts-dejavu-core.";

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) => new(bold ? "bold" : "regular");

    public byte[]? GetFont(string faceName) => faceName == "bold" ? _bold : _regular;

    private static LetterFonts? Install()
    {
        foreach (var folder in Folders)
        {
            var regular = Path.Combine(folder, "DejaVuSans.ttf");
            var bold = Path.Combine(folder, "DejaVuSans-Bold.ttf");
            if (!File.Exists(regular) || !File.Exists(bold)) continue;
            var fonts = new LetterFonts(File.ReadAllBytes(regular), File.ReadAllBytes(bold));
            GlobalFontSettings.FontResolver = fonts;
            return fonts;
        }
        return null;
    }
}
