using System.Text.Json.Serialization;
using Portal.Infrastructure.Payments.Mollie;

namespace Portal.Web.Sandbox;

/// <summary>A payment as the sandbox keeps it, and how it answers in Mollie's JSON shape.</summary>
public sealed class SandboxPayment
{
    public required string Id { get; init; }
    public required CreateMolliePayment Request { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public string Status { get; set; } = "open";
    public DateTimeOffset? PaidAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }

    public bool IsFinal => Status is "paid" or "failed" or "canceled" or "expired";

    public object ToMollie(string baseUrl) => new
    {
        resource = "payment",
        id = Id,
        mode = "test",
        status = Status,
        amount = Request.Amount,
        description = Request.Description,
        method = Request.Method,
        sequenceType = Request.SequenceType ?? "oneoff",
        customerId = Request.CustomerId,
        mandateId = Request.MandateId,
        metadata = Request.Metadata,
        redirectUrl = Request.RedirectUrl,
        webhookUrl = Request.WebhookUrl,
        isCancelable = !IsFinal,
        createdAt = CreatedAt,
        paidAt = PaidAt,
        expiresAt = IsFinal ? (DateTimeOffset?)null : CreatedAt.AddMinutes(15),
        canceledAt = Status == "canceled" ? FinishedAt : null,
        failedAt = Status == "failed" ? FinishedAt : null,
        expiredAt = Status == "expired" ? FinishedAt : null,
        _links = new Dictionary<string, object?>
        {
            ["self"] = new { href = $"{baseUrl}/mollie-sandbox/v2/payments/{Id}", type = "application/hal+json" },
            ["checkout"] = IsFinal ? null : new { href = $"{baseUrl}/mollie-sandbox/checkout/{Id}", type = "text/html" },
        },
    };
}
