using System.Text.Json;
using Portal.Domain.Invoices;

namespace Portal.Domain.Hardship;

public sealed record HelpLink(string Text, string Url);

/// <summary>
/// Where the organisation sends customers who cannot pay for free help: its own words and links. Without them the page
/// shows Portal's default, which points at the municipality's free debt help and Geldfit.
/// </summary>
public sealed record HardshipHelp(string? Text, IReadOnlyList<HelpLink> Links)
{
    public const int MaxText = 1000;
    public const int MaxLinks = 5;
    public const int MaxLinkText = 100;
    public const int MaxUrl = 500;

    public static readonly HardshipHelp Default = new(null, []);

    public bool IsDefault => Text is null && Links.Count == 0;

    public IReadOnlyList<RuleViolation> Check()
    {
        var errors = new List<RuleViolation>();
        if (Text is { Length: > MaxText }) errors.Add(new("helpText", $"'helpText' is at most {MaxText} characters."));
        if (Links.Count > MaxLinks) errors.Add(new("helpLinks", $"'helpLinks' holds at most {MaxLinks} links."));
        for (var i = 0; i < Links.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(Links[i].Text) || Links[i].Text.Length > MaxLinkText)
                errors.Add(new($"helpLinks[{i}].text", $"'helpLinks[{i}].text' is 1 to {MaxLinkText} characters: what the customer clicks."));
            if (Links[i].Url is not { Length: <= MaxUrl } url || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
                errors.Add(new($"helpLinks[{i}].url", $"'helpLinks[{i}].url' is an https address of at most {MaxUrl} characters."));
        }
        return errors;
    }

    public string? ToJson() => IsDefault ? null : JsonSerializer.Serialize(this);

    public static HardshipHelp FromJson(string? json) => string.IsNullOrEmpty(json) ? Default : JsonSerializer.Deserialize<HardshipHelp>(json)!;
}
