using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Portal.Infrastructure.Messages;

/// <summary>
/// The HTML part of an e-mail whose template has no HTML of its own: the text as paragraphs in one accessible page —
/// its language and direction, the subject as a real heading, no images, every link written out as its address.
/// </summary>
public static partial class EmailLayout
{
    public static string Html(string subject, string text, string organisationName, string language)
    {
        var rtl = CultureInfo.GetCultureInfo(language).TextInfo.IsRightToLeft;
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"").Append(language).Append("\" dir=\"").Append(rtl ? "rtl" : "ltr").Append("\">\n<head>\n")
            .Append("<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(WebUtility.HtmlEncode(subject)).Append("</title>\n</head>\n")
            .Append("<body style=\"margin:0;padding:0;background:#ffffff;color:#1a1a1a;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5\">\n")
            .Append("<div style=\"max-width:600px;margin:0 auto;padding:24px\">\n")
            .Append("<p style=\"margin:0 0 8px;font-weight:bold\">").Append(WebUtility.HtmlEncode(organisationName)).Append("</p>\n")
            .Append("<h1 style=\"font-size:22px;line-height:1.3;margin:0 0 16px\">").Append(WebUtility.HtmlEncode(subject)).Append("</h1>\n");
        foreach (var paragraph in Paragraphs(text))
        {
            html.Append("<p style=\"margin:0 0 16px\">");
            html.Append(string.Join("<br>\n", paragraph.Split('\n').Select(Linked)));
            html.Append("</p>\n");
        }
        html.Append("</div>\n</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>Rendered text made tidy: template tags on lines of their own leave no runs of empty lines or trailing spaces.</summary>
    public static string Tidy(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(l => l.TrimEnd());
        return ManyEmptyLines().Replace(string.Join('\n', lines), "\n\n").Trim();
    }

    /// <summary>The text with every address replaced, for scoring it: a link is not a sentence, and its letters would count as one long word.</summary>
    public static string WithoutLinks(string text, string replacement = "link") => Url().Replace(text, replacement);

    private static IEnumerable<string> Paragraphs(string text) =>
        text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>A line with its addresses as links whose text is the address itself.</summary>
    private static string Linked(string line)
    {
        var result = new StringBuilder();
        var at = 0;
        foreach (Match url in Url().Matches(line))
        {
            result.Append(WebUtility.HtmlEncode(line[at..url.Index]));
            var address = WebUtility.HtmlEncode(url.Value);
            result.Append("<a href=\"").Append(address).Append("\" style=\"color:#0b5394;text-decoration:underline\">").Append(address).Append("</a>");
            at = url.Index + url.Length;
        }
        return result.Append(WebUtility.HtmlEncode(line[at..])).ToString();
    }

    [GeneratedRegex(@"https?://[^\s<>""]+[^\s<>"".,;:!?)]")]
    private static partial Regex Url();

    [GeneratedRegex(@"\n{3,}")]
    private static partial Regex ManyEmptyLines();
}
