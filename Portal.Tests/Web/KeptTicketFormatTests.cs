using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Portal.Tests.Support;
using Portal.Web.Customers;
using Shouldly;

namespace Portal.Tests.Web;

/// <summary>A session cookie is unprotected once per node and its reading kept a while; what was refused never is.</summary>
public class KeptTicketFormatTests
{
    private sealed class CountingFormat : ISecureDataFormat<AuthenticationTicket>
    {
        public int Unprotects;

        public string Protect(AuthenticationTicket data) => "cookie:" + data.Principal.FindFirstValue("portal:pay_link");
        public string Protect(AuthenticationTicket data, string? purpose) => Protect(data);
        public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, null);

        public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
        {
            Unprotects++;
            if (protectedText?.StartsWith("cookie:", StringComparison.Ordinal) != true) return null;
            var identity = new ClaimsIdentity([new Claim("portal:pay_link", protectedText["cookie:".Length..])], "Customer");
            return new AuthenticationTicket(new ClaimsPrincipal(identity), new AuthenticationProperties(), "Customer");
        }
    }

    [Fact]
    public void TheSameCookie_IsUnprotectedOnce_AndEachRequestGetsItsOwnPrincipal()
    {
        var inner = new CountingFormat();
        var format = new KeptTicketFormat(inner, new TestClock());

        var first = format.Unprotect("cookie:abc")!;
        var second = format.Unprotect("cookie:abc")!;

        inner.Unprotects.ShouldBe(1);
        second.Principal.FindFirstValue("portal:pay_link").ShouldBe("abc");
        second.Principal.ShouldNotBeSameAs(first.Principal);
        format.Unprotect("cookie:other")!.Principal.FindFirstValue("portal:pay_link").ShouldBe("other");
        inner.Unprotects.ShouldBe(2);
    }

    [Fact]
    public async Task TheCustomersSession_ReadsItsCookieThroughIt()
    {
        await using var app = new PortalFactory();
        var options = app.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(CustomerSession.Scheme);
        options.TicketDataFormat.ShouldBeOfType<KeptTicketFormat>();
    }

    [Fact]
    public void ARefusedCookie_IsAskedAgain_AndAKeptOneOnlyForAWhile()
    {
        var inner = new CountingFormat();
        var clock = new TestClock();
        var format = new KeptTicketFormat(inner, clock);

        format.Unprotect("forged").ShouldBeNull();
        format.Unprotect("forged").ShouldBeNull();
        inner.Unprotects.ShouldBe(2);

        format.Unprotect("cookie:abc").ShouldNotBeNull();
        clock.Advance(KeptTicketFormat.KeepFor + TimeSpan.FromSeconds(1));
        format.Unprotect("cookie:abc").ShouldNotBeNull();
        inner.Unprotects.ShouldBe(4);
    }
}
