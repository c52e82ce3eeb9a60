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
    [property: JsonPropertyName("_links")] MolliePaymentLinks? Links)
{
    public Uri? CheckoutUrl => Links?.Checkout?.Href;
}

public sealed record MolliePaymentDetails(string? ConsumerName, string? ConsumerAccount, string? BankReasonCode, string? BankReason);

/// <summary>Mollie's error body: status, title and detail always; field when one input caused it.</summary>
public sealed record MollieErrorBody(int Status, string? Title, string? Detail, string? Field);
