namespace Portal.E2E.Infrastructure;

/// <summary>
/// The app as <see cref="PortalFixture"/> starts it, but with the worker role's webhook job running every second and
/// webhook endpoints on loopback allowed, so a test can receive the ERP's signed webhooks on 127.0.0.1 within seconds.
/// </summary>
public sealed class WebhookPortalFixture() : PortalFixture(new Dictionary<string, string>
{
    // Jobs run only on a node with the worker role; say so here rather than rely on the default.
    ["Portal:Roles"] = "portal,api,worker",
    ["Portal:Jobs:DeliverWebhooksEvery"] = "00:00:01",
    // Test-only: the receiver listens on 127.0.0.1, which production refuses.
    ["Portal:Webhooks:AllowLoopback"] = "true",
});
