namespace Portal.Api.PaymentSettings;

/// <summary>
/// PUT /api/v1/payment-settings. partialPayments: may customers pay part of what they chose? partialPaymentMinimum:
/// the smallest part, as a JSON number such as 10.00; required when partialPayments is true. refundOverpayments:
/// is money that arrives for an invoice that no longer needs it refunded to the customer through Mollie (true), or
/// kept as a credit on the customer for you to settle (false, the default when left out)?
/// </summary>
public record PaymentSettingsRequest(bool? PartialPayments, decimal? PartialPaymentMinimum, bool? RefundOverpayments = null);

public record PaymentSettingsResponse(bool PartialPayments, decimal? PartialPaymentMinimum, bool RefundOverpayments);
