namespace Portal.Infrastructure.Webhooks;

/// <summary><c>Portal:Webhooks</c>.</summary>
public class WebhookOptions
{
    public const string Section = "Portal:Webhooks";
    public const string ClientName = "PortalWebhooks";

    /// <summary>Test-only: lets endpoints on loopback through (plain http too). Never set it in production.</summary>
    public bool AllowLoopback { get; set; }
}
