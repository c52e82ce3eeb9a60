using Portal.Domain.PayLinks;
using Shouldly;

namespace Portal.Tests.Domain;

public class PayLinkTokenTests
{
    [Fact]
    public void Create_Is43CharactersOfBase64Url()
    {
        var token = PayLinkToken.Create();
        token.Length.ShouldBe(43);
        token.ShouldAllBe(c => char.IsAsciiLetterOrDigit(c) || c == '-' || c == '_');
        PayLinkToken.IsWellFormed(token).ShouldBeTrue();
    }

    [Fact]
    public void Create_100000Tokens_HaveNoDuplicate()
    {
        var tokens = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < 100_000; i++) tokens.Add(PayLinkToken.Create());
        tokens.Count.ShouldBe(100_000);
    }

    [Theory]
    [InlineData("")]
    [InlineData("short")]
    [InlineData("!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public void IsWellFormed_Rubbish_IsFalse(string token) => PayLinkToken.IsWellFormed(token).ShouldBeFalse();

    [Fact]
    public void Hash_IsSha256OfTheToken()
    {
        var token = PayLinkToken.Create();
        PayLinkToken.Hash(token).Length.ShouldBe(32);
        PayLinkToken.Hash(token).ShouldBe(PayLinkToken.Hash(token));
    }

    [Fact]
    public void StateAt_ExpiryAndRevocation()
    {
        var now = new DateTime(2026, 11, 22, 9, 0, 0, DateTimeKind.Utc);
        var link = new PayLink(1, 1, new byte[32], "x", [], now, now.AddDays(1));
        link.StateAt(now).ShouldBe(PayLinkState.Active);
        link.StateAt(now.AddDays(1)).ShouldBe(PayLinkState.Expired);
        link.Revoke(now).ShouldBeTrue();
        link.StateAt(now).ShouldBe(PayLinkState.Revoked);
    }
}
