using Portal.Infrastructure.Settings;

namespace Portal.Infrastructure.Messages;

/// <summary>
/// <c>Portal:Sms</c>: text messages through CM.com's Business Messaging gateway (a Dutch provider many Dutch
/// organisations send through). With <c>ProductToken</c> set, messages go out; without it, Development and tests keep
/// them on the development outbox page, and elsewhere text messages are off. <c>Enabled=true</c> without a token
/// outside Development stops the start.
/// </summary>
public sealed class SmsOptions : ICheckedOptions
{
    public const string Section = "Portal:Sms";
    public const string ClientName = "PortalSms";

    public bool? Enabled { get; set; }
    /// <summary>The CM.com product token (a GUID) that authorises sending.</summary>
    public string? ProductToken { get; set; }
    public Uri Endpoint { get; set; } = new("https://gw.cmtelecom.com/v1.0/message");
    /// <summary>The sender shown on the phone: up to 11 letters and digits. Empty: the organisation's name, shortened.</summary>
    public string? Sender { get; set; }

    public bool HasGateway => !string.IsNullOrWhiteSpace(ProductToken);

    public IEnumerable<string> Problems()
    {
        if (ProductToken is { Length: > 0 } token && !Guid.TryParse(token, out _))
            yield return $"{Section}:ProductToken is not a CM.com product token; it is a GUID such as 00000000-0000-0000-0000-000000000000.";
        if (!Endpoint.IsAbsoluteUri || Endpoint.Scheme is not ("https" or "http"))
            yield return $"{Section}:Endpoint is '{Endpoint}'; it must be an absolute https URL.";
        if (Sender is { Length: > 0 } sender && (sender.Length > 11 || !sender.All(char.IsAsciiLetterOrDigit)))
            yield return $"{Section}:Sender is '{sender}'; it is at most 11 letters and digits, such as EnergieZuid.";
    }

    /// <summary>The sender for an organisation: the setting, or its name in letters and digits, at most 11.</summary>
    public string SenderFor(string organisationName)
    {
        if (!string.IsNullOrEmpty(Sender)) return Sender;
        var letters = new string(organisationName.Where(char.IsAsciiLetterOrDigit).ToArray());
        return letters.Length == 0 ? "Portal" : letters[..Math.Min(11, letters.Length)];
    }
}
