using Portal.Domain.Messages;
using Portal.Domain.Verification;
using Shouldly;

namespace Portal.Tests.Domain;

public class OneTimeCodeTests
{
    private static readonly DateTime Now = new(2026, 12, 2, 10, 0, 0, DateTimeKind.Utc);

    private static (OneTimeCode Code, string Digits) Issue()
    {
        var code = OneTimeCode.Issue(1, 2, Guid.NewGuid(), "contact-details", MessageChannel.Email, "s@example.nl", Now, out var digits);
        return (code, digits);
    }

    private static string Wrong(string digits) => digits == "000000" ? "000001" : "000000";

    [Fact]
    public void Issue_MakesSixDigits_AndKeepsOnlyASaltedHash()
    {
        var (code, digits) = Issue();
        digits.ShouldMatch("^[0-9]{6}$");
        code.CodeHash.Length.ShouldBe(32);
        code.Salt.Length.ShouldBe(16);
        Convert.ToHexString(code.CodeHash).ShouldNotContain(digits);
        code.ExpiresAtUtc.ShouldBe(Now.AddMinutes(10));
    }

    [Fact]
    public void Check_RightCode_Verifies_Once()
    {
        var (code, digits) = Issue();
        code.Check(" " + digits[..3] + " " + digits[3..], Now.AddMinutes(9)).ShouldBe(CodeCheck.Verified);
        code.IsVerifiedAt(Now.AddMinutes(9)).ShouldBeTrue();
        code.Check(digits, Now.AddMinutes(9)).ShouldBe(CodeCheck.AlreadyUsed);
    }

    [Fact]
    public void Check_AfterTenMinutes_IsExpired_EvenWhenRight()
    {
        var (code, digits) = Issue();
        code.Check(digits, Now.AddMinutes(10)).ShouldBe(CodeCheck.Expired);
        code.VerifiedAtUtc.ShouldBeNull();
    }

    [Fact]
    public void Check_FiveWrongTries_UseItUp_SoTheRightCodeNoLongerWorks()
    {
        var (code, digits) = Issue();
        for (var i = 1; i <= 4; i++)
        {
            code.Check(Wrong(digits), Now).ShouldBe(CodeCheck.Wrong);
            code.TriesLeft.ShouldBe(5 - i);
        }
        code.Check(Wrong(digits), Now).ShouldBe(CodeCheck.NoTriesLeft);
        code.Check(digits, Now).ShouldBe(CodeCheck.NoTriesLeft);
    }

    [Fact]
    public void Use_ProvesOneStep_WithinFifteenMinutesOfVerifying()
    {
        var (code, digits) = Issue();
        code.Check(digits, Now).ShouldBe(CodeCheck.Verified);
        code.IsVerifiedAt(Now.AddMinutes(15)).ShouldBeFalse();
        code.Use(Now.AddMinutes(14)).ShouldBeTrue();
        code.Use(Now.AddMinutes(14)).ShouldBeFalse();
    }

    [Fact]
    public void NextAllowedAt_OncePerMinute_AndFiveAnHour()
    {
        DateTime? Next(IReadOnlyCollection<DateTime> issued) => OneTimeCode.NextAllowedAt(issued, Now, OneTimeCode.DefaultResendAfter, OneTimeCode.DefaultMaxPerHour);
        Next([]).ShouldBeNull();
        Next([Now.AddSeconds(-30)]).ShouldBe(Now.AddSeconds(30));
        Next([Now.AddSeconds(-61)]).ShouldBeNull();
        var five = Enumerable.Range(1, 5).Select(i => Now.AddMinutes(-10 * i)).ToList();
        Next(five).ShouldBe(Now.AddMinutes(-50).AddHours(1));
    }
}
