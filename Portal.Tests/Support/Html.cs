using AngleSharp;
using AngleSharp.Dom;

namespace Portal.Tests.Support;

/// <summary>Parses a page the way a browser would, for assertions on what the customer sees.</summary>
public static class Html
{
    public static async Task<IDocument> ParseAsync(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        var context = BrowsingContext.New(Configuration.Default);
        return await context.OpenAsync(r => r.Content(html));
    }

    /// <summary>The text as a reader perceives it: white space collapsed, as a browser renders it.</summary>
    public static string Text(this IDocument document, string selector) =>
        System.Text.RegularExpressions.Regex.Replace(
            string.Join(" ", document.QuerySelectorAll(selector).Select(e => e.TextContent)), @"\s+", " ").Trim();
}
