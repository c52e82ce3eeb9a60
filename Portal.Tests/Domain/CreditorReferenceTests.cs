using Portal.Domain;
using Portal.Domain.Payments;
using Portal.Infrastructure.Payments;
using Shouldly;

namespace Portal.Tests.Domain;

public class CreditorReferenceTests
{
    [Theory]
    [InlineData("539007547034", "RF18539007547034")]
    [InlineData("DOSSIER2024000123", "RF83DOSSIER2024000123")]
    [InlineData("dossier-2024-000123", "RF83DOSSIER2024000123")]
    public void Create_ComputesIso11649CheckDigits(string reference, string expected)
    {
        CreditorReference.Create(reference).ShouldBe(expected);
        CreditorReference.IsValid(expected).ShouldBeTrue();
    }

    [Theory]
    [InlineData("RF19539007547034")]
    [InlineData("RF18539007547035")]
    [InlineData("XX18539007547034")]
    [InlineData("")]
    public void IsValid_Typo_IsCaught(string reference) => CreditorReference.IsValid(reference).ShouldBeFalse();

    [Theory]
    [InlineData("2026-0101", "RF4720260101")]
    [InlineData("ÄB-1", "RF14B1")]
    [InlineData("NL-2026-000000000000123456", "RF87026000000000000123456")]
    public void For_KeepsTheLettersAndDigits_TheLast21(string number, string expected) => CreditorReference.For(number).ShouldBe(expected);

    /// <summary>An invoice number without an ASCII letter or digit gave an empty reference, and the transfer page a 500.</summary>
    [Theory]
    [InlineData("---")]
    [InlineData("ÄÖÜ-ßé")]
    [InlineData("１２３")]
    [InlineData("٠١٢")]
    [InlineData(" ")]
    public void For_NumberWithoutAsciiLettersOrDigits_GivesAValidReferenceOfItsOwn(string number)
    {
        var reference = CreditorReference.For(number);
        CreditorReference.IsValid(reference).ShouldBeTrue(reference);
        reference.Length.ShouldBeLessThanOrEqualTo(25);
        CreditorReference.For(number).ShouldBe(reference);
        CreditorReference.For(number + "-").ShouldNotBe(reference);
    }

    [Fact]
    public void Format_GroupsOfFour() => CreditorReference.Format("RF18539007547034").ShouldBe("RF18 5390 0754 7034");

    [Fact]
    public void EpcPayload_MatchesTheGoldenString()
    {
        var transfer = new BankTransferService.Instructions("NL91ABNA0417164300", "Energie Zuid B.V.", new Money(125.50m, "EUR"),
            CreditorReference.Create("2026-0101"), ["2026-0101"]);
        transfer.Reference.ShouldBe("RF4720260101");
        BankTransferService.EpcPayload(transfer)
            .ShouldBe("BCD\n002\n1\nSCT\n\nEnergie Zuid B.V.\nNL91ABNA0417164300\nEUR125.50\n\nRF4720260101\n\n");
        BankTransferService.EpcQrSvg(transfer).ShouldStartWith("<svg");
    }
}
