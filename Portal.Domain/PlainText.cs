namespace Portal.Domain;

/// <summary>
/// One line of text a person typed: no control characters (PostgreSQL refuses NUL in text) and no half of a
/// surrogate pair (it cannot be stored as UTF-8), so a name that passes the rules is also one the database takes.
/// </summary>
public static class PlainText
{
    public static bool IsOneLine(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsControl(c) || c is '\u2028' or '\u2029') return false;
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) i++;
            else if (char.IsSurrogate(c)) return false;
        }
        return true;
    }
}
