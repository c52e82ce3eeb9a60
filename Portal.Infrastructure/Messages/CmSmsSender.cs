using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Portal.Infrastructure.Messages;

/// <summary>
/// Text messages through CM.com's Business Messaging gateway (<c>POST /v1.0/message</c>): one JSON request per message
/// with the product token, the sender, the number in international format and the text, which the gateway splits
/// into up to eight concatenated parts, never cutting it. The message's id goes as its reference, the same at every
/// attempt. An invalid or blacklisted number is final (a bounce); a refused text is final; a gateway that is down, a
/// time-out, or a problem with the account (token, balance) is tried again later.
/// </summary>
public sealed class CmSmsSender(HttpClient http, SmsOptions options) : IMessageSender
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    // CM.com's error codes (its API reference): the number itself is wrong or blocked; the message is refused; the rest may pass.
    private static readonly int[] BadNumber = [302, 303, 402];
    private static readonly int[] Refused = [301, 304, 305, 401, 403];

    public async Task<SendOutcome> SendAsync(OutgoingMessage message, CancellationToken ct)
    {
        var body = new Envelope(new Messages(new Authentication(options.ProductToken!),
        [
            new Msg(options.SenderFor(message.SenderName), [new Recipient(InternationalNumber(message.Recipient))], new Body("AUTO", message.Content.Text),
                "portal" + message.Id.ToString(CultureInfo.InvariantCulture), 1, 8),
        ]));
        try
        {
            using var response = await http.PostAsJsonAsync(options.Endpoint, body, Json, ct);
            var answer = await ReadAsync(response, ct);
            var code = answer?.Messages?.FirstOrDefault()?.MessageErrorCode is { } perMessage && int.TryParse(perMessage, out var parsed) && parsed != 0
                ? parsed : answer?.ErrorCode ?? 0;
            var accepted = answer?.Messages?.FirstOrDefault()?.Status is { } status && status.Equals("Accepted", StringComparison.OrdinalIgnoreCase);
            if (response.IsSuccessStatusCode && code == 0 && accepted) return SendOutcome.Sent;
            var reason = $"CM.com {(int)response.StatusCode}, error {code}: {answer?.Messages?.FirstOrDefault()?.MessageDetails ?? answer?.Details ?? "no details"}";
            if (BadNumber.Contains(code)) return new SendOutcome(SendResult.Refused, reason, Bounced: true);
            if (Refused.Contains(code)) return new SendOutcome(SendResult.Refused, reason);
            return new SendOutcome(SendResult.TryAgain, reason);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return new SendOutcome(SendResult.TryAgain, $"CM.com not reached: {e.Message}");
        }
    }

    /// <summary>The number as CM.com takes it: 00 and the country code (+31 6… and 06… both become 00316…).</summary>
    public static string InternationalNumber(string phone)
    {
        var digits = new string(phone.Where(c => char.IsAsciiDigit(c) || c == '+').ToArray());
        if (digits.StartsWith('+')) return "00" + digits[1..];
        if (digits.StartsWith("00", StringComparison.Ordinal)) return digits;
        return digits.StartsWith('0') ? "0031" + digits[1..] : digits;
    }

    private static async Task<Answer?> ReadAsync(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<Answer>(Json, ct);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private sealed record Envelope(Messages Messages);

    private sealed record Messages(Authentication Authentication, IReadOnlyList<Msg> Msg);

    private sealed record Authentication([property: JsonPropertyName("producttoken")] string ProductToken);

    private sealed record Msg(string From, IReadOnlyList<Recipient> To, Body Body, string Reference, int MinimumNumberOfMessageParts,
        int MaximumNumberOfMessageParts);

    private sealed record Recipient(string Number);

    private sealed record Body(string Type, string Content);

    private sealed record Answer(string? Details, int ErrorCode, IReadOnlyList<AnswerMessage>? Messages);

    private sealed record AnswerMessage(string? To, string? Status, string? Reference, int Parts, string? MessageDetails, string? MessageErrorCode);
}
