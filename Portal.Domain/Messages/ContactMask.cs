namespace Portal.Domain.Messages;

/// <summary>
/// A contact detail shown without giving it away, so a customer recognises where a code went and nobody else learns
/// it: "06-••••5678", "s•••@example.org".
/// </summary>
public static class ContactMask
{
    private const char Dot = '•';

    public static string Phone(string e164)
    {
        var digits = new string(e164.Where(char.IsAsciiDigit).ToArray());
        var last = digits.Length >= 4 ? digits[^4..] : digits;
        // Dutch mobile numbers are read as 06-…; others keep their country code.
        if (e164.StartsWith("+316", StringComparison.Ordinal) || e164.StartsWith("06", StringComparison.Ordinal)) return $"06-{new string(Dot, 4)}{last}";
        var country = e164.StartsWith('+') && digits.Length > 4 ? "+" + digits[..Math.Min(2, digits.Length - 4)] + " " : "";
        return $"{country}{new string(Dot, 4)}{last}";
    }

    public static string Email(string address)
    {
        var at = address.LastIndexOf('@');
        if (at <= 0) return new string(Dot, 3);
        return $"{address[0]}{new string(Dot, 3)}{address[at..]}";
    }

    public static string Of(MessageChannel channel, string recipient) => channel switch
    {
        MessageChannel.Email => Email(recipient),
        MessageChannel.Sms => Phone(recipient),
        _ => recipient,
    };
}
