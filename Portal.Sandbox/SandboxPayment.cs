using System.Globalization;
using Portal.Infrastructure.Payments.Mollie;

namespace Portal.Sandbox;

/// <summary>A payment as the sandbox keeps it, and how it answers in Mollie's JSON shape.</summary>
public sealed class SandboxPayment
{
    public required string Id { get; init; }
    public required CreateMolliePayment Request { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public string Status { get; set; } = "open";
    public DateTimeOffset? PaidAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    /// <summary>The customer and mandate a first or recurring payment belongs to (the mandate is found when not given).</summary>
    public string? CustomerId { get; init; }
    public string? MandateId { get; set; }
    /// <summary>For a direct debit: the day the bank collects; the sandbox clock makes it paid then.</summary>
    public DateOnly? DueDate { get; init; }
    public string? BankReasonCode { get; set; }
    public string? ConsumerName { get; set; }
    public string? ConsumerAccount { get; set; }
    public List<SandboxRefund> Refunds { get; } = [];
    public List<SandboxChargeback> Chargebacks { get; } = [];

    public bool IsFinal => Status is "paid" or "failed" or "canceled" or "expired";
    public bool IsDirectDebit => Request.SequenceType == "recurring";
    public string? Method => IsDirectDebit ? "directdebit" : Request.Method ?? (Status == "paid" ? "ideal" : null);

    public decimal Amount => SandboxAmounts.Parse(Request.Amount.Value);
    /// <summary>Refunds count against what can still be refunded unless they were canceled or failed.</summary>
    public decimal Refunded => Refunds.Where(r => r.Status is not ("canceled" or "failed")).Sum(r => r.Amount);
    public decimal ChargedBack => Chargebacks.Where(c => c.ReversedAt is null).Sum(c => c.Amount);

    public object ToMollie(string baseUrl) => new
    {
        resource = "payment",
        id = Id,
        mode = "test",
        status = Status,
        amount = Request.Amount,
        amountRefunded = Status == "paid" ? SandboxAmounts.Of(Refunded, Request.Amount.Currency) : null,
        amountRemaining = Status == "paid" ? SandboxAmounts.Of(Amount - Refunded - ChargedBack, Request.Amount.Currency) : null,
        amountChargedBack = Chargebacks.Count > 0 ? SandboxAmounts.Of(ChargedBack, Request.Amount.Currency) : null,
        description = Request.Description,
        method = Method,
        sequenceType = Request.SequenceType ?? "oneoff",
        customerId = CustomerId,
        mandateId = MandateId,
        metadata = Request.Metadata,
        redirectUrl = Request.RedirectUrl,
        webhookUrl = Request.WebhookUrl,
        isCancelable = !IsFinal,
        createdAt = CreatedAt,
        paidAt = PaidAt,
        expiresAt = IsFinal || IsDirectDebit ? (DateTimeOffset?)null : CreatedAt.Add(SandboxStore.CheckoutLifetime),
        canceledAt = Status == "canceled" ? FinishedAt : null,
        failedAt = Status == "failed" ? FinishedAt : null,
        expiredAt = Status == "expired" ? FinishedAt : null,
        details = IsDirectDebit || ConsumerAccount is not null ? new
        {
            consumerName = ConsumerName,
            consumerAccount = ConsumerAccount,
            dueDate = DueDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            creditorIdentifier = IsDirectDebit ? "NL08ZZZ502057730000" : null,
            transferReference = IsDirectDebit ? "SD" + Id[3..].ToUpperInvariant() : null,
            bankReasonCode = BankReasonCode,
            bankReason = BankReasonCode is null ? null : SandboxBankReasons.Describe(BankReasonCode),
        } : null,
        _links = new Dictionary<string, object?>
        {
            ["self"] = new { href = $"{baseUrl}/mollie-sandbox/v2/payments/{Id}", type = "application/hal+json" },
            ["checkout"] = IsFinal || IsDirectDebit ? null : new { href = $"{baseUrl}/mollie-sandbox/checkout/{Id}", type = "text/html" },
            // Mollie's test mode offers a page to change the state of payments that have no checkout.
            ["changePaymentState"] = IsDirectDebit && !IsFinal ? new { href = $"{baseUrl}/mollie-sandbox/checkout/{Id}", type = "text/html" } : null,
            ["refunds"] = Refunds.Count > 0 ? new { href = $"{baseUrl}/mollie-sandbox/v2/payments/{Id}/refunds", type = "application/hal+json" } : null,
            ["chargebacks"] = Chargebacks.Count > 0 ? new { href = $"{baseUrl}/mollie-sandbox/v2/payments/{Id}/chargebacks", type = "application/hal+json" } : null,
        },
    };
}

public sealed class SandboxCustomer
{
    public required string Id { get; init; }
    public required CreateMollieCustomer Request { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public List<SandboxMandate> Mandates { get; } = [];

    public object ToMollie(string baseUrl) => new
    {
        resource = "customer",
        id = Id,
        mode = "test",
        name = Request.Name,
        email = Request.Email,
        locale = Request.Locale,
        metadata = Request.Metadata,
        createdAt = CreatedAt,
        _links = new Dictionary<string, object?>
        {
            ["self"] = new { href = $"{baseUrl}/mollie-sandbox/v2/customers/{Id}", type = "application/hal+json" },
            ["mandates"] = new { href = $"{baseUrl}/mollie-sandbox/v2/customers/{Id}/mandates", type = "application/hal+json" },
        },
    };
}

public sealed class SandboxMandate
{
    public required string Id { get; init; }
    public required string CustomerId { get; init; }
    public required string ConsumerName { get; init; }
    public required string ConsumerAccount { get; init; }
    public string? ConsumerBic { get; init; }
    public string? SignatureDate { get; init; }
    public string? MandateReference { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public string Status { get; set; } = "valid";

    public object ToMollie(string baseUrl) => new
    {
        resource = "mandate",
        id = Id,
        mode = "test",
        status = Status,
        method = "directdebit",
        details = new { consumerName = ConsumerName, consumerAccount = ConsumerAccount, consumerBic = ConsumerBic },
        mandateReference = MandateReference,
        signatureDate = SignatureDate,
        createdAt = CreatedAt,
        _links = new Dictionary<string, object?>
        {
            ["self"] = new { href = $"{baseUrl}/mollie-sandbox/v2/customers/{CustomerId}/mandates/{Id}", type = "application/hal+json" },
            ["customer"] = new { href = $"{baseUrl}/mollie-sandbox/v2/customers/{CustomerId}", type = "application/hal+json" },
        },
    };
}

public sealed class SandboxRefund
{
    public required string Id { get; init; }
    public required string PaymentId { get; init; }
    public required decimal Amount { get; init; }
    public required string Currency { get; init; }
    public string? Description { get; init; }
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public string Status { get; set; } = "pending";

