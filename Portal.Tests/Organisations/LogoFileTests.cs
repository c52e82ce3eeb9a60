using System.Text;
using Portal.Domain.Organisations;
using Shouldly;

namespace Portal.Tests.Organisations;

/// <summary>A logo is shown on every customer page from Portal's own address: an SVG must be a picture only.</summary>
public class LogoFileTests
{
    public const string Ns = "xmlns=\"http://www.w3.org/2000/svg\"";

    /// <summary>The smallest PNG there is: 1×1 pixel.</summary>
    public static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    /// <summary>The start of a JPEG (JFIF).</summary>
    public static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0x00, 0x01, 0x01, 0x00, 0x00, 0x01,
        0x00, 0x01, 0x00, 0x00, 0xFF, 0xDB, 0x00, 0x43, 0x00, 0x08, 0x06, 0x06, 0x07, 0x06, 0x05, 0x08, 0x07, 0x07, 0xFF, 0xD9];

    [Theory]
    [InlineData($"""<svg {Ns} viewBox="0 0 48 48"><circle cx="24" cy="24" r="22" fill="#FFFFFF"/></svg>""")]
    [InlineData($"""<?xml version="1.0" encoding="UTF-8"?><svg {Ns}><defs><linearGradient id="g"><stop offset="0" stop-color="#000"/></linearGradient></defs><rect width="9" height="9" fill="url(#g)" style="fill: url( '#g' )"/></svg>""")]
    [InlineData($"""<svg {Ns} xmlns:xlink="http://www.w3.org/1999/xlink"><defs><path id="a" d="M0 0h9v9z"/></defs><use href="#a"/><use xlink:href="#a"/><title>Logo</title></svg>""")]
    [InlineData($"""<svg {Ns} xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape"><!-- drawn in Inkscape --><inkscape:grid type="xygrid"/><style>.a {"{"} fill: #123456 {"}"}</style><rect class="a" width="1" height="1"/></svg>""")]
    public void Svg_APictureOnly_IsAccepted(string svg) => LogoFile.Refusal(Encoding.UTF8.GetBytes(svg), LogoFile.Svg).ShouldBeNull();

    [Theory]
    [InlineData($"""<svg {Ns}><script>alert(1)</script></svg>""", "<script>")]
    [InlineData($"""<svg {Ns}><SCRIPT>alert(1)</SCRIPT></svg>""", "<SCRIPT>")]
    [InlineData($"""<svg {Ns} onload="alert(1)"/>""", "event attribute")]
    [InlineData($"""<svg {Ns}><rect width="1" height="1" OnClick="alert(1)"/></svg>""", "event attribute")]
    [InlineData($"""<svg {Ns}><foreignObject><p xmlns="http://www.w3.org/1999/xhtml">Hi</p></foreignObject></svg>""", "foreignObject")]
    [InlineData($"""<svg {Ns}><a href="javascript:alert(1)"><rect width="1" height="1"/></a></svg>""", "outside it")]
    [InlineData($"""<svg {Ns} xmlns:xlink="http://www.w3.org/1999/xlink"><use xlink:href="https://evil.example/sprite.svg#a"/></svg>""", "outside it")]
    [InlineData($"""<svg {Ns}><use href="other.svg#a"/></svg>""", "outside it")]
    [InlineData($"""<svg {Ns}><image href="https://tracker.example/pixel.png" width="1" height="1"/></svg>""", "outside it")]
    [InlineData($"""<svg {Ns}><image href="data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=" width="1" height="1"/></svg>""", "outside it")]
    [InlineData($"""<svg {Ns}><rect width="1" height="1" fill="url(https://evil.example/x.svg#p)"/></svg>""", "url(")]
    [InlineData($"""<svg {Ns}><rect width="1" height="1" style="fill:url( '//evil.example/x#p' )"/></svg>""", "url(")]
    [InlineData($"""<svg {Ns}><style>rect {"{"} background: url(https://tracker.example/p.png) {"}"}</style></svg>""", "url(")]
    [InlineData($"""<svg {Ns}><style><![CDATA[@import "https://evil.example/x.css";]]></style></svg>""", "@import")]
    [InlineData($"""<svg {Ns}><style>rect {"{"} fill: u\72l(https://evil.example/x) {"}"}</style></svg>""", "backslash")]
    [InlineData($"""<svg {Ns}><a><set attributeName="href" to="javascript:alert(1)"/><rect width="1" height="1"/></a></svg>""", "animates")]
    [InlineData($"""<?xml-stylesheet href="https://evil.example/x.css"?><svg {Ns}/>""", "processing instruction")]
    [InlineData($"""<!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><svg {Ns}><text>&b;</text></svg>""", "DTD")]
    [InlineData("""<svg><rect width="1" height="1"/></svg>""", "root element")]
    [InlineData($"""<html {Ns}/>""", "root element")]
    [InlineData($"""<svg {Ns}><rect>""", "well-formed")]
    [InlineData("not xml at all", "well-formed")]
    [InlineData($"""<?xml version="1.0" encoding="no-such-encoding"?><svg {Ns}/>""", "not an SVG")]
    public void Svg_WithScriptsOrExternalReferences_IsRefused(string svg, string reason) =>
        LogoFile.Refusal(Encoding.UTF8.GetBytes(svg), LogoFile.Svg).ShouldNotBeNull().ShouldContain(reason);

    [Fact]
    public void Png_IsCheckedBySignature()
    {
        LogoFile.Refusal(Png, LogoFile.Png).ShouldBeNull();
        LogoFile.Refusal(Jpeg, LogoFile.Png).ShouldNotBeNull().ShouldContain("not a PNG");
        LogoFile.Refusal(Png, LogoFile.Svg).ShouldNotBeNull();
        LogoFile.Refusal(Jpeg, "image/jpeg").ShouldNotBeNull();
    }

    [Fact]
    public void Logo_EmptyOrOver200KB_IsRefused()
    {
        LogoFile.Refusal([], LogoFile.Png).ShouldNotBeNull().ShouldContain("empty");
        var large = new byte[LogoFile.MaxBytes + 1];
        Png.CopyTo(large, 0);
        LogoFile.Refusal(large, LogoFile.Png).ShouldNotBeNull().ShouldContain("200 KB");
    }

    [Fact]
    public void Organisation_SetLogo_RefusesAScriptedSvg_WhoeverCallsIt()
    {
        var organisation = new Organisation("Test", "#0B5394", "NL91ABNA0417164300", "Test B.V.", "020 123 45 67", DateTime.UtcNow);

        Should.Throw<ArgumentException>(() => organisation.SetLogo(Encoding.UTF8.GetBytes($"""<svg {Ns}><script/></svg>"""), LogoFile.Svg));
        organisation.Logo.ShouldBeNull();
    }
}
