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
    /// <summary>A plan outside the policy was sent as a request: the organisation answers within 3 working days.</summary>
    ArrangementRequested,
    /// <summary>The organisation said no to a requested plan, with its reason.</summary>
    ArrangementRejected,
    /// <summary>The organisation proposes other terms; the customer accepts them on their pay link.</summary>
    ArrangementCounterProposal,
    /// <summary>A term of a plan was not paid on its date: a friendly reminder with the last day of grace.</summary>
    InstalmentMissed,
    /// <summary>The plan ended after missed terms: what is still owed and what the customer can do next.</summary>
    ArrangementBroken,
    /// <summary>The organisation answered the customer's question: its reply, and the link to read it on their pages.</summary>
    QuestionAnswered,
    /// <summary>The organisation decided on the customer's dispute: its reply, and what is still to pay.</summary>
    DisputeResolved,
}
