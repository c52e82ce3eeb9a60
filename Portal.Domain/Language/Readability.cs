using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Portal.Domain.Language;

/// <summary>
/// Scores Dutch text for plain language (B1). Syllables are counted as vowel groups, which is how Dutch
/// readability formulas are usually computed by machine; "ij" counts as a vowel and a diaeresis starts a new one.
/// </summary>
public static partial class Readability
{
    /// <summary>Official-sounding words B1 texts avoid (ACCEPTANCE 13). "voldoen" only when it means paying.</summary>
    public static readonly IReadOnlyList<string> BannedWords = ["dienen", "derhalve", "teneinde", "ingevolge", "voldoen", "bijv.", "o.a.", "enz.", "i.v.m."];

    public static ReadabilityScore Score(string text)
    {
        var sentences = SentenceBreak().Split(text.Trim()).Where(s => WordPattern().IsMatch(s)).ToList();
        var words = 0;
        var syllables = 0;
        var longWords = 0;
        var longest = 0;
        foreach (var sentence in sentences)
        {
            var sentenceWords = WordPattern().Matches(sentence).Select(m => m.Value).ToList();
            longest = Math.Max(longest, sentenceWords.Count);
            words += sentenceWords.Count;
            syllables += sentenceWords.Sum(CountSyllables);
            longWords += sentenceWords.Count(w => w.Length > 6);
        }
        var lower = text.ToLowerInvariant();
        var banned = BannedWords.Where(b => b.EndsWith('.') ? lower.Contains(b, StringComparison.Ordinal) : Regex.IsMatch(lower, $@"\b{Regex.Escape(b)}\b")).ToList();
        return new ReadabilityScore(sentences.Count, words, syllables, longWords, longest, banned);
    }

    public static int CountSyllables(string word)
    {
        var w = word.ToLowerInvariant().Replace("ij", "y", StringComparison.Ordinal);
        if (w.All(char.IsDigit)) return Math.Max(1, w.Length / 2);
        var count = 0;
        var inVowel = false;
        foreach (var c in w.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                // A diaeresis (ë, ï) marks a new syllable: "beëindigen", "geïnd".
                if (c == '\u0308' && inVowel) count++;
                continue;
            }
            var vowel = "aeiouy".Contains(c);
            if (vowel && !inVowel) count++;
            inVowel = vowel;
        }
        return Math.Max(1, count);
    }

    [GeneratedRegex(@"(?<=[.!?])\s+")]
    private static partial Regex SentenceBreak();

    [GeneratedRegex(@"[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*")]
    private static partial Regex WordPattern();
}
