namespace Portal.Api.PayLinks;

/// <summary>POST /api/v1/pay-links. Without invoiceNumbers the link covers all the customer's open invoices.</summary>
public record PayLinkRequest(string? CustomerRef, IReadOnlyList<string?>? InvoiceNumbers, DateTimeOffset? ExpiresAt);

/// <summary>The url holds the secret token: it is shown in this response and in the QR code, and nowhere else.</summary>
public record PayLinkResponse(Guid Id, string Url, DateTime ExpiresAt, string QrSvg, string QrPng);
