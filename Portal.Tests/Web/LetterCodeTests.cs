using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Portal.Tests.Support;
using Shouldly;

namespace Portal.Tests.Web;

/// <summary>
/// For people without the link: the code on their letter and their postcode open the letter's pages at /code. A
/// wrong code and a wrong postcode answer alike; five tries per address an hour, and five per code before it is locked.
/// </summary>
public class LetterCodeTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private async Task<(HttpClient Api, string Code, string Url)> LetterAsync(string customerRef = "C-1")
    {
        // Each test starts an hour and more after the last one's tries, which all come from the test server's one address.
        factory.Clock.Advance(TimeSpan.FromHours(2));
        var organisation = await factory.CreateOrganisationAsync();
        var api = factory.CreateApiClient(organisation.ApiKey);
        (await api.PutJsonAsync($"/api/v1/customers/{customerRef}", new
        {
            name = "Sanne de Vries", address = new { line1 = "Dorpsstraat 1", postalCode = "1234 AB", city = "Voorbeeld", country = "NL" },
        })).EnsureSuccessStatusCode();
        await organisation.AddInvoiceAsync("F-1", customerRef, 64_20, factory.Clock.Today.AddDays(10));
        var made = await api.PostAsJsonAsync("/api/v1/pay-links", new { customerRef, letterCode = true });
        made.StatusCode.ShouldBe(HttpStatusCode.Created);
        var body = await made.JsonAsync();
        return (api, body.GetProperty("letterCode").GetString()!, body.GetProperty("letterCodeUrl").GetString()!);
    }

    private static Task<HttpResponseMessage> TryAsync(HttpClient browser, string code, string postcode) =>
        PayJourney.PostFormAsync(browser, "/code", ("Code", code), ("Postcode", postcode));

    private static async Task<string> RefusalAsync(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return (await Html.ParseAsync(response)).Text("#code-error");
    }

    private static string Wrong(string code) => code[0] == 'A' ? "B" + code[1..] : "A" + code[1..];

    [Fact]
    public async Task TheLetterCodeFromTheApi_WithThePostcode_OpensTheCustomersPages()
    {
        var (_, code, url) = await LetterAsync();
        code.ShouldMatch("^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$");
        url.ShouldEndWith("/code");
        var browser = factory.CreateBrowserClient();
        (await Html.ParseAsync(await browser.GetAsync("/code"))).Text("h1").ShouldBe("Code uit uw brief");

        var opened = await TryAsync(browser, " " + code.Replace("-", "").ToLowerInvariant() + " ", "1234ab");
        opened.StatusCode.ShouldBe(HttpStatusCode.SeeOther);
        opened.Headers.Location!.OriginalString.ShouldBe("/overview");
        var overview = await browser.GetAsync("/overview");
        overview.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Html.ParseAsync(overview)).Text("main").ShouldContain("F-1");
        factory.LogLines.ShouldNotContain(l => l.Contains(code) || l.Contains("1234 AB") || l.Contains("1234ab"), "no code or postcode in a log line");
    }

    [Fact]
    public async Task AWrongCodeAndAWrongPostcode_GetTheSameAnswer_AndFiveWrongPostcodesLockTheCode()
    {
        var (api, code, _) = await LetterAsync();
        var browser = factory.CreateBrowserClient();
        var wrongCode = await RefusalAsync(await TryAsync(browser, Wrong(code), "1234 AB"));
        var wrongPostcode = await RefusalAsync(await TryAsync(browser, code, "9999 ZZ"));
        wrongPostcode.ShouldBe(wrongCode, "a wrong postcode must not tell that the code exists");
        wrongCode.ShouldBe("De code en de postcode horen niet bij elkaar. Kijk of u ze goed heeft overgenomen.");
        factory.Clock.Advance(TimeSpan.FromHours(2)); // past the address's hour: what follows counts the code's own tries
        for (var i = 2; i <= 4; i++) (await RefusalAsync(await TryAsync(browser, code, "9999 ZZ"))).ShouldBe(wrongCode);
        (await RefusalAsync(await TryAsync(browser, code, "9999 ZZ"))).ShouldStartWith("Deze code werkt niet meer.", customMessage: "the fifth wrong postcode locks it");

        factory.Clock.Advance(TimeSpan.FromHours(2));
        (await RefusalAsync(await TryAsync(factory.CreateBrowserClient(), code, "1234 AB"))).ShouldStartWith("Deze code werkt niet meer.",
            customMessage: "locked, even with the right postcode");
        var again = await (await api.PostAsJsonAsync("/api/v1/pay-links", new { customerRef = "C-1", letterCode = true })).JsonAsync();
        var opened = await TryAsync(factory.CreateBrowserClient(), again.GetProperty("letterCode").GetString()!, "1234 AB");
        opened.StatusCode.ShouldBe(HttpStatusCode.SeeOther, "a new link brings a new code");
    }

    [Fact]
    public async Task FiveTriesFromOneAddress_ThenEvenTheRightCodeWaitsAnHour()
    {
        var (_, code, _) = await LetterAsync();
        var browser = factory.CreateBrowserClient();
        for (var i = 0; i < 5; i++) await RefusalAsync(await TryAsync(browser, "ZZZZ-ZZZ" + (char)('2' + i), "1234 AB"));
        (await RefusalAsync(await TryAsync(browser, code, "1234 AB"))).ShouldBe(
            "U heeft het te vaak geprobeerd. Probeer het over een uur opnieuw. Of bel het nummer op uw brief.");
        factory.Clock.Advance(TimeSpan.FromMinutes(61));
        (await TryAsync(browser, code, "1234 AB")).StatusCode.ShouldBe(HttpStatusCode.SeeOther);
    }

    [Fact]
    public async Task EmptyFields_AreNamed_AndACustomerWithoutAnAddressGetsNoLetterCode()
    {
        var browser = factory.CreateBrowserClient();
        var empty = await Html.ParseAsync(await TryAsync(browser, "", ""));
        empty.QuerySelectorAll(".error-summary a").Select(a => a.TextContent).ShouldBe(["Vul de code uit de brief in.", "Vul uw postcode in."]);

        var organisation = await factory.CreateOrganisationAsync();
        var api = factory.CreateApiClient(organisation.ApiKey);
        (await api.PutJsonAsync("/api/v1/customers/C-9", new { name = "Noor", email = "noor@example.nl" })).EnsureSuccessStatusCode();
        var refused = await api.PostAsJsonAsync("/api/v1/pay-links", new { customerRef = "C-9", letterCode = true });
        refused.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await refused.JsonAsync()).GetProperty("errors").EnumerateObject().Select(p => p.Name).ShouldBe(["letterCode"]);
        var plain = await (await api.PostAsJsonAsync("/api/v1/pay-links", new { customerRef = "C-9" })).JsonAsync();
        (!plain.TryGetProperty("letterCode", out var none) || none.ValueKind == JsonValueKind.Null).ShouldBeTrue("no letter code unless asked for");
    }
}
