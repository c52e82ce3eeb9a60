using Portal.Domain.Organisations;
using Shouldly;

namespace Portal.Tests.Organisations;

public class OrganisationProfileTests
{
    private static OrganisationProfile.Result From(string? name = "Waterbedrijf Noord", string? colour = "#0b5394", string? phone = "050 123 45 67",
        string? iban = "nl91 abna 0417 1643 00", string? holder = "Waterbedrijf Noord B.V.", string?[]? languages = null, string? sender = null) =>
        OrganisationProfile.From(name, colour, phone, iban, holder, languages ?? ["NL", "en"], sender);

    [Fact]
    public void From_ValidFields_GivesTheStoredForm()
    {
        var (profile, errors) = From(name: "  Waterbedrijf Noord ", sender: " Klantenservice Waterbedrijf ");

        errors.ShouldBeEmpty();
        profile!.Name.ShouldBe("Waterbedrijf Noord");
        profile.BrandColour.ShouldBe("#0B5394");
        profile.Iban.ShouldBe("NL91ABNA0417164300");
        profile.Languages.ShouldBe(["nl", "en"]);
        profile.SenderName.ShouldBe("Klantenservice Waterbedrijf");
    }

    [Fact]
    public void From_NothingGiven_NamesEveryRequiredField_ButNotSenderName()
    {
        var (profile, errors) = OrganisationProfile.From(null, null, null, null, null, null, null);

        profile.ShouldBeNull();
        errors.Select(e => e.Field).Distinct().Order().ShouldBe(["accountHolder", "brandColour", "iban", "languages", "name", "phone"]);
    }

    [Theory]
    [InlineData("NL91ABNA0417164301", "iban")] // one digit off: mod 97 fails
    [InlineData("NL91\u0000ABNA0417164300", "iban")]
    public void From_BadIban_IsNamed(string iban, string field) => From(iban: iban).Errors.Single().Field.ShouldBe(field);

    [Theory]
    [InlineData("blue")]
    [InlineData("#12345")]
    [InlineData("#FFFFF\n")]
    public void From_BadColour_IsNamed(string colour) => From(colour: colour).Errors.Single().Field.ShouldBe("brandColour");

    [Theory]
    [InlineData("Water\u0000bedrijf")]
    [InlineData("Water\nbedrijf")]
    public void From_NameThatCannotBeStoredOrShownOnOneLine_IsRefused(string name) =>
        From(name: name).Errors.Single().Field.ShouldBe("name");

    [Fact]
    public void From_HalfASurrogatePair_IsRefused_AWholeOneIsFine()
    {
        From(name: "Water" + '\ud800' + "bedrijf").Errors.Single().Field.ShouldBe("name");
        From(name: "Waterbedrijf \ud83d\udca7").Errors.ShouldBeEmpty();
    }

    [Fact]
    public void From_LongNames_AreRefused()
    {
        From(name: new string('a', 201)).Errors.Single().Field.ShouldBe("name");
        From(sender: new string('a', 101)).Errors.Single().Field.ShouldBe("senderName");
        From(sender: "   ").Errors.Single().Field.ShouldBe("senderName");
    }

    [Theory]
    [InlineData("0612345678x")]
    [InlineData("---")]
    [InlineData("")]
    public void From_BadPhone_IsNamed(string phone) => From(phone: phone).Errors.Single().Field.ShouldBe("phone");

    [Fact]
    public void From_Languages_OnlyFromTheSupportedList_EachOnce_AtLeastOne()
    {
        From(languages: ["nl", "de"]).Errors.Single().Message.ShouldContain("'de'");
        From(languages: ["nl", "NL"]).Errors.Single().Message.ShouldContain("twice");
        From(languages: [null]).Errors.Single().Field.ShouldBe("languages");
        From(languages: []).Errors.Single().Field.ShouldBe("languages");
        From(languages: [.. Enumerable.Repeat("de", 10_000)]).Errors.Single().Message.ShouldContain("At most 5");
        From(languages: ["ar", "tr", "pl", "en", "nl"]).Profile!.Languages.ShouldBe(["ar", "tr", "pl", "en", "nl"]);
    }

    [Fact]
    public void ChangeProfile_SaysWhichFieldsChanged()
    {
        var organisation = new Organisation(From().Profile!, DateTime.UtcNow);

        organisation.ChangeProfile(From().Profile!).ShouldBeEmpty();
        organisation.ChangeProfile(From(iban: "BE71096123456769", languages: ["en"]).Profile!).ShouldBe(["iban", "languages"]);
        organisation.Iban.ShouldBe("BE71096123456769");
        organisation.LanguageList.ShouldBe(["en"]);
    }
}
