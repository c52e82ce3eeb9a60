namespace Portal.Domain.Messages;

/// <summary>
/// How many text messages a text takes. GSM-7 texts fit 160 characters in one (153 per part when concatenated), the
/// characters of its extension table (€, [, ], {, }, …) counting twice; any other character makes the whole text
/// UCS-2, 70 in one and 67 per part. Portal never cuts a text: a longer one is sent as a concatenated message.
/// </summary>
public static class SmsText
{
    private const string Basic =
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private const string Extension = "^{}\\[~]|€\f";

    public static bool IsGsm7(string text) => text.All(c => Basic.Contains(c) || Extension.Contains(c));

    public static int Segments(string text)
    {
        if (IsGsm7(text))
        {
            var septets = text.Sum(c => Extension.Contains(c) ? 2 : 1);
            return septets <= 160 ? 1 : (septets + 152) / 153;
        }
        var units = text.Length;
        return units <= 70 ? 1 : (units + 66) / 67;
    }
}
