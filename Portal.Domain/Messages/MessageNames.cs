namespace Portal.Domain.Messages;

/// <summary>
/// The names kinds, channels and statuses have in the API and in template paths: <c>pay-link</c>, <c>email</c>,
/// <c>queued</c>. One table each way, so a new kind cannot be written without its name.
/// </summary>
public static class MessageNames
{
    private static readonly Dictionary<MessageKind, string> Kinds = new()
    {
        [MessageKind.PayLink] = "pay-link",
        [MessageKind.Reminder] = "reminder",
        [MessageKind.ThankYou] = "thank-you",
        [MessageKind.OneTimeCode] = "one-time-code",
        [MessageKind.PreNotification] = "pre-notification",
        [MessageKind.ArrangementConfirmation] = "arrangement-confirmation",
        [MessageKind.InstalmentReminder] = "instalment-reminder",
        [MessageKind.CallbackConfirmation] = "callback-confirmation",
        [MessageKind.CheckEmail] = "check-email",
        [MessageKind.CollectionFailed] = "collection-failed",
        [MessageKind.ArrangementRequested] = "arrangement-requested",
        [MessageKind.ArrangementRejected] = "arrangement-rejected",
        [MessageKind.ArrangementCounterProposal] = "arrangement-counter-proposal",
        [MessageKind.InstalmentMissed] = "instalment-missed",
        [MessageKind.ArrangementBroken] = "arrangement-broken",
        [MessageKind.QuestionAnswered] = "question-answered",
        [MessageKind.DisputeResolved] = "dispute-resolved",
    };

    private static readonly Dictionary<MessageChannel, string> Channels = new()
    {
        [MessageChannel.Email] = "email",
        [MessageChannel.Sms] = "sms",
        [MessageChannel.Letter] = "letter",
    };

    public static IReadOnlyList<string> KindNames { get; } = [.. Kinds.Values];
    public static IReadOnlyList<string> ChannelNames { get; } = [.. Channels.Values];

    public static string Name(this MessageKind kind) => Kinds[kind];
    public static string Name(this MessageChannel channel) => Channels[channel];
    public static string Name(this MessageStatus status) => status.ToString().ToLowerInvariant();

    public static bool TryParseKind(string? name, out MessageKind kind) => TryParse(Kinds, name, out kind);
    public static bool TryParseChannel(string? name, out MessageChannel channel) => TryParse(Channels, name, out channel);

    public static bool TryParseStatus(string? name, out MessageStatus status)
    {
        foreach (var candidate in Enum.GetValues<MessageStatus>())
            if (candidate.Name() == name)
            {
                status = candidate;
                return true;
            }
        status = default;
        return false;
    }

    private static bool TryParse<T>(Dictionary<T, string> names, string? name, out T value) where T : struct
    {
        foreach (var (key, text) in names)
            if (text == name)
            {
                value = key;
                return true;
            }
        value = default;
        return false;
    }
}
