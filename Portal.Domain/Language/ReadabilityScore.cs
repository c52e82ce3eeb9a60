namespace Portal.Domain.Language;

/// <summary>How easy a Dutch text is to read, with the measures ACCEPTANCE 13 names.</summary>
public record ReadabilityScore(
    int Sentences,
    int Words,
    int Syllables,
    int LongWords,
    int LongestSentence,
    IReadOnlyList<string> BannedWords)
{
    public double WordsPerSentence => Sentences == 0 ? 0 : (double)Words / Sentences;

    /// <summary>Flesch-Douma = 206.84 − 0.77 × syllables per 100 words − 0.93 × words per sentence. Higher is easier.</summary>
    public double FleschDouma => Words == 0 ? 100 : 206.84 - 0.77 * (100.0 * Syllables / Words) - 0.93 * WordsPerSentence;

    /// <summary>LIX = words per sentence + 100 × words longer than 6 letters / words. Lower is easier.</summary>
    public double Lix => Words == 0 ? 0 : WordsPerSentence + 100.0 * LongWords / Words;

    /// <summary>B1: average sentence ≤ 15 words, none over 25, Flesch-Douma ≥ 65, LIX ≤ 40, no banned words.</summary>
    public bool IsB1 => WordsPerSentence <= 15 && LongestSentence <= 25 && FleschDouma >= 65 && Lix <= 40 && BannedWords.Count == 0;

    public override string ToString() =>
        $"{Sentences} sentences, {WordsPerSentence:0.0} words per sentence (longest {LongestSentence}), " +
        $"Flesch-Douma {FleschDouma:0.0}, LIX {Lix:0.0}" + (BannedWords.Count > 0 ? $", banned: {string.Join(", ", BannedWords)}" : "");
}
