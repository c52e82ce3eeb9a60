using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using Portal.Domain.Messages;

namespace Portal.Infrastructure.Messages;

/// <summary>
/// E-mail over SMTP with MailKit: one connection per delivery run, opened at the first message and reopened after a
/// failure. A multipart message (plain text, HTML), Message-ID from the message's id, so a repeat after a crash is
/// the same message to the receiving side. 5xx answers are final (a refused recipient is a bounce); 4xx answers,
/// time-outs and lost connections are tried again later.
/// </summary>
public sealed class SmtpEmailSender(EmailOptions options) : IMessageSender
{
    private SmtpClient? _client;

    public async Task<SendOutcome> SendAsync(OutgoingMessage message, CancellationToken ct)
    {
        var mime = Build(message, options.From);
        try
        {
            var client = await ConnectedAsync(ct);
            await client.SendAsync(mime, ct);
            return SendOutcome.Sent;
        }
        catch (SmtpCommandException e)
        {
            var code = (int)e.StatusCode;
            var reason = $"SMTP {code}: {e.Message}";
            if (code >= 500)
                return new SendOutcome(SendResult.Refused, reason, Bounced: e.ErrorCode == SmtpErrorCode.RecipientNotAccepted);
            await DropAsync();
            return new SendOutcome(SendResult.TryAgain, reason);
        }
        catch (Exception e) when (e is SmtpProtocolException or IOException or SocketException or TimeoutException
                                      or ServiceNotConnectedException or AuthenticationException or SslHandshakeException
                                  || e is OperationCanceledException && !ct.IsCancellationRequested)
        {
            await DropAsync();
            return new SendOutcome(SendResult.TryAgain, $"{e.GetType().Name}: {e.Message}");
        }
    }

    /// <summary>The MIME message: plain text and HTML as alternatives, in the message's language.</summary>
    public static MimeMessage Build(OutgoingMessage message, string from)
    {
        var mime = new MimeMessage
        {
            Subject = message.Content.Subject ?? message.SenderName,
            MessageId = MessageIdOf(message.Id, from),
            Date = new DateTimeOffset(DateTime.SpecifyKind(message.NowUtc, DateTimeKind.Utc)),
        };
        mime.From.Add(new MailboxAddress(message.SenderName, from));
        mime.To.Add(new MailboxAddress(message.RecipientName, message.Recipient));
        // Mail programs should not answer an automatic message with an out-of-office reply.
        mime.Headers.Add("Auto-Submitted", "auto-generated");
        mime.Body = new BodyBuilder { TextBody = message.Content.Text, HtmlBody = message.Content.Html }.ToMessageBody();
        // A MIME entity's own header (RFC 3282): mail programs and screen readers pick the language from it.
        mime.Body.Headers.Add("Content-Language", message.Language);
        return mime;
    }

    /// <summary>The Message-ID of a message: its id at the sending domain, the same at every attempt.</summary>
    public static string MessageIdOf(long id, string from) =>
        $"portal-message-{id.ToString(System.Globalization.CultureInfo.InvariantCulture)}@{from[(from.LastIndexOf('@') + 1)..]}";

    private async Task<SmtpClient> ConnectedAsync(CancellationToken ct)
    {
        if (_client is { IsConnected: true }) return _client;
        _client?.Dispose();
        _client = new SmtpClient { Timeout = 30_000 };
        var security = options.Smtp.Security.ToLowerInvariant() switch
        {
            "none" => SecureSocketOptions.None,
            "tls" => SecureSocketOptions.SslOnConnect,
            _ => SecureSocketOptions.StartTls,
        };
        await _client.ConnectAsync(options.Smtp.Host!, options.Smtp.Port, security, ct);
        if (!string.IsNullOrEmpty(options.Smtp.Username)) await _client.AuthenticateAsync(options.Smtp.Username, options.Smtp.Password ?? "", ct);
        return _client;
    }

    private async Task DropAsync()
    {
        if (_client is null) return;
        try
        {
            if (_client.IsConnected) await _client.DisconnectAsync(quit: false);
        }
        catch (Exception e) when (e is IOException or SocketException or SmtpProtocolException)
        {
            // The connection is gone either way; the next message opens a new one.
        }
        _client.Dispose();
        _client = null;
    }

    public async ValueTask DisposeAsync()
    {
        if (_client is null) return;
        try
        {
            if (_client.IsConnected) await _client.DisconnectAsync(quit: true);
        }
        catch (Exception e) when (e is IOException or SocketException or SmtpProtocolException or SmtpCommandException)
        {
            // Everything this run sent was accepted before; a failed QUIT changes nothing.
        }
        _client.Dispose();
    }
}
