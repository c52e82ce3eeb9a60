using Portal.Domain.Language;
using Shouldly;

namespace Portal.Tests.Domain;

public class ReadabilityTests
{
    [Theory]
    [InlineData("betalen", 3)]
    [InlineData("factuur", 2)]
    [InlineData("vrijdag", 2)]
    [InlineData("beëindigen", 4)]
    [InlineData("oplossing", 3)]
    [InlineData("u", 1)]
    public void CountSyllables_DutchWords(string word, int syllables) => Readability.CountSyllables(word).ShouldBe(syllables);

    [Fact]
    public void Score_ShortPlainSentences_AreB1()
    {
        var score = Readability.Score("U moet nog € 125,50 betalen. Betaal vóór 1 december 2026.");
        score.Sentences.ShouldBe(2);
        score.IsB1.ShouldBeTrue(score.ToString());
    }

    [Fact]
    public void Score_LongOfficialSentence_FailsWithItsNumbers()
    {
        var score = Readability.Score(
            "Teneinde uw betalingsverplichting ingevolge de overeenkomst te voldoen, dient u het openstaande bedrag derhalve " +
            "binnen veertien dagen na dagtekening van deze herinnering over te maken op onderstaand rekeningnummer van de organisatie.");
        score.IsB1.ShouldBeFalse();
        score.LongestSentence.ShouldBeGreaterThan(25);
        score.BannedWords.ShouldBe(["derhalve", "teneinde", "ingevolge", "voldoen"], ignoreOrder: true);
        score.Lix.ShouldBeGreaterThan(40);
    }

    [Fact]
    public void Score_Formulas_MatchTheDefinitions()
    {
        // 2 sentences, 8 words, 10 syllables, 1 word over 6 letters.
        var score = Readability.Score("Wij sturen u een brief. Betaal het bedrag.");
        score.Words.ShouldBe(8);
        score.FleschDouma.ShouldBe(206.84 - 0.77 * (100.0 * score.Syllables / 8) - 0.93 * 4, 0.001);
        score.Lix.ShouldBe(4 + 100.0 * score.LongWords / 8, 0.001);
    }

    [Fact]
    public void Score_AbbreviationsOnTheBannedList_AreFound() =>
        Readability.Score("Betaal bijv. met iDEAL.").BannedWords.ShouldBe(["bijv."]);
}
