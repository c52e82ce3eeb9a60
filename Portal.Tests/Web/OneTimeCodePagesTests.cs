using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Messages;
using Portal.Infrastructure.Customers;
using Portal.Infrastructure.Database;
using Portal.Infrastructure.Messages;
using Portal.Infrastructure.Verification;
using Portal.Tests.Support;
using Shouldly;

namespace Portal.Tests.Web;

/// <summary>
/// The one-time code flow a binding step sends the customer through: a code to a contact on file (masked), typed back
/// within ten minutes and five tries, then back to the step, proved once. Wrong, expired and used-up codes are told in
/// plain words; a code never shows up in the log.
/// </summary>
public class OneTimeCodePagesTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Start = "/verify?for=contact-details&return=/overview";

    private async Task<(TestOrganisation Organisation, HttpClient Browser)> OpenAsync()
    {
        var organisation = await factory.CreateOrganisationAsync();
        var api = factory.CreateApiClient(organisation.ApiKey);
        (await api.PutJsonAsync("/api/v1/customers/C-1", new { name = "Sanne de Vries", email = "sanne@example.nl", phone = "06 12345678" }))
            .EnsureSuccessStatusCode();
        return (organisation, await organisation.OpenAsCustomerAsync("C-1"));
    }

    /// <summary>The digits of the newest code message, read as the customer would read it in their mail.</summary>
    private Task<string> LatestCodeAsync(TestOrganisation organisation) => factory.WithScopeAsync(sp =>
    {
        var db = sp.GetRequiredService<PortalDbContext>();
        var message = db.Messages.Where(m => m.OrganisationId == organisation.Id && m.Kind == MessageKind.OneTimeCode).OrderByDescending(m => m.Id).First();
        var text = sp.GetRequiredService<MessageService>().Content(message).Text;
        return Task.FromResult(Regex.Match(text, @"\b\d{6}\b").Value);
    });

    private static async Task<HttpResponseMessage> SendCodeAsync(HttpClient browser, string channel = "email") =>
        await PayJourney.PostFormAsync(browser, Start, ("Channel", channel));

    private static Task<HttpResponseMessage> EnterAsync(HttpClient browser, string code) =>
        PayJourney.PostFormAsync(browser, "/verify/code?for=contact-details&return=%2Foverview", ("Code", code));

    private static string Other(string code) => code == "000000" ? "111111" : "000000";

    [Fact]
    public async Task RightCode_LeadsBackToTheStep_WhichSeesItProvedOnce()
    {
        var (organisation, browser) = await OpenAsync();
        var choose = await Html.ParseAsync(await browser.GetAsync(Start));
        choose.Text("legend").ShouldBe("Waar sturen we de code naartoe?");
        choose.Text("label").ShouldContain("s•••@example.nl");
        choose.Text("label").ShouldContain("06-••••5678");

        var sent = await SendCodeAsync(browser);
        sent.StatusCode.ShouldBe(HttpStatusCode.SeeOther);
        sent.Headers.Location!.OriginalString.ShouldBe("/verify/code?for=contact-details&return=%2Foverview");
        var codePage = await Html.ParseAsync(await browser.GetAsync(sent.Headers.Location.OriginalString));
        codePage.Text(".lead").ShouldContain("naar s•••@example.nl");
        codePage.QuerySelector("#code")!.GetAttribute("autocomplete").ShouldBe("one-time-code");
        codePage.QuerySelector("#code")!.GetAttribute("inputmode").ShouldBe("numeric");

        var code = await LatestCodeAsync(organisation);
        var entered = await EnterAsync(browser, code[..3] + " " + code[3..]);
        entered.StatusCode.ShouldBe(HttpStatusCode.SeeOther);
        entered.Headers.Location!.OriginalString.ShouldBe("/overview");

        var scope = await ScopeAsync(organisation);
        await factory.WithScopeAsync(async sp =>
        {
            var codes = sp.GetRequiredService<OneTimeCodeService>();
            (await codes.IsVerifiedAsync(scope, "contact-details")).ShouldBeTrue();
            (await codes.IsVerifiedAsync(scope, "dispute")).ShouldBeFalse("a code proves the step it was asked for, no other");
            (await codes.UseAsync(scope, "contact-details")).ShouldBeTrue();
            (await codes.IsVerifiedAsync(scope, "contact-details")).ShouldBeFalse("a code proves one step once");
            return true;
        });
        factory.LogLines.ShouldNotContain(l => l.Contains(code, StringComparison.Ordinal));
    }

    [Fact]
    public async Task WrongCode_SaysHowManyTriesAreLeft_AndAfterFiveEvenTheRightCodeIsRefused()
    {
        var (organisation, browser) = await OpenAsync();
        await SendCodeAsync(browser);
        var code = await LatestCodeAsync(organisation);

        var first = await EnterAsync(browser, Other(code));
        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await Html.ParseAsync(first);
        page.Title!.ShouldStartWith("Fout: ");
        page.Text(".error-summary").ShouldContain("Deze code klopt niet. U kunt het nog 4 keer proberen.");
        page.QuerySelector("#code")!.GetAttribute("aria-invalid").ShouldBe("true");
        for (var i = 0; i < 4; i++) await EnterAsync(browser, Other(code));

        var right = await Html.ParseAsync(await EnterAsync(browser, code));
        right.Text(".error-summary").ShouldContain("U heeft 5 keer een verkeerde code ingevuld. Vraag een nieuwe code.");
    }

    [Fact]
    public async Task CodeAfterTenMinutes_NoLongerWorks_AndANewOneIsOnlySentAfterAMinute()
    {
        var (organisation, browser) = await OpenAsync();
        await SendCodeAsync(browser);
        var code = await LatestCodeAsync(organisation);

        var tooSoon = await Html.ParseAsync(await PayJourney.PostFormAsync(browser, "/verify/code?for=contact-details&return=%2Foverview&handler=Resend",
            ("for", "contact-details"), ("return", "/overview")));
        tooSoon.Text(".error-summary").ShouldContain("U heeft net een code gekregen. Om ");

        factory.Clock.Advance(TimeSpan.FromMinutes(10));
        var expired = await Html.ParseAsync(await EnterAsync(browser, code));
        expired.Text(".error-summary").ShouldContain("Deze code werkt niet meer. Vraag een nieuwe code.");

        var again = await PayJourney.PostFormAsync(browser, "/verify/code?for=contact-details&return=%2Foverview&handler=Resend",
            ("for", "contact-details"), ("return", "/overview"));
        again.StatusCode.ShouldBe(HttpStatusCode.SeeOther);
        var newCode = await LatestCodeAsync(organisation);
        (await EnterAsync(browser, newCode)).StatusCode.ShouldBe(HttpStatusCode.SeeOther);
    }

    [Fact]
    public async Task ACodeBelongsToItsSession_AndTheWayBackStaysOnThisSite()
    {
        var (organisation, browser) = await OpenAsync();
        await PayJourney.PostFormAsync(browser, "/verify?for=contact-details&return=//evil.example/x", ("Channel", "sms"));
        var code = await LatestCodeAsync(organisation);

        var otherSession = await organisation.OpenAsCustomerAsync("C-1");
        var elsewhere = await otherSession.GetAsync("/verify/code?for=contact-details&return=%2Foverview");
        elsewhere.StatusCode.ShouldBe(HttpStatusCode.SeeOther, "the other session has no code of its own, so it is asked to get one");

        var back = await PayJourney.PostFormAsync(browser, "/verify/code?for=contact-details&return=%2F%2Fevil.example%2Fx", ("Code", code));
        back.Headers.Location!.OriginalString.ShouldBe("/overview");
        (await browser.GetAsync("/verify?for=something-else")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task NoChoice_IsAnErrorNamingTheField()
    {
        var (_, browser) = await OpenAsync();
        var page = await Html.ParseAsync(await PayJourney.PostFormAsync(browser, Start));
        page.Title!.ShouldStartWith("Fout: ");
        page.QuerySelector(".error-summary a")!.GetAttribute("href").ShouldBe("#contact-0");
        page.Text(".error-summary").ShouldContain("Kies waar we de code naartoe sturen.");
    }

    private Task<CustomerScope> ScopeAsync(TestOrganisation organisation) => factory.WithScopeAsync(sp =>
    {
        var db = sp.GetRequiredService<PortalDbContext>();
        var code = db.OneTimeCodes.Where(c => c.OrganisationId == organisation.Id).OrderByDescending(c => c.Id).First();
        return Task.FromResult(new CustomerScope(organisation.Id, code.CustomerId, code.PayLinkId, "test"));
    });
}
