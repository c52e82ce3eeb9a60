using Portal.Infrastructure.Settings;

namespace Portal.Infrastructure.Messages;

/// <summary>
/// <c>Portal:Email</c>: how e-mail leaves Portal. With <c>Smtp:Host</c> set, over SMTP (MailKit); without it, in
/// Development and tests, messages are kept and shown on the development outbox page; elsewhere e-mail is off, and
/// <c>Enabled=true</c> without a host stops the start.
/// </summary>
public sealed class EmailOptions : ICheckedOptions
{
    public const string Section = "Portal:Email";
    private static readonly string[] SecurityModes = ["none", "starttls", "tls"];

    /// <summary>True: e-mail must work, so a missing SMTP host outside Development is refused at start. False: no e-mail at all.</summary>
    public bool? Enabled { get; set; }
    /// <summary>The address e-mails come from; the organisation's sender name goes with it.</summary>
    public string From { get; set; } = "betalen@portal.localhost";
    public SmtpOptions Smtp { get; set; } = new();

    public IEnumerable<string> Problems()
    {
        if (!MimeKit.MailboxAddress.TryParse(From, out var from) || !from.Address.Contains('@') || from.Address != From)
            yield return $"{Section}:From is '{From}'; it must be one e-mail address, such as betalen@example.nl.";
        if (!SecurityModes.Contains(Smtp.Security, StringComparer.OrdinalIgnoreCase))
            yield return $"{Section}:Smtp:Security is '{Smtp.Security}'; it must be none, starttls or tls.";
        if (Smtp.Port is < 1 or > 65535)
            yield return $"{Section}:Smtp:Port is {Smtp.Port}; it must be a port number from 1 to 65535.";
        if (string.IsNullOrEmpty(Smtp.Username) != string.IsNullOrEmpty(Smtp.Password))
            yield return $"{Section}:Smtp:Username and {Section}:Smtp:Password go together: set both or neither.";
    }

    public bool HasSmtp => !string.IsNullOrWhiteSpace(Smtp.Host);

    public sealed class SmtpOptions
    {
        public string? Host { get; set; }
        public int Port { get; set; } = 587;
        public string? Username { get; set; }
        public string? Password { get; set; }
        /// <summary><c>none</c>, <c>starttls</c> (the default, port 587) or <c>tls</c> (port 465).</summary>
        public string Security { get; set; } = "starttls";
    }
}
