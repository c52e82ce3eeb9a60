using Portal.Domain.DirectDebit;
using Shouldly;
using static Portal.Tests.Domain.CalendarOracle;

namespace Portal.Tests.Domain;

/// <summary>The creditor id, the organisation's direct-debit rules, IBAN masks, mandate references and the mandate itself.</summary>
public class DirectDebitRulesTests
{
    // ---- 7. CreditorId ----------------------------------------------------------------------------------------

    [Theory]
    [InlineData("NL57ZZZ999999999999")]
    [InlineData("DE98ZZZ09999999999")]     // Bundesbank's test creditor id
    [InlineData("nl57 zzz 9999 9999 9999")]
    [InlineData(" NL57ZZZ999999999999 ")]
    [InlineData("NL57ABC999999999999")]    // the business code is not part of the check
    public void CreditorId_WellFormed_IsValid(string id) => CreditorId.IsValid(id).ShouldBeTrue();

    [Theory]
    [InlineData("NL98ZZZ999999999999")]    // wrong check digits
    [InlineData("NL57ZZZ999999999998")]    // one digit mistyped
    [InlineData("DE89ZZZ09999999999")]
    [InlineData("")]
    [InlineData("NL")]
    [InlineData("NLxxZZZ1")]
    [InlineData("NL57-ZZZ-999999999999")]
    [InlineData(null)]
    public void CreditorId_Wrong_IsInvalid(string? id) => CreditorId.IsValid(id).ShouldBeFalse();

    // ---- 8. DirectDebitPolicy.Check ---------------------------------------------------------------------------

    [Theory]
    [InlineData(true, new[] { 1, 15, 25 }, 5, 1L, "NL57ZZZ999999999999", null)]
    [InlineData(false, new[] { 1, 15, 25 }, 5, 1L, null, null)]               // off, no creditor id yet: fine
    [InlineData(true, new[] { 1, 31 }, 1, 10_00L, "NL57ZZZ999999999999", null)] // the boundaries
    [InlineData(true, new[] { 28 }, 20, 1L, "nl57 zzz 9999 9999 9999", null)]
    [InlineData(true, new int[0], 5, 1L, "NL57ZZZ999999999999", "allowedDays")]
    [InlineData(true, new[] { 0 }, 5, 1L, "NL57ZZZ999999999999", "allowedDays")]
    [InlineData(true, new[] { 1, 32 }, 5, 1L, "NL57ZZZ999999999999", "allowedDays")]
    [InlineData(true, new[] { 15, 1, 15 }, 5, 1L, "NL57ZZZ999999999999", "allowedDays")]
    [InlineData(true, new[] { 1, 15 }, 0, 1L, "NL57ZZZ999999999999", "leadBusinessDays")]
    [InlineData(true, new[] { 1, 15 }, 21, 1L, "NL57ZZZ999999999999", "leadBusinessDays")]
    [InlineData(true, new[] { 1, 15 }, 5, 0L, "NL57ZZZ999999999999", "firstPaymentAmount")]
    [InlineData(true, new[] { 1, 15 }, 5, 10_01L, "NL57ZZZ999999999999", "firstPaymentAmount")]
    [InlineData(true, new[] { 1, 15 }, 5, 1L, "NL98ZZZ999999999999", "creditorId")]
    [InlineData(false, new[] { 1, 15 }, 5, 1L, "NL98ZZZ999999999999", "creditorId")] // wrong even while off
    [InlineData(true, new[] { 1, 15 }, 5, 1L, null, "creditorId")]
    public void Policy_Check_NamesTheFieldThatIsWrong(bool enabled, int[] days, int lead, long firstMinor, string? creditorId, string? field)
    {
        var errors = new DirectDebitPolicy(enabled, days, lead, firstMinor, creditorId).Check();
        if (field is null) errors.ShouldBeEmpty();
        else
        {
            errors.Count.ShouldBe(1, string.Join("; ", errors));
            errors[0].Field.ShouldBe(field);
            errors[0].Message.ShouldNotBeNullOrWhiteSpace();
        }
    }

    [Fact]
    public void Policy_Default_IsSound_AndOrdersDays()
    {
        DirectDebitPolicy.Default.Check().ShouldBeEmpty();
        DirectDebitPolicy.Default.Enabled.ShouldBeFalse();
        new DirectDebitPolicy(true, [25, 1, 15], 5, 1, "NL57ZZZ999999999999").Days.ShouldBe(new[] { 1, 15, 25 });
    }

    [Fact]
    public void Policy_EverythingWrong_NamesEveryField()
    {
        var fields = new DirectDebitPolicy(true, [], 0, 0, null).Check().Select(e => e.Field).ToList();
        fields.ShouldBe(new[] { "allowedDays", "leadBusinessDays", "firstPaymentAmount", "creditorId" }, ignoreOrder: true);
    }

    // ---- 9. IbanMask and MandateReference ---------------------------------------------------------------------

    [Theory]
    [InlineData("NL91 ABNA 0417 1643 00", "NL91 •••• 4300")]
    [InlineData("NL91ABNA0417164300", "NL91 •••• 4300")]
    [InlineData("nl91abna0417164300", "NL91 •••• 4300")]
    [InlineData("DE89370400440532013000", "DE89 •••• 3000")]
    public void IbanMask_ShowsCountryCheckDigitsAndLastFour(string iban, string masked) => IbanMask.Of(iban).ShouldBe(masked);

