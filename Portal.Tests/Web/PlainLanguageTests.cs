using System.Collections;
using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using Portal.Domain.Language;
using Shouldly;

namespace Portal.Tests.Web;

/// <summary>ACCEPTANCE 13: every Dutch text a customer can read is B1. A failure lists the texts and their scores.</summary>
public class PlainLanguageTests
{
    private static Dictionary<string, string> DutchTexts()
    {
        var manager = new ResourceManager("Portal.Web.Resources.SharedResource", typeof(Portal.Web.SharedResource).Assembly);
        var set = manager.GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: true)!;
        return set.Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => Regex.Replace((string)e.Value!, @"\{\d+\}", "X"));
    }

    private static readonly string[] OnEveryPage = ["Title", "Layout", "Help", "Footer", "ReadAloud"];

    /// <summary>The page a text is on: the first part of its key; texts of the layout count as one page.</summary>
    private static string Page(string key)
    {
        var first = key[..key.IndexOf('.')];
        return OnEveryPage.Contains(first) ? "Layout" : first;
    }

    [Fact]
    public void DutchTexts_Exist() => DutchTexts().Count.ShouldBeGreaterThan(20);

    [Fact]
    public void EveryDutchText_HasNoBannedWordAndNoSentenceOver25Words()
    {
        var failures = DutchTexts()
            .Select(t => (t.Key, t.Value, Score: Readability.Score(t.Value)))
            .Where(t => t.Score.BannedWords.Count > 0 || t.Score.LongestSentence > 25)
            .Select(t => $"{t.Key}: \"{t.Value}\" — {t.Score}")
            .ToList();
        failures.ShouldBeEmpty(string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public void EveryPagesDutchText_IsB1()
    {
        var failures = new List<string>();
        foreach (var page in DutchTexts().GroupBy(t => Page(t.Key)))
        {
            // Labels ("Totaal") are not sentences; the formulas are about running text.
            var sentences = page.Where(t => Regex.IsMatch(t.Value.TrimEnd(), @"[.!?]$")).ToList();
            if (sentences.Count == 0) continue;
            var score = Readability.Score(string.Join(" ", sentences.Select(s => s.Value)));
            if (!score.IsB1)
                failures.Add($"{page.Key}: {score}{Environment.NewLine}  " +
                    string.Join(Environment.NewLine + "  ", sentences.Select(s => $"{s.Key}: \"{s.Value}\" — {Readability.Score(s.Value)}")));
        }
        failures.ShouldBeEmpty(string.Join(Environment.NewLine, failures));
    }

    [Theory]
    [InlineData("en")]
    [InlineData("tr")]
    [InlineData("pl")]
    [InlineData("ar")]
    public void EveryLanguage_HasEveryDutchKey(string language)
    {
        var manager = new ResourceManager("Portal.Web.Resources.SharedResource", typeof(Portal.Web.SharedResource).Assembly);
        var translated = manager.GetResourceSet(CultureInfo.GetCultureInfo(language), createIfNotExists: true, tryParents: false)!
            .Cast<DictionaryEntry>().Select(e => (string)e.Key).ToHashSet();
        DutchTexts().Keys.Where(k => !translated.Contains(k)).ShouldBeEmpty();
    }
}
