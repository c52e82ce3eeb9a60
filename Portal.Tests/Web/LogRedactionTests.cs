using Portal.Tests.Support;
using Portal.Web.Setup;
using Shouldly;

namespace Portal.Tests.Web;

/// <summary>
/// Even with request logging turned up to Information, the logs name the pay-link path but never the token,
/// and never an API key (ACCEPTANCE 19).
/// </summary>
public class LogRedactionTests(LogRedactionTests.ChattyFactory factory) : IClassFixture<LogRedactionTests.ChattyFactory>
{
    public sealed class ChattyFactory : PortalFactory
    {
        protected override IEnumerable<(string Key, string Value)> Settings =>
        [
            ("Logging:LogLevel:Default", "Information"), ("Logging:LogLevel:Microsoft.AspNetCore", "Information"),
            ("Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics", "Information"),
        ];
    }

    [Fact]
    public async Task RequestLogging_ShowsThePathWithTheTokenBlanked()
    {
        var organisation = await factory.CreateOrganisationAsync();
        await organisation.AddCustomerAsync("C-1");
        var link = await organisation.CreatePayLinkAsync("C-1");
        var browser = factory.CreateBrowserClient();
        await browser.GetAsync($"/p/{link.Token}");
        await factory.CreateApiClient(organisation.ApiKey).GetAsync("/api/v1/invoices");

        lock (factory.LogLines)
        {
            factory.LogLines.ShouldContain(line => line.Contains("/p/***"));
            factory.LogLines.ShouldAllBe(line => !line.Contains(link.Token));
            factory.LogLines.ShouldAllBe(line => !line.Contains(organisation.ApiKey));
        }
    }

    [Theory]
    [InlineData("Request starting HTTP/1.1 GET https://localhost/p/JMSM2Ra43eZZOehKs0oejxm2bmoBoLIHz1S9IJVibdA - - -", "Request starting HTTP/1.1 GET https://localhost/p/*** - - -")]
    [InlineData("Authorization: Bearer pk_cBMCnrAr1t22SLD1IhpHmgxQOHIlwauprBGgjFzhH08", "Authorization: Bearer ***")]
    [InlineData("key pk_cBMCnrAr1t22SLD1IhpHmgxQOHIlwauprBGgjFzhH08 issued", "key pk_*** issued")]
    [InlineData("secret whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "secret whsec_***")]
    [InlineData("GET /pay/return/0193 and /overview", "GET /pay/return/0193 and /overview")]
    [InlineData("Mandate for NL91ABNA0417164300 created", "Mandate for NL91 *** 4300 created")]
    [InlineData("account NL91 ABNA 0417 1643 00.", "account NL91 *** 4300.")]
    [InlineData("invoice NL12ABCD0000000001 is not an IBAN", "invoice NL12ABCD0000000001 is not an IBAN")]
    public void Redact_BlanksSecrets_AndLeavesTheRest(string text, string expected) =>
        SecretRedaction.Redact(text).ShouldBe(expected);
}
