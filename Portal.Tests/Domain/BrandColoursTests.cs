using Portal.Domain.Organisations;
using Shouldly;

namespace Portal.Tests.Domain;

public class BrandColoursTests
{
    [Theory]
    [InlineData("#0B5394", "#FFFFFF")]
    [InlineData("#FFDD00", "#0B0C0C")]
    public void TextColourOn_PicksTheReadableOne(string brand, string text) => BrandColours.TextColourOn(brand).ShouldBe(text);

    [Fact]
    public void ContrastRatio_BlackOnWhite_Is21() => BrandColours.ContrastRatio("#000000", "#FFFFFF").ShouldBe(21, 0.01);

    [Theory]
    [InlineData("blue")]
    [InlineData("#12345")]
    [InlineData("#GGGGGG")]
    [InlineData("# 12345")]
    [InlineData("#FFFFF\n")]
    [InlineData("#-12345")]
    public void IsValid_NotHexColour_IsFalse(string colour) => BrandColours.IsValid(colour).ShouldBeFalse();
}
