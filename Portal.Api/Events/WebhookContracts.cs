namespace Portal.Api.Events;

/// <summary>POST /api/v1/webhook-endpoints.</summary>
public record WebhookEndpointRequest(string? Url);

/// <summary>The secret (whsec_…) is shown only here, when the endpoint is made: verify signatures with it.</summary>
public record WebhookEndpointCreated(Guid Id, string Url, string Secret, DateTime CreatedAt);

public record WebhookEndpointResponse(Guid Id, string Url, DateTime CreatedAt);
