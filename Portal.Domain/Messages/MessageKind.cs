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
    /// <summary>A text message after an e-mail bounced: please check the e-mail address through the pay link.</summary>
    CheckEmail,
    /// <summary>A direct debit did not go through: the amount, and a link to pick another day or pay now.</summary>
    CollectionFailed,
}
