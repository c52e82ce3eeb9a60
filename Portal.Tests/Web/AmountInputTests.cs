using System.Globalization;
using Portal.Web.Customers;
using Shouldly;

namespace Portal.Tests.Web;

public class AmountInputTests
{
    private static readonly CultureInfo Dutch = CultureInfo.GetCultureInfo("nl-NL");
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    [Theory]
    [InlineData("1,250", 125000)]
    [InlineData("25.5", 2550)]
    [InlineData("25,50", 2550)]
    public void InEnglish_TheCommaGroupsThousands(string text, long minor)
    {
        AmountInput.TryParseMinor(text, English, out var parsed).ShouldBe(AmountInput.Result.Ok);
        parsed.ShouldBe(minor);
    }

    [Fact]
    public void ThreeDigitsAfterTheOtherSeparator_IsRefused_NotGuessed()
    {
        AmountInput.TryParseMinor("1.250", English, out _).ShouldBe(AmountInput.Result.Invalid);
        AmountInput.TryParseMinor("1,250", Dutch, out _).ShouldBe(AmountInput.Result.Invalid);
    }

    [Theory]
    [InlineData("25", 2500)]
    [InlineData("25,5", 2550)]
    [InlineData("25,50", 2550)]
    [InlineData("25.50", 2550)]
    [InlineData("€ 25,50", 2550)]
    [InlineData("25,-", 2500)]
    [InlineData(" 1.250,00 ", 125000)]
    [InlineData("1,250.00", 125000)]
    [InlineData("1.250", 125000)]
    [InlineData("1.250.000", 125000000)]
    [InlineData("1 250,75", 125075)]
    [InlineData("0,01", 1)]
    public void WhatPeopleType_IsRead(string text, long minor)
    {
        AmountInput.TryParseMinor(text, Dutch, out var parsed).ShouldBe(AmountInput.Result.Ok);
        parsed.ShouldBe(minor);
    }

    [Theory]
    [InlineData("25,505")]  // three decimals after a decimal comma that also groups
    [InlineData("25,5,0")]
    [InlineData("1.25.000")]
    [InlineData("12,34.56")]
    [InlineData("-10")]
    [InlineData("tien euro")]
    [InlineData("0")]
    [InlineData("0,00")]
    [InlineData("25,")]
    [InlineData("1.2345")]
    public void AnythingAmbiguousOrWrong_IsRefused(string text) =>
        AmountInput.TryParseMinor(text, Dutch, out _).ShouldBe(AmountInput.Result.Invalid);

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void Nothing_IsMissing(string? text) => AmountInput.TryParseMinor(text, Dutch, out _).ShouldBe(AmountInput.Result.Missing);
}
