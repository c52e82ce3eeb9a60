using System.Net;
using Portal.Tests.Support;
using Shouldly;

namespace Portal.Tests.Messages;

/// <summary>What the ERP sees of messages: the channel chosen or preferred, a clear 422 when it cannot reach the customer that way, a list.</summary>
public class MessageApiTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private TestOrganisation? _organisation;

    private async Task<HttpClient> WithCustomerAsync(object customer)
    {
        _organisation = await factory.CreateOrganisationAsync();
        var api = factory.CreateApiClient(_organisation.ApiKey);
        (await api.PutJsonAsync("/api/v1/customers/C-1", customer)).EnsureSuccessStatusCode();
        return api;
    }

    [Fact]
    public async Task Send_WithoutChannel_UsesThePreferredOne()
    {
        var api = await WithCustomerAsync(new { name = "Sanne", email = "sanne@example.nl", phone = "0612345678", preferredChannel = "sms" });
        var customer = await (await api.GetAsync("/api/v1/customers/C-1")).JsonAsync();
        customer.GetProperty("preferredChannel").GetString().ShouldBe("sms");

        var response = await api.PostAsync("/api/v1/messages", ApiJson.Raw("""{"customerRef":"C-1","kind":"reminder"}"""));
        response.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await response.JsonAsync()).GetProperty("channel").GetString().ShouldBe("sms");
        var item = (await (await api.GetAsync("/api/v1/messages?customerRef=C-1&status=queued")).JsonAsync()).GetProperty("items")[0];
        item.GetProperty("to").GetString().ShouldBe("06-••••5678");
    }

    [Fact]
    public async Task PutCustomer_WithoutPreferredChannel_KeepsTheStoredOne()
    {
        var api = await WithCustomerAsync(new { name = "Sanne", email = "sanne@example.nl", preferredChannel = "email" });
        (await api.PutJsonAsync("/api/v1/customers/C-1", new { name = "Sanne de Vries", email = "sanne@example.nl" })).EnsureSuccessStatusCode();
        (await (await api.GetAsync("/api/v1/customers/C-1")).JsonAsync()).GetProperty("preferredChannel").GetString().ShouldBe("email");
    }

    [Theory]
    [InlineData("""{"customerRef":"C-1","kind":"reminder","channel":"email"}""", "channel", "no e-mail address")]
    [InlineData("""{"customerRef":"C-1","kind":"reminder","channel":"pigeon"}""", "channel", "one of email, sms, letter")]
    [InlineData("""{"customerRef":"C-1","kind":"one-time-code"}""", "kind", "Portal sends")]
    [InlineData("""{"customerRef":"C-1","kind":"newsletter"}""", "kind", "one of pay-link")]
    [InlineData("""{"customerRef":"C-2","kind":"reminder"}""", "customerRef", "no customer")]
    [InlineData("""{"customerRef":"C-1","kind":"reminder","invoiceNumbers":["F-404"]}""", "invoiceNumbers", "no invoice F-404")]
    [InlineData("""{"customerRef":"C-1","kind":"reminder","channel":"letter"}""", "channel", "no postal address")]
    public async Task Send_ThatCannotReachTheCustomer_Is422NamingTheField_AndNothingIsQueued(string body, string field, string says)
    {
        var api = await WithCustomerAsync(new { name = "Sanne", phone = "0612345678" });
        var response = await api.PostAsync("/api/v1/messages", ApiJson.Raw(body));
        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await response.JsonAsync()).GetProperty("errors").GetProperty(field)[0].GetString()!.ShouldContain(says, Case.Insensitive);
        (await (await api.GetAsync("/api/v1/messages")).JsonAsync()).GetProperty("items").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task PayLinkWithSend_ToACustomerWithoutEmail_Is422_AndNoLinkIsMade()
    {
        var api = await WithCustomerAsync(new { name = "Sanne", phone = "0612345678" });
        var response = await api.PostAsync("/api/v1/pay-links", ApiJson.Raw("""{"customerRef":"C-1","send":{"channel":"email"}}"""));
        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await response.JsonAsync()).GetProperty("errors").TryGetProperty("send.channel", out _).ShouldBeTrue();
        var links = await factory.WithScopeAsync(sp => Task.FromResult(
            Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Portal.Infrastructure.Database.PortalDbContext>(sp)
                .PayLinks.Count(p => p.OrganisationId == _organisation!.Id)));
        links.ShouldBe(0, "the link and the message that carries it are stored together, or neither is");
        (await (await api.GetAsync("/api/v1/messages")).JsonAsync()).GetProperty("items").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task List_PagesNewestFirst_WithACursor()
    {
        var api = await WithCustomerAsync(new { name = "Sanne", email = "sanne@example.nl" });
        for (var i = 0; i < 3; i++)
            (await api.PostAsync("/api/v1/messages", ApiJson.Raw("""{"customerRef":"C-1","kind":"reminder"}"""))).EnsureSuccessStatusCode();
        var first = await (await api.GetAsync("/api/v1/messages?limit=2")).JsonAsync();
        var ids = first.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()).ToList();
        ids.Count.ShouldBe(2);
        ids[0].ShouldBeGreaterThan(ids[1]);
        var second = await (await api.GetAsync($"/api/v1/messages?limit=2&cursor={first.GetProperty("nextCursor").GetString()}")).JsonAsync();
        second.GetProperty("items").EnumerateArray().ShouldHaveSingleItem().GetProperty("id").GetInt64().ShouldBeLessThan(ids[1]);
        second.GetProperty("nextCursor").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
    }

    [Fact]
    public async Task Letter_IsAPdf_InALeftToRightLanguage_ForTheOrganisationOnly_AndFetchingItMarksItSent()
    {
        var api = await WithCustomerAsync(new
        {
            name = "Fatma Yilmaz", language = "ar",
            address = new { line1 = "Dorpsstraat 12", postalCode = "9712 AB", city = "Groningen", country = "NL" },
        });
        var queued = await (await api.PostAsync("/api/v1/messages", ApiJson.Raw("""{"customerRef":"C-1","kind":"reminder","channel":"letter"}"""))).JsonAsync();
        var id = queued.GetProperty("id").GetInt64();
        var item = (await (await api.GetAsync("/api/v1/messages")).JsonAsync()).GetProperty("items")[0];
        item.GetProperty("status").GetString().ShouldBe("queued", "a letter waits until the ERP fetches it");
        item.GetProperty("to").GetString().ShouldBe("Fatma Yilmaz");

        var pdf = await api.GetAsync($"/api/v1/messages/{id}/letter.pdf");
        pdf.StatusCode.ShouldBe(HttpStatusCode.OK);
        pdf.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        var bytes = await pdf.Content.ReadAsByteArrayAsync();
        System.Text.Encoding.ASCII.GetString(bytes, 0, 5).ShouldBe("%PDF-");
        (await (await api.GetAsync("/api/v1/messages")).JsonAsync()).GetProperty("items")[0].GetProperty("status").GetString().ShouldBe("sent");
        (await api.GetStringAsync("/api/v1/events")).ShouldContain("\"message.sent\"");

        var content = await factory.WithScopeAsync(sp =>
        {
            var db = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Portal.Infrastructure.Database.PortalDbContext>(sp);
            var message = db.Messages.Single(m => m.Id == id);
            return Task.FromResult((message.Language,
                Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Portal.Infrastructure.Messages.MessageService>(sp).Content(message).Text));
        });
        content.Language.ShouldBe("nl", "PDFsharp cannot set Arabic, so the letter is in the organisation's first left-to-right language");
        content.Text.ShouldStartWith("Beste Fatma Yilmaz,");

        var other = await factory.CreateOrganisationAsync();
        (await factory.CreateApiClient(other.ApiKey).GetAsync($"/api/v1/messages/{id}/letter.pdf")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task LetterPdf_OfAnEmail_Is404()
    {
        var api = await WithCustomerAsync(new { name = "Sanne", email = "sanne@example.nl" });
        var id = (await (await api.PostAsync("/api/v1/messages", ApiJson.Raw("""{"customerRef":"C-1","kind":"reminder"}"""))).JsonAsync()).GetProperty("id").GetInt64();
        var response = await api.GetAsync($"/api/v1/messages/{id}/letter.pdf");
        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync()).ShouldContain("not a letter");
    }

    [Fact]
    public async Task Batch_QueuesEachItemOnItsOwn_AndRejectsTheOnesThatCannotBeSent()
    {
        var api = await WithCustomerAsync(new { name = "Sanne", email = "sanne@example.nl" });
        (await api.PutJsonAsync("/api/v1/customers/C-2", new { name = "Jan", phone = "0612345678" })).EnsureSuccessStatusCode();
        var response = await api.PostAsync("/api/v1/messages/batch", ApiJson.Raw("""
            {"items":[{"customerRef":"C-1","kind":"pay-link"},{"customerRef":"C-2","kind":"pay-link","channel":"email"},
                      {"customerRef":"C-404","kind":"reminder"},null,{"customerRef":"C-1","kind":"one-time-code"},{"customerRef":"C-2","kind":"reminder"}]}
            """));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await response.JsonAsync();
        body.GetProperty("queued").GetInt32().ShouldBe(2);
        body.GetProperty("rejected").GetInt32().ShouldBe(4);
        var results = body.GetProperty("results").EnumerateArray().ToList();
        results.Select(r => r.GetProperty("status").GetString()).ShouldBe(["queued", "rejected", "rejected", "rejected", "rejected", "queued"]);
        results[1].GetProperty("errors").TryGetProperty("items[1].channel", out _).ShouldBeTrue();
        results[2].GetProperty("errors").TryGetProperty("items[2].customerRef", out _).ShouldBeTrue();
        results[5].GetProperty("channel").GetString().ShouldBe("sms");
        var listed = (await (await api.GetAsync("/api/v1/messages")).JsonAsync()).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64());
        listed.ShouldBe([results[5].GetProperty("id").GetInt64(), results[0].GetProperty("id").GetInt64()], ignoreOrder: true);
    }

    [Fact]
    public async Task Batch_Empty_Is422()
    {
        var api = await WithCustomerAsync(new { name = "Sanne", email = "sanne@example.nl" });
        var response = await api.PostAsync("/api/v1/messages/batch", ApiJson.Raw("""{"items":[]}"""));
        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await response.JsonAsync()).GetProperty("errors").TryGetProperty("items", out _).ShouldBeTrue();
    }
}
