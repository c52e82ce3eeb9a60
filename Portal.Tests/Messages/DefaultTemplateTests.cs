using System.Globalization;
using Portal.Domain.Language;
using Portal.Domain.Messages;
using Portal.Infrastructure.Messages;
using Shouldly;

namespace Portal.Tests.Messages;

/// <summary>Portal's own texts: every kind by every channel in every language renders, the Dutch ones are B1, text messages fit one SMS.</summary>
public class DefaultTemplateTests
{
    private static MessageModel Sample(string language) =>
        MessageModel.Sample("Waterbedrijf Groningen", "050 123 45 67", "https://betalen.waterbedrijf.nl",
            CultureInfo.GetCultureInfo(SupportedLanguages.CultureName(language)))
        with { PayLink = "https://betalen.waterbedrijf.nl/p/" + new string('x', 43) };

    public static TheoryData<string, string, string> EveryTemplate()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var language in SupportedLanguages.Codes)
            foreach (var kind in MessageNames.KindNames)
                foreach (var channel in MessageNames.ChannelNames)
                    data.Add(kind, channel, language);
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryTemplate))]
    public void EveryDefault_Renders_WithNoTemplateSyntaxLeft(string kind, string channel, string language)
    {
        MessageNames.TryParseKind(kind, out var k).ShouldBeTrue();
        MessageNames.TryParseChannel(channel, out var c).ShouldBeTrue();
        var template = DefaultTemplates.For(k, c, language);
        TemplateRenderer.Check(template, Sample(language)).ShouldBeEmpty();
        var rendered = MessageService.Compose(template, c, language, "Waterbedrijf Groningen", Sample(language));
        rendered.Text.ShouldNotContain("{{");
        rendered.Text.ShouldContain("Waterbedrijf Groningen");
        if (k != MessageKind.OneTimeCode) rendered.Text.ShouldContain("https://betalen.waterbedrijf.nl/p/", customMessage: "every message carries the pay link");
        if (c == MessageChannel.Email) rendered.Html!.ShouldContain($"<html lang=\"{language}\"");
    }

    [Fact]
    public void EveryDutchDefault_IsB1()
    {
        var failures = new List<string>();
        foreach (var kind in Enum.GetValues<MessageKind>())
            foreach (var channel in new[] { MessageChannel.Email, MessageChannel.Sms })
            {
                var text = MessageService.Compose(DefaultTemplates.For(kind, channel, "nl"), channel, "nl", "Waterbedrijf Groningen", Sample("nl")).Text;
                // The organisation's name is a proper noun the template cannot choose; the links are not words.
                var score = Readability.Score(EmailLayout.WithoutLinks(text).Replace("Waterbedrijf Groningen", "Wij", StringComparison.Ordinal));
                if (!score.IsB1) failures.Add($"{kind.Name()} by {channel.Name()}: {score}\n{text}");
            }
        failures.ShouldBeEmpty(string.Join("\n\n", failures));
    }

    [Theory]
    [InlineData("nl", 1)]
    [InlineData("en", 1)]
    [InlineData("tr", 3)]
    [InlineData("pl", 3)]
    [InlineData("ar", 3)]
    public void EveryTextMessage_WithAFullLengthLink_TakesAtMost(string language, int segments)
    {
        foreach (var kind in Enum.GetValues<MessageKind>())
        {
            var text = MessageService.Compose(DefaultTemplates.For(kind, MessageChannel.Sms, language), MessageChannel.Sms, language,
                "Waterbedrijf Groningen", Sample(language) with { Date = "30 september 2027" }).Text;
            SmsText.Segments(text).ShouldBeLessThanOrEqualTo(segments, $"{kind.Name()} in {language} ({text.Length} characters): {text}");
        }
    }

    [Theory]
    [InlineData(160, 1)]
    [InlineData(161, 2)]
    [InlineData(306, 2)]
    [InlineData(307, 3)]
    public void SmsText_Gsm7_CountsSegments(int length, int segments) => SmsText.Segments(new string('a', length)).ShouldBe(segments);

    [Fact]
    public void SmsText_EuroCountsTwice_AndOneNonGsmCharacterMakesItUcs2()
    {
        SmsText.Segments(new string('a', 159) + "€").ShouldBe(2);
        SmsText.Segments(new string('a', 70) + "ł").ShouldBe(2);
        SmsText.Segments(new string('a', 69) + "ł").ShouldBe(1);
    }

    [Theory]
    [InlineData("+31612345678", "06-••••5678")]
    [InlineData("+32470123456", "+32 ••••3456")]
    [InlineData("0612345678", "06-••••5678")]
    public void ContactMask_ShowsOnlyTheLastDigits(string phone, string masked) => ContactMask.Phone(phone).ShouldBe(masked);
}
