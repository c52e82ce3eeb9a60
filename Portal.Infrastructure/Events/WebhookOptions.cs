using Portal.Infrastructure.Settings;

namespace Portal.Infrastructure.Events;

/// <summary><c>Portal:Webhooks</c>.</summary>
public class WebhookOptions : ICheckedOptions
{
    public const string Section = "Portal:Webhooks";
    public const string ClientName = "PortalWebhooks";

    /// <summary>Test-only: lets endpoints on loopback through (plain http too). Never set it in production.</summary>
    public bool AllowLoopback { get; set; }

    /// <summary>A true or false, which binding has already checked.</summary>
    public IEnumerable<string> Problems() => [];
}
