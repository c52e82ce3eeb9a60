using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Messages;
using Portal.Infrastructure.Database;
using Portal.Infrastructure.Messages;
using Portal.Tests.Arrangements;
using Portal.Tests.Support;
using Shouldly;

namespace Portal.Tests.Web;

/// <summary>
/// "Mijn gegevens": the customer changes their own contact details after a code to a contact on file, a new e-mail
/// address only once a code sent to it came back; the ERP hears it, and a later update from the ERP that still sends
/// the old value does not undo it.
/// </summary>
public class ContactPagesTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private Task<(TestOrganisation Organisation, HttpClient Api, HttpClient Browser)> OpenAsync(object? customer = null) => OpenAsync(factory, customer);

    internal static async Task<(TestOrganisation Organisation, HttpClient Api, HttpClient Browser)> OpenAsync(PortalFactory factory, object? customer = null)
    {
        var organisation = await factory.CreateOrganisationAsync();
        var api = factory.CreateApiClient(organisation.ApiKey);
        (await api.PutJsonAsync("/api/v1/customers/C-1", customer ?? new
        {
            name = "Sanne de Vries", email = "sanne@example.nl", phone = "06 12345678",
            address = new { line1 = "Dorpsstraat 1", postalCode = "1234 AB", city = "Voorbeeld", country = "NL" },
        })).EnsureSuccessStatusCode();
        await organisation.AddInvoiceAsync("F-1", "C-1", 64_20, new DateOnly(2026, 12, 10));
        return (organisation, api, await organisation.OpenAsCustomerAsync("C-1"));
    }

    /// <summary>The newest code message: where it went and its digits, read as the customer would read it.</summary>
    private static Task<(string Recipient, string Code)> LatestCodeAsync(TestOrganisation organisation) => organisation.Factory.WithScopeAsync(sp =>
    {
        var message = sp.GetRequiredService<PortalDbContext>().Messages
            .Where(m => m.OrganisationId == organisation.Id && m.Kind == MessageKind.OneTimeCode).OrderByDescending(m => m.Id).First();
        var text = sp.GetRequiredService<MessageService>().Content(message).Text;
        return Task.FromResult((message.Recipient, Regex.Match(text, @"\b\d{6}\b").Value));
    });

    internal static async Task ProveAsync(TestOrganisation organisation, HttpClient browser)
    {
        (await PayJourney.PostFormAsync(browser, "/verify?for=contact-details&return=%2Fcontact", ("Channel", "email"))).EnsureSuccessOrRedirect();
        var (_, code) = await LatestCodeAsync(organisation);
        var entered = await PayJourney.PostFormAsync(browser, "/verify/code?for=contact-details&return=%2Fcontact", ("Code", code));
        entered.Headers.Location!.OriginalString.ShouldBe("/contact");
    }

    internal static (string, string)[] Form(string email = "sanne@example.nl", string phone = "06 12345678", string postalCode = "1234 AB",
        string channel = "email", string language = "") =>
        [("Email", email), ("Phone", phone), ("Line1", "Dorpsstraat 1"), ("Line2", ""), ("PostalCode", postalCode), ("City", "Voorbeeld"),
            ("Country", "NL"), ("Channel", channel), ("Language", language)];

    private static async Task<JsonElement> CustomerAsync(HttpClient api) => await (await api.GetAsync("/api/v1/customers/C-1")).JsonAsync();

    [Fact]
    public async Task ACustomer_ChangesTheirEmail_WithACodeOnFileAndOneToTheNewAddress_TheErpHearsIt_AndAnOldValueFromTheErpDoesNotUndoIt()
    {
        var (organisation, api, browser) = await OpenAsync();
        var shown = await Html.ParseAsync(await browser.GetAsync("/contact"));
        shown.QuerySelector("aside.help a[href='/contact']")!.TextContent.ShouldBe("Verander uw gegevens");
        shown.Text("dl").ShouldContain("s•••@example.nl");
        shown.Text("dl").ShouldNotContain("sanne@example.nl", Case.Sensitive, "before the code, the details are masked");
        shown.QuerySelector("input[name=Email]").ShouldBeNull();
        shown.QuerySelector("main a.button")!.GetAttribute("href").ShouldBe("/verify?for=contact-details&return=%2Fcontact");

        await ProveAsync(organisation, browser);
        var form = await Html.ParseAsync(await browser.GetAsync("/contact"));
        form.QuerySelector("input[name=Email]")!.GetAttribute("value").ShouldBe("sanne@example.nl");
        form.QuerySelector("input[name=Phone]")!.GetAttribute("value").ShouldBe("06 12345678");

        var changed = await PayJourney.PostFormAsync(browser, "/contact", Form(email: "nieuw@example.nl"));
        changed.Headers.Location!.OriginalString.ShouldBe("/contact/confirm");
        var (recipient, code) = await LatestCodeAsync(organisation);
        recipient.ShouldBe("nieuw@example.nl", "the code proves the new address reaches the customer");
        (await CustomerAsync(api)).GetProperty("email").GetString().ShouldBe("sanne@example.nl", "nothing changes before the new address is proved");

        var confirm = await Html.ParseAsync(await browser.GetAsync("/contact/confirm"));
        confirm.QuerySelector("label[for=email-code]")!.TextContent.ShouldContain("n•••@example.nl");
        confirm.QuerySelector("#phone-code").ShouldBeNull("the number did not change");
        var wrong = await PayJourney.PostFormAsync(browser, "/contact/confirm", ("EmailCode", code == "000000" ? "111111" : "000000"));
        wrong.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Html.ParseAsync(wrong)).Text(".error-summary").ShouldContain("Deze code klopt niet.");
        var right = await PayJourney.PostFormAsync(browser, "/contact/confirm", ("EmailCode", code));
        right.Headers.Location!.OriginalString.ShouldBe("/contact?saved=true");
        (await Html.ParseAsync(await browser.GetAsync("/contact?saved=true"))).Text(".notice").ShouldBe("Uw gegevens zijn veranderd. Dank u wel.");

        (await CustomerAsync(api)).GetProperty("email").GetString().ShouldBe("nieuw@example.nl");
        var changedEvent = (await ArrangementPagesTests.EventsAsync(api)).Single(e => e.Type == "customer.contact_changed").Data;
        changedEvent.GetProperty("customerRef").GetString().ShouldBe("C-1");
        changedEvent.GetProperty("changed").EnumerateArray().Select(f => f.GetString()).ShouldBe(["email"]);
        changedEvent.GetProperty("email").GetString().ShouldBe("nieuw@example.nl");
        changedEvent.GetProperty("phone").GetString().ShouldBe("+31612345678");
        changedEvent.GetProperty("address").GetProperty("postalCode").GetString().ShouldBe("1234 AB");

        // The ERP's nightly sync still sends the old address (it has not read the event yet): the customer's stays.
        (await api.PutJsonAsync("/api/v1/customers/C-1", new { name = "Sanne de Vries", email = "sanne@example.nl", phone = "06 12345678" }))
            .EnsureSuccessStatusCode();
        var afterStale = await CustomerAsync(api);
        afterStale.GetProperty("email").GetString().ShouldBe("nieuw@example.nl");
        afterStale.GetProperty("address").ValueKind.ShouldBe(JsonValueKind.Null, "the address the customer did not touch is the ERP's to set");
        // So does a batch.
        (await api.PostAsync("/api/v1/invoices/batch", ApiJson.Raw(
            """{"customers":[{"customerRef":"C-1","name":"Sanne de Vries","email":"sanne@example.nl","phone":"06 12345678"}],"invoices":[]}""")))
            .EnsureSuccessStatusCode();
        (await CustomerAsync(api)).GetProperty("email").GetString().ShouldBe("nieuw@example.nl");
        // Once the ERP sends anything else, the ERP's value counts again: it is the master.
        (await api.PutJsonAsync("/api/v1/customers/C-1", new { name = "Sanne de Vries", email = "erp@example.nl" })).EnsureSuccessStatusCode();
        (await CustomerAsync(api)).GetProperty("email").GetString().ShouldBe("erp@example.nl");
        (await api.PutJsonAsync("/api/v1/customers/C-1", new { name = "Sanne de Vries", email = "sanne@example.nl" })).EnsureSuccessStatusCode();
        (await CustomerAsync(api)).GetProperty("email").GetString().ShouldBe("sanne@example.nl", "no longer protected once the ERP took over");

        factory.LogLines.ShouldNotContain(l => l.Contains("nieuw@example.nl") || l.Contains("sanne@example.nl"), "no e-mail address in a log line");
    }

    [Fact]
    public async Task AnAddressChange_IsSavedAtOnceAfterTheCode_AndABadPostcodeIsRefusedByField()
    {
        var (organisation, api, browser) = await OpenAsync();
        await ProveAsync(organisation, browser);
        var bad = await PayJourney.PostFormAsync(browser, "/contact", Form(postalCode: "12345"));
        bad.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await Html.ParseAsync(bad);
        page.QuerySelectorAll(".error-summary a").Select(a => (a.TextContent, a.GetAttribute("href")))
            .ShouldBe([("Vul een postcode in zoals 1234 AB.", "#postal-code")]);
        page.QuerySelector("#postal-code")!.GetAttribute("aria-invalid").ShouldBe("true");

        var nothing = await Html.ParseAsync(await PayJourney.PostFormAsync(browser, "/contact", Form(phone: "+31 6 1234 5678")));
        nothing.Text(".notice").ShouldBe("U heeft niets veranderd. Uw gegevens blijven zoals ze waren.", "the same number written another way");

        var saved = await PayJourney.PostFormAsync(browser, "/contact", Form(postalCode: "5678cd", channel: "letter"));
        saved.Headers.Location!.OriginalString.ShouldBe("/contact?saved=true", "no new e-mail address or number: nothing more to prove");
        var customer = await CustomerAsync(api);
        customer.GetProperty("address").GetProperty("postalCode").GetString().ShouldBe("5678 CD");
        customer.GetProperty("preferredChannel").GetString().ShouldBe("letter");
        (await ArrangementPagesTests.EventsAsync(api)).Single(e => e.Type == "customer.contact_changed").Data
            .GetProperty("changed").EnumerateArray().Select(f => f.GetString()).ShouldBe(["address", "preferredChannel"]);

        var again = await Html.ParseAsync(await browser.GetAsync("/contact"));
        again.QuerySelector("input[name=Email]").ShouldBeNull("the code proved one change");
    }

    [Fact]
    public async Task ACustomerWithoutEmailOrNumber_IsToldToCall_AndCannotChangeAnything()
    {
        var (_, _, browser) = await OpenAsync(new { name = "Sanne de Vries" });
        var page = await Html.ParseAsync(await browser.GetAsync("/contact"));
        page.Text("main").ShouldContain("Daarom kunnen wij u geen code sturen.");
        page.QuerySelector("main a.button").ShouldBeNull();
        page.QuerySelector("main form").ShouldBeNull();
    }
}
