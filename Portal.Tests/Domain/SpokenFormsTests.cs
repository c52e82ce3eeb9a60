using System.Globalization;
using Portal.Domain;
using Portal.Domain.Language;
using Shouldly;

namespace Portal.Tests.Domain;

public class SpokenFormsTests
{
    private static readonly CultureInfo Dutch = CultureInfo.GetCultureInfo("nl-NL");
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    [Theory]
    [InlineData(1234.56, "1234 euro en 56 cent", "1234 euros and 56 cents")]
    [InlineData(45.00, "45 euro", "45 euros")]
    [InlineData(0.50, "50 cent", "50 cents")]
    [InlineData(1.01, "1 euro en 1 cent", "1 euro and 1 cent")]
    public void Amount_SaysEurosAndCents(decimal amount, string dutch, string english)
    {
        SpokenForms.Amount(new Money(amount, "EUR"), Dutch).ShouldBe(dutch);
        SpokenForms.Amount(new Money(amount, "EUR"), English).ShouldBe(english);
    }

    [Fact]
    public void Date_SaysTheDayOfTheWeek()
    {
        SpokenForms.Date(new DateOnly(2026, 3, 15), Dutch).ShouldBe("zondag 15 maart 2026");
        SpokenForms.Date(new DateOnly(2026, 3, 15), English).ShouldBe("Sunday 15 March 2026");
    }

    [Fact]
    public void Iban_IsReadInGroupsOfFour() =>
        SpokenForms.Iban("NL91ABNA0417164300").ShouldBe("N L 9 1, A B N A, 0 4 1 7, 1 6 4 3, 0 0");

    [Fact]
    public void Phone_IsReadDigitByDigitInItsGroups() => SpokenForms.Phone("020 123 45 67").ShouldBe("0 2 0, 1 2 3, 4 5, 6 7");

    [Fact]
    public void InvoiceNumber_IsReadCharacterByCharacter() => SpokenForms.InvoiceNumber("2026-0101").ShouldBe("2 0 2 6, 0 1 0 1");
}
