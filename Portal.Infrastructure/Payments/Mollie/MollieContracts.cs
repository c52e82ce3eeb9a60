using System.Globalization;
using System.Text.Json.Serialization;

namespace Portal.Infrastructure.Payments.Mollie;

/// <summary>Mollie's amount: the value is a string with exactly the currency's decimals ("125.50").</summary>
public sealed record MollieAmount(string Currency, string Value)
{
    public static MollieAmount From(Portal.Domain.Money money) => new(money.Currency, money.ToInvariantString());

    public Portal.Domain.Money ToMoney() =>
        new(decimal.Parse(Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture), Currency);
}

public sealed record MollieLink(Uri Href, string? Type);

public sealed record MolliePaymentLinks(MollieLink? Self, MollieLink? Checkout, MollieLink? ChangePaymentState);

/// <summary>POST /v2/payments. Null members are left out of the JSON.</summary>
public sealed record CreateMolliePayment(
    MollieAmount Amount,
    string Description,
    string? RedirectUrl = null,
    string? CancelUrl = null,
    string? WebhookUrl = null,
    string? Method = null,
    string? Locale = null,
    IReadOnlyDictionary<string, string>? Metadata = null,
    string? SequenceType = null,
    string? CustomerId = null,
    string? MandateId = null);

/// <summary>The parts of Mollie's payment object Portal reads; unknown members are ignored.</summary>
public sealed record MolliePayment(
    string Id,
    string Mode,
    string Status,
    MollieAmount Amount,
    string Description,
    string? Method,
    string? SequenceType,
    string? CustomerId,
    string? MandateId,
    bool? IsCancelable,
    DateTimeOffset CreatedAt,
    DateTimeOffset? PaidAt,
    DateTimeOffset? ExpiresAt,
    IReadOnlyDictionary<string, string>? Metadata,
    MolliePaymentDetails? Details,
    MollieAmount? AmountRefunded,
    MollieAmount? AmountRemaining,
    MollieAmount? AmountChargedBack,
    [property: JsonPropertyName("_links")] MolliePaymentLinks? Links)
{
    public Uri? CheckoutUrl => Links?.Checkout?.Href;
}

/// <summary>Method-specific details. For a direct debit: the expected collection day, and why the bank refused it.</summary>
public sealed record MolliePaymentDetails(
    string? ConsumerName, string? ConsumerAccount, string? BankReasonCode, string? BankReason, string? DueDate = null,
    string? CreditorIdentifier = null, string? TransferReference = null);

/// <summary>POST /v2/customers: the person a mandate belongs to.</summary>
public sealed record CreateMollieCustomer(string? Name, string? Email, string? Locale = null, IReadOnlyDictionary<string, string>? Metadata = null);

public sealed record MollieCustomer(
    string Id, string Mode, string? Name, string? Email, string? Locale, IReadOnlyDictionary<string, string>? Metadata, DateTimeOffset CreatedAt);

/// <summary>POST /v2/customers/{id}/mandates: a SEPA direct-debit mandate the customer signed with us.</summary>
public sealed record CreateMollieMandate(
    string ConsumerName, string ConsumerAccount, string? ConsumerBic = null, string? SignatureDate = null, string? MandateReference = null)
{
    public string Method => "directdebit";
}

/// <summary>Status is valid, pending (first payment not final yet) or invalid (revoked or refused).</summary>
public sealed record MollieMandate(
    string Id, string Mode, string Status, string Method, MollieMandateDetails? Details, string? MandateReference,
    string? SignatureDate, DateTimeOffset CreatedAt)
{
    public bool IsValid => Status == "valid";
}

public sealed record MollieMandateDetails(string? ConsumerName, string? ConsumerAccount, string? ConsumerBic);

/// <summary>POST /v2/payments/{id}/refunds. Always sent with an Idempotency-Key: a repeated partial refund pays out twice.</summary>
public sealed record CreateMollieRefund(MollieAmount Amount, string? Description = null, IReadOnlyDictionary<string, string>? Metadata = null);

/// <summary>Status: queued, pending, processing, refunded, failed or canceled.</summary>
public sealed record MollieRefund(
    string Id, MollieAmount Amount, string Status, string? Description, string PaymentId, DateTimeOffset CreatedAt,
    IReadOnlyDictionary<string, string>? Metadata);

/// <summary>A reversed direct debit (storno). The payment stays paid; its amountChargedBack grows.</summary>
public sealed record MollieChargeback(
    string Id, MollieAmount Amount, MollieChargebackReason? Reason, string PaymentId, DateTimeOffset CreatedAt, DateTimeOffset? ReversedAt);

/// <summary>The bank's reason, such as MD06 (the customer asked their bank for the money back).</summary>
public sealed record MollieChargebackReason(string Code, string Description);

/// <summary>One page of a Mollie list: the items from <c>_embedded</c>, and whether there is a next page.</summary>
public sealed record MolliePage<T>(int Count, IReadOnlyList<T> Items, Uri? Next);

/// <summary>Mollie's error body: status, title and detail always; field when one input caused it.</summary>
public sealed record MollieErrorBody(int Status, string? Title, string? Detail, string? Field);
