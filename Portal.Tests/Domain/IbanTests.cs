using Portal.Domain.Payments;
using Shouldly;

namespace Portal.Tests.Domain;

public class IbanTests
{
    [Theory]
    [InlineData("NL91ABNA0417164300")]
    [InlineData("NL91 ABNA 0417 1643 00")]
    [InlineData("nl91abna0417164300")]
    [InlineData("BE68539007547034")]
    [InlineData("DE89370400440532013000")]
    public void WellFormedAccounts_AreValid(string iban) => Iban.IsValid(iban).ShouldBeTrue();

    [Theory]
    [InlineData("NL91ABNA0417164301")] // one digit mistyped
    [InlineData("NL19ABNA0417164300")] // check digits swapped
    [InlineData("NL91ABNA04171643")]   // too short
    [InlineData("NL91-ABNA-0417-1643-00")]
    [InlineData("")]
    [InlineData(null)]
    public void TyposAndJunk_AreNot(string? iban) => Iban.IsValid(iban).ShouldBeFalse();

    [Fact]
    public void Normalise_GivesTheFormBanksExchange() => Iban.Normalise(" nl91 abna 0417 1643 00 ").ShouldBe("NL91ABNA0417164300");
}
