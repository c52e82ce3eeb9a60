namespace Portal.Api.Contracts;

/// <summary>
/// PUT /api/v1/payment-settings. partialPayments: may customers pay part of what they chose? partialPaymentMinimum:
/// the smallest part, as a JSON number such as 10.00; required when partialPayments is true.
/// </summary>
public record PaymentSettingsRequest(bool? PartialPayments, decimal? PartialPaymentMinimum);

public record PaymentSettingsResponse(bool PartialPayments, decimal? PartialPaymentMinimum);
