using System.Xml;

namespace Portal.Domain.Organisations;

/// <summary>
/// Whether a file may be an organisation's logo. The logo is shown on every customer page and served from Portal's
/// own address, so an SVG must be a picture only: no script, no event attributes, nothing fetched from elsewhere
/// (which would also tell a third party who opened a pay link). A PNG is checked by its signature.
/// </summary>
public static class LogoFile
{
    public const int MaxBytes = 200 * 1024;
    public const string Svg = "image/svg+xml";
    public const string Png = "image/png";

    private const string SvgNamespace = "http://www.w3.org/2000/svg";
    private const string XhtmlNamespace = "http://www.w3.org/1999/xhtml";
    private const string XmlnsNamespace = "http://www.w3.org/2000/xmlns/";
    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly string[] ForbiddenElements = ["script", "foreignObject", "iframe", "embed", "object", "handler", "listener"];
    private static readonly string[] AnimationElements = ["animate", "set", "animateMotion", "animateTransform", "animateColor"];

    /// <summary>Null when <paramref name="content"/> is a logo of <paramref name="contentType"/>; otherwise why not.</summary>
    public static string? Refusal(byte[] content, string contentType)
    {
        if (content.Length == 0) return "The logo is empty: send the SVG or PNG file as the body.";
        if (content.Length > MaxBytes) return $"A logo is at most {MaxBytes / 1024} KB.";
        return contentType switch
        {
            Png => IsPng(content) ? null : "The body is not a PNG file (its first bytes are not the PNG signature).",
            Svg => SvgRefusal(content),
            _ => "A logo is SVG (image/svg+xml) or PNG (image/png).",
        };
    }

    /// <summary>The 8-byte signature followed by the IHDR chunk every PNG starts with.</summary>
    private static bool IsPng(byte[] content) =>
        content.Length >= 33 && content.AsSpan(0, 8).SequenceEqual(PngSignature) && content.AsSpan(12, 4).SequenceEqual("IHDR"u8);

    private static string? SvgRefusal(byte[] content)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            IgnoreComments = true,
            MaxCharactersInDocument = MaxBytes * 4L,
        };
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(content, writable: false), settings);
            var sawRoot = false;
            var inStyle = false;
            while (reader.Read())
            {
                switch (reader.NodeType)
                {
                    case XmlNodeType.Element:
                        if (!sawRoot && (reader.LocalName != "svg" || reader.NamespaceURI != SvgNamespace))
                            return $"The body is not an SVG image: its root element is not <svg xmlns=\"{SvgNamespace}\">.";
                        sawRoot = true;
                        if (ElementRefusal(reader) is { } refused) return refused;
                        inStyle = reader.LocalName == "style" && !reader.IsEmptyElement;
                        break;
                    case XmlNodeType.EndElement:
                        inStyle = false;
                        break;
                    case XmlNodeType.Text or XmlNodeType.CDATA when inStyle:
                        if (StyleRefusal(reader.Value) is { } style) return style;
                        break;
                    case XmlNodeType.ProcessingInstruction:
                        return $"The SVG has a processing instruction (<?{reader.Name} …?>), which may load a style sheet from elsewhere.";
                }
            }
            return sawRoot ? null : "The body is not an SVG image.";
        }
        catch (Exception e) when (e is XmlException or ArgumentException or NotSupportedException)
        {
            return $"The body is not an SVG image: it is not well-formed XML, or has a DTD ({e.Message}).";
        }
    }

    private static string? ElementRefusal(XmlReader element)
    {
        var name = element.LocalName;
        if (ForbiddenElements.Contains(name, StringComparer.OrdinalIgnoreCase)) return $"The SVG has a <{name}> element; a logo may not have scripts or embedded content.";
        if (element.NamespaceURI == XhtmlNamespace) return "The SVG has HTML elements in it; a logo is a picture only.";
        var animation = AnimationElements.Contains(name, StringComparer.OrdinalIgnoreCase);
        while (element.MoveToNextAttribute())
        {
            if (element.NamespaceURI == XmlnsNamespace) continue;
            var attribute = element.LocalName;
            var value = element.Value;
            if (attribute.StartsWith("on", StringComparison.OrdinalIgnoreCase))
                return $"The SVG has an event attribute ({element.Name} on <{name}>); a logo may not run scripts.";
            if (attribute.Equals("href", StringComparison.OrdinalIgnoreCase) && !value.TrimStart().StartsWith('#'))
                return $"The SVG refers to something outside it ({element.Name} on <{name}>); only references within the file (\"#id\") are allowed.";
            if (animation && attribute == "attributeName" && (value.Contains("href", StringComparison.OrdinalIgnoreCase) || value.TrimStart().StartsWith("on", StringComparison.OrdinalIgnoreCase)))
                return $"The SVG animates a link or an event attribute (<{name}>); a logo may not change where it points.";
            if (StyleRefusal(value) is { } style) return style;
        }
        element.MoveToElement();
        return null;
    }

    /// <summary>
    /// A url(…) to anything but "#id", an @import, or a CSS escape (which could spell either) in a style or an
    /// attribute, since browsers read presentation attributes such as fill as CSS.
    /// </summary>
    private static string? StyleRefusal(string css)
    {
        if (css.Contains('\\')) return "The SVG has a backslash in a style or attribute; CSS escapes are not allowed in a logo.";
        if (css.Contains("@import", StringComparison.OrdinalIgnoreCase)) return "The SVG imports a style sheet (@import); a logo may not load anything from elsewhere.";
        if (css.Contains("image-set(", StringComparison.OrdinalIgnoreCase) || css.Contains("src(", StringComparison.OrdinalIgnoreCase))
            return "The SVG loads an image by a CSS function; a logo may not load anything from elsewhere.";
        for (var at = css.IndexOf("url(", StringComparison.OrdinalIgnoreCase); at >= 0; at = css.IndexOf("url(", at + 4, StringComparison.OrdinalIgnoreCase))
        {
            var target = css.AsSpan(at + 4).TrimStart().TrimStart("'\"").TrimStart();
            if (!target.StartsWith("#")) return "The SVG has a url(…) that points outside it; only url(#id) is allowed.";
        }
        return null;
    }
}
