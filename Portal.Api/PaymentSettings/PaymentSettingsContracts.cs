using Portal.Api.Http;
using Portal.Domain.Invoices;
using Portal.Infrastructure.Organisations;

namespace Portal.Api.PaymentSettings;

/// <summary>
/// PUT /api/v1/payment-settings. partialPayments: may customers pay part of what they chose? partialPaymentMinimum:
/// the smallest part, as a JSON number such as 10.00; required when partialPayments is true. refundOverpayments:
/// is money that arrives for an invoice that no longer needs it refunded to the customer through Mollie (true), or
/// kept as a credit on the customer for you to settle (false, the default when left out)?
/// </summary>
public record PaymentSettingsRequest(bool? PartialPayments, decimal? PartialPaymentMinimum, bool? RefundOverpayments = null)
{
    /// <summary>This request's checks, and the settings as they are stored (the minimum in euro cents, none when partial payments are off).</summary>
    public (PaymentSettingsService.Settings? Settings, IReadOnlyList<RuleViolation> Errors) Check()
    {
        var errors = new List<RuleViolation>();
        if (PartialPayments is null) errors.Add(new("partialPayments", "'partialPayments' is required: true or false."));
        long? minimum = null;
        if (PartialPayments == true)
        {
            minimum = RequestMapping.Minor(PartialPaymentMinimum, "partialPaymentMinimum", 2, errors, required: true);
            if (minimum == 0) errors.Add(new("partialPaymentMinimum", "'partialPaymentMinimum' is more than 0, such as 10.00."));
        }
        else if (PartialPayments == false && PartialPaymentMinimum is not null)
            errors.Add(new("partialPaymentMinimum", "Leave out 'partialPaymentMinimum' when 'partialPayments' is false."));
        return errors.Count > 0 ? (null, errors) : (new PaymentSettingsService.Settings(minimum, RefundOverpayments ?? false), errors);
    }
}

public record PaymentSettingsResponse(bool PartialPayments, decimal? PartialPaymentMinimum, bool RefundOverpayments);
