namespace Portal.Domain.Messages;

/// <summary>What a message is for. Each kind has a default template per channel and language, which an organisation can replace.</summary>
public enum MessageKind
{
    PayLink,
    Reminder,
    ThankYou,
    OneTimeCode,
    PreNotification,
    ArrangementConfirmation,
    InstalmentReminder,
    CallbackConfirmation,
}