    [Fact]
    public void MandateReference_PortalsOwn_AreValid()
    {
        MandateReference.Make(12, 345, 1).ShouldBe("PORTAL-12-345-1");
        MandateReference.IsValid(MandateReference.Make(12, 345, 1)).ShouldBeTrue();
        MandateReference.IsValid(MandateReference.Make(123456, 9876543, 12)).ShouldBeTrue();
    }

    [Theory]
    [InlineData("A")]
    [InlineData("REF 2026/01 (x), y: +?-'.")]
    public void MandateReference_AllowedCharacters_AreValid(string reference) =>
        MandateReference.IsValid(reference).ShouldBeTrue();

    [Fact]
    public void MandateReference_35Characters_IsValid_36IsNot()
    {
        MandateReference.IsValid(new string('A', 35)).ShouldBeTrue();
        MandateReference.IsValid(new string('A', 36)).ShouldBeFalse();
    }

    [Theory]
    [InlineData("PORTAL_12_345_1")]
    [InlineData(" PORTAL-12-345-1")]
    [InlineData("PORTAL-12-345-1 ")]
    [InlineData("")]
    [InlineData("PORTAL-12-€")]
    [InlineData(null)]
    public void MandateReference_Wrong_IsInvalid(string? reference) => MandateReference.IsValid(reference).ShouldBeFalse();

    // ---- 10. Mandate ------------------------------------------------------------------------------------------

    private static readonly DateTime Now = new(2026, 12, 2, 10, 0, 0, DateTimeKind.Utc);
    private const string FullIban = "NL91 ABNA 0417 1643 00";

    private static Mandate NewMandate(MandateSource source) =>
        new(12, 345, source, MandateReference.Make(12, 345, 1), FullIban, "J. de Vries", D(2026, 12, 2), "consent text", Now);

    [Theory]
    [InlineData(MandateSource.Erp)]
    [InlineData(MandateSource.Iban)]
    public void Mandate_FromErpOrIban_StartsValid(MandateSource source)
    {
        var mandate = NewMandate(source);
        mandate.Status.ShouldBe(MandateStatus.Valid);
        mandate.IsUsable.ShouldBeTrue();
    }

    [Fact]
    public void Mandate_ByFirstPayment_IsPending_UntilMollieHoldsItValid()
    {
        var mandate = NewMandate(MandateSource.FirstPayment);
        mandate.Status.ShouldBe(MandateStatus.Pending);
        mandate.IsUsable.ShouldBeFalse();

        mandate.HeldAtMollie("cst_1", "mdt_1", valid: false);
        mandate.Status.ShouldBe(MandateStatus.Pending);
        mandate.IsUsable.ShouldBeFalse();

        mandate.HeldAtMollie("cst_1", "mdt_1", valid: true);
        mandate.Status.ShouldBe(MandateStatus.Valid);
        mandate.IsUsable.ShouldBeTrue();
        mandate.MollieCustomerId.ShouldBe("cst_1");
        mandate.MollieMandateId.ShouldBe("mdt_1");
    }

    [Fact]
    public void Mandate_Revoke_EndsItOnce_AndKeepsTheReason()
    {
        var mandate = NewMandate(MandateSource.Erp);
        mandate.Revoke("MD01", Now.AddDays(3)).ShouldBeTrue();
        mandate.Status.ShouldBe(MandateStatus.Revoked);
        mandate.IsUsable.ShouldBeFalse();
        mandate.RevokedReason.ShouldBe("MD01");
        mandate.RevokedAtUtc.ShouldBe(Now.AddDays(3));

        mandate.Revoke("customer stopped it", Now.AddDays(5)).ShouldBeFalse();
        mandate.RevokedReason.ShouldBe("MD01");
        mandate.RevokedAtUtc.ShouldBe(Now.AddDays(3));
    }

    [Fact]
    public void Mandate_Revoked_IsNotRevivedByMollie()
    {
        var mandate = NewMandate(MandateSource.FirstPayment);
        mandate.Revoke("AC04", Now).ShouldBeTrue();
        mandate.HeldAtMollie("cst_1", "mdt_1", valid: true);
        mandate.Status.ShouldBe(MandateStatus.Revoked);
        mandate.IsUsable.ShouldBeFalse();
    }

    [Fact]
    public void Mandate_KeepsTheIbanOnlyMasked()
    {
        var mandate = NewMandate(MandateSource.Iban);
        mandate.IbanMasked.ShouldBe("NL91 •••• 4300");
        mandate.IbanMasked.ShouldNotContain("NL91ABNA0417164300");
        mandate.IbanMasked.ShouldNotContain("ABNA");
        mandate.IbanMasked.ShouldNotContain("0417");
        mandate.IbanMasked.Replace(" ", "").ShouldNotContain("0417164300");
        mandate.Reference.ShouldBe("PORTAL-12-345-1");
    }

    [Fact]
    public void Mandate_WithAnInvalidReference_IsRefused() =>
        Should.Throw<ArgumentException>(() =>
            new Mandate(12, 345, MandateSource.Erp, "PORTAL_12", FullIban, "J. de Vries", D(2026, 12, 2), "consent", Now));
}