    public object ToMollie(string baseUrl) => new
    {
        resource = "refund",
        id = Id,
        amount = SandboxAmounts.Of(Amount, Currency),
        status = Status,
        description = Description,
        metadata = Metadata,
        paymentId = PaymentId,
        createdAt = CreatedAt,
        _links = new Dictionary<string, object?>
        {
            ["self"] = new { href = $"{baseUrl}/mollie-sandbox/v2/payments/{PaymentId}/refunds/{Id}", type = "application/hal+json" },
            ["payment"] = new { href = $"{baseUrl}/mollie-sandbox/v2/payments/{PaymentId}", type = "application/hal+json" },
        },
    };
}

public sealed class SandboxChargeback
{
    public required string Id { get; init; }
    public required string PaymentId { get; init; }
    public required decimal Amount { get; init; }
    public required string Currency { get; init; }
    public required string ReasonCode { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? ReversedAt { get; set; }

    public object ToMollie(string baseUrl) => new
    {
        resource = "chargeback",
        id = Id,
        amount = SandboxAmounts.Of(Amount, Currency),
        reason = new { code = ReasonCode, description = SandboxBankReasons.Describe(ReasonCode) },
        paymentId = PaymentId,
        createdAt = CreatedAt,
        reversedAt = ReversedAt,
        _links = new Dictionary<string, object?>
        {
            ["self"] = new { href = $"{baseUrl}/mollie-sandbox/v2/payments/{PaymentId}/chargebacks/{Id}", type = "application/hal+json" },
            ["payment"] = new { href = $"{baseUrl}/mollie-sandbox/v2/payments/{PaymentId}", type = "application/hal+json" },
        },
    };
}

public static class SandboxAmounts
{
    public static decimal Parse(string value) => decimal.Parse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);

    public static MollieAmount Of(decimal value, string currency) => new(currency, value.ToString("0.00", CultureInfo.InvariantCulture));
}

/// <summary>The SEPA reason codes a bank gives for a refused or reversed direct debit, as the sandbox can play them.</summary>
public static class SandboxBankReasons
{
    public static readonly IReadOnlyDictionary<string, string> Known = new Dictionary<string, string>
    {
        ["AM04"] = "Insufficient funds",
        ["AC01"] = "Account identifier incorrect (i.e. invalid IBAN)",
        ["AC04"] = "Account closed",
        ["AC06"] = "Account blocked",
        ["MD01"] = "No mandate",
        ["MD06"] = "Refund request by end customer",
        ["MS02"] = "Refusal by debtor",
    };

    public static string Describe(string code) => Known.GetValueOrDefault(code, "Reason not specified");
}
