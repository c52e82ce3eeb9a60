using Portal.Api.Http;
using Portal.Domain.Invoices;
using Portal.Domain.Messages;
using Portal.Infrastructure.Messages;

namespace Portal.Api.Messages;

/// <summary>
/// POST /api/v1/messages. Without channel the customer's preferred one, else e-mail, text message or letter, whichever
/// is on file first. Without invoiceNumbers the message is about all the customer's open invoices.
/// </summary>
public record MessageRequest(string? CustomerRef, string? Kind, string? Channel, IReadOnlyList<string?>? InvoiceNumbers)
{
    /// <summary>The kinds the ERP sends itself; the others (codes, pre-notifications, confirmations) Portal sends when they happen.</summary>
    public static readonly MessageKind[] ErpKinds = [MessageKind.PayLink, MessageKind.Reminder, MessageKind.ThankYou];

    public static string ErpKindNames => string.Join(", ", ErpKinds.Select(k => k.Name()));

    public RuleViolation? Check(out MessageKind kind, out MessageChannel? channel)
    {
        kind = default;
        channel = null;
        if (CustomerRef is null || !RequestMapping.IsValidKey(CustomerRef))
            return new("customerRef", CustomerRef is null ? "'customerRef' is required." : RequestMapping.KeyRule("customerRef"));
        if (Kind is null || !MessageNames.TryParseKind(Kind, out kind) || !ErpKinds.Contains(kind))
            return new("kind", Kind is not null && MessageNames.TryParseKind(Kind, out _)
                ? $"Portal sends '{Kind}' messages itself when they are due; the API sends {ErpKindNames}."
                : $"'kind' is one of {ErpKindNames}.");
        if (Channel is not null)
        {
            if (!MessageNames.TryParseChannel(Channel, out var chosen)) return new("channel", $"'channel' is one of {string.Join(", ", MessageNames.ChannelNames)}.");
            channel = chosen;
        }
        if (InvoiceNumbers is { } numbers && numbers.Any(n => !RequestMapping.IsValidKey(n)))
            return new("invoiceNumbers", "Every invoice number is 1 to 100 characters.");
        return null;
    }
}

/// <summary>202: the message is in the outbox; GET /api/v1/messages tells when it is sent.</summary>
public record MessageQueuedResponse(long Id, string Status, string Channel);

/// <summary>One message; <c>to</c> is masked.</summary>
public record MessageItem(long Id, string CustomerRef, string Kind, string Channel, string Status, string To, DateTime CreatedAt, DateTime? SentAt,
    string? Failure, bool Bounced);

public record MessageListResponse(IReadOnlyList<MessageItem> Items, string? NextCursor);

/// <summary>The optional "send" of POST /api/v1/pay-links: the link goes to the customer at once.</summary>
public record PayLinkSend(string? Channel);

/// <summary>PUT /api/v1/message-settings.</summary>
public record MessageSettingsRequest(bool? ThankYou, AfterSalesDto? AfterSales)
{
    public const int MaxText = 300;
    public const int MaxLink = 500;

    public (MessageSettingsService.Settings? Settings, IReadOnlyList<RuleViolation> Errors) Check()
    {
        var errors = new List<RuleViolation>();
        if (ThankYou is null) errors.Add(new("thankYou", "'thankYou' is required: true or false."));
        var text = AfterSales?.Text?.Trim();
        if (AfterSales is not null)
        {
            if (string.IsNullOrEmpty(text)) errors.Add(new("afterSales.text", "'afterSales.text' is required when afterSales is sent; send afterSales null for none."));
            else if (text.Length > MaxText) errors.Add(new("afterSales.text", $"'afterSales.text' is at most {MaxText} characters."));
            else RequestMapping.OneLine(text, "afterSales.text", errors);
            if (AfterSales.Link is { } link && (link.Length > MaxLink || !Uri.TryCreate(link, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps
                    || link.Any(char.IsWhiteSpace)))
                errors.Add(new("afterSales.link", $"'afterSales.link' is one https address, such as https://www.example.nl/tips, of at most {MaxLink} characters."));
        }
        return errors.Count > 0 ? (null, errors) : (new MessageSettingsService.Settings(ThankYou!.Value, text, AfterSales?.Link), errors);
    }
}

public record AfterSalesDto(string? Text, string? Link);

public record MessageSettingsResponse(bool ThankYou, AfterSalesDto? AfterSales)
{
    public static MessageSettingsResponse Of(MessageSettingsService.Settings s) =>
        new(s.ThankYou, s.AfterSalesText is null ? null : new AfterSalesDto(s.AfterSalesText, s.AfterSalesLink));
}

/// <summary>POST /api/v1/messages/batch: up to 10,000 messages in one call, each checked and written on its own.</summary>
public record MessageBatchRequest(IReadOnlyList<MessageRequest?>? Items)
{
    public const int MaxItems = 10_000;
}

/// <summary>One item's outcome: queued with its id and channel, or rejected with errors naming the fields.</summary>
public record MessageBatchItemResult(int Index, string? CustomerRef, string Status, long? Id, string? Channel, IDictionary<string, string[]>? Errors);

public record MessageBatchResponse(int Queued, int Rejected, IReadOnlyList<MessageBatchItemResult> Results);
