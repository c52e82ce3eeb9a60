namespace Portal.Domain.PayLinks;

/// <summary>
/// One try at <c>/code</c> from an address, kept an hour or so to count tries per address. The address itself is not
/// kept, only a digest of it.
/// </summary>
public class LetterCodeAttempt
{
    public const int MaxPerHour = 5;

    private LetterCodeAttempt() { }

    public LetterCodeAttempt(string clientKey, DateTime nowUtc)
    {
        ClientKey = clientKey;
        AttemptedAtUtc = nowUtc;
    }

    public long Id { get; private set; }
    public string ClientKey { get; private set; } = "";
    public DateTime AttemptedAtUtc { get; private set; }
}
