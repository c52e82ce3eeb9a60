using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Portal.Domain.Messages;

namespace Portal.Infrastructure.Messages;

/// <summary>
/// Which channels this Portal can send by, and how. E-mail goes over SMTP when a host is set; in Development and tests
/// without one, messages are kept and shown on the development outbox page instead of sent, so the demo works
/// offline. Text messages go through CM.com when a product token is set, and are kept the same way without one.
/// Letters are never sent by Portal: the ERP fetches each one's PDF to print and post.
/// </summary>
public sealed class MessageChannels(IOptions<EmailOptions> email, IOptions<SmsOptions> sms, IHostEnvironment environment)
{
    private bool Local => environment.IsDevelopment() || environment.IsEnvironment("Testing");

    /// <summary>True when messages by this channel are kept in the outbox instead of sent.</summary>
    public bool Keeps(MessageChannel channel) => channel switch
    {
        MessageChannel.Email => !email.Value.HasSmtp,
        MessageChannel.Sms => !sms.Value.HasGateway,
        _ => true,
    };

    /// <summary>Why this channel cannot be used here, or null when it can.</summary>
    public string? Refusal(MessageChannel channel) => channel switch
    {
        MessageChannel.Email when email.Value.Enabled == false => "E-mail is switched off for this Portal (Portal:Email:Enabled is false).",
        MessageChannel.Email when !email.Value.HasSmtp && !Local => "This Portal has no mail server set up (Portal:Email:Smtp:Host), so it cannot send e-mail.",
        MessageChannel.Sms when sms.Value.Enabled == false => "Text messages are switched off for this Portal (Portal:Sms:Enabled is false).",
        MessageChannel.Sms when !sms.Value.HasGateway && !Local => "This Portal has no SMS gateway set up (Portal:Sms:ProductToken), so it cannot send text messages.",
        _ => null,
    };

    /// <summary>Stops the start when a channel must work but cannot: enabled outside Development without its server or gateway.</summary>
    public static void CheckAtStart(EmailOptions email, SmsOptions sms, IHostEnvironment environment)
    {
        var local = environment.IsDevelopment() || environment.IsEnvironment("Testing");
        if (email.Enabled == true && !email.HasSmtp && !local)
            throw new OptionsValidationException(Options.DefaultName, typeof(EmailOptions),
                [$"{EmailOptions.Section}:Enabled is true but {EmailOptions.Section}:Smtp:Host is empty; set the mail server, or set Enabled to false."]);
        if (sms.Enabled == true && !sms.HasGateway && !local)
            throw new OptionsValidationException(Options.DefaultName, typeof(SmsOptions),
                [$"{SmsOptions.Section}:Enabled is true but {SmsOptions.Section}:ProductToken is empty; set the CM.com product token, or set Enabled to false."]);
    }
}
