using Portal.Api.Http;
using Portal.Domain.Invoices;

namespace Portal.Api.PayLinks;

/// <summary>POST /api/v1/pay-links. Without invoiceNumbers the link covers all the customer's open invoices.</summary>
/// <param name="LetterCode">True: the link also gets a short code to print on a letter, which with the customer's postcode opens it at /code.</param>
public record PayLinkRequest(string? CustomerRef, IReadOnlyList<string?>? InvoiceNumbers, DateTimeOffset? ExpiresAt, Messages.PayLinkSend? Send = null,
    bool? LetterCode = null)
{
    /// <summary>
    /// This request's checks, up to the first broken one: null when the references can be looked up. Whether the
    /// customer, its invoices and the expiry make a link is the service's to say.
    /// </summary>
    public RuleViolation? Check()
    {
        if (CustomerRef is null || !RequestMapping.IsValidKey(CustomerRef))
            return new("customerRef", CustomerRef is null ? "'customerRef' is required." : RequestMapping.KeyRule("customerRef"));
        if (InvoiceNumbers is { } numbers && numbers.Any(n => !RequestMapping.IsValidKey(n)))
            return new("invoiceNumbers", "Every invoice number is 1 to 100 characters.");
        if (Send?.Channel is { } channel && !Portal.Domain.Messages.MessageNames.TryParseChannel(channel, out _))
            return new("send.channel", $"'send.channel' is one of {string.Join(", ", Portal.Domain.Messages.MessageNames.ChannelNames)}, or left out for the customer's preferred channel.");
        return null;
    }
}

/// <summary>The url holds the secret token: it is shown in this response and in the QR code, and nowhere else.</summary>
/// <param name="Message">With "send": the message that takes the link to the customer.</param>
/// <param name="LetterCode">With "letterCode": true, the code to print on the letter (ABCD-2345); shown only in this response.</param>
/// <param name="LetterCodeUrl">Where the customer types the letter code and their postcode; print it beside the code.</param>
public record PayLinkResponse(Guid Id, string Url, DateTime ExpiresAt, string QrSvg, string QrPng, Messages.MessageQueuedResponse? Message = null,
    string? LetterCode = null, string? LetterCodeUrl = null);
