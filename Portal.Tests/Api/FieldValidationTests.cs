using System.Net;
using System.Text;
using Portal.Tests.Support;
using Shouldly;

namespace Portal.Tests.Api;

/// <summary>
/// What the API refuses instead of storing: control characters (PostgreSQL cannot even store U+0000), numbers the
/// columns would round, amounts sent as text, an invoice of 0, e-mail addresses and phone numbers no one can reach,
/// and bytes that are not UTF-8.
/// </summary>
public class FieldValidationTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Customer = """{"name":"Sanne de Vries","address":{"line1":"Dorpsstraat 1","postalCode":"1234 AB","city":"Utrecht","country":"NL"}}""";

    private const string Invoice = """
        {"customerRef":"C-1","issueDate":"2026-11-01","dueDate":"2026-12-01","currency":"EUR","totalAmount":125.50,"description":"Water",
         "lines":[{"description":"Stroom","amount":100.50,"quantity":1,"vatRate":21},{"description":"Gas","amount":25.00}]}
        """;

    private async Task<HttpClient> ApiAsync()
    {
        var organisation = await factory.CreateOrganisationAsync();
        await organisation.AddCustomerAsync("C-1");
        return factory.CreateApiClient(organisation.ApiKey);
    }

    private static async Task ShouldBe422Naming(HttpResponseMessage response, string field)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = await response.JsonAsync();
        problem.GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue($"errors should name {field}: {problem}");
    }

    [Theory]
    [InlineData("name", "\"Sanne de Vries\"", "\"Sanne\\u0000de Vries\"")]
    [InlineData("name", "\"Sanne de Vries\"", "\"Sanne\\tde Vries\"")]
    [InlineData("address.city", "\"Utrecht\"", "\"Utrecht\\u0000\"")]
    [InlineData("address.city", "\"Utrecht\"", "\"Utrecht\\nNoord\"")]
    [InlineData("address.line1", "\"Dorpsstraat 1\"", "\"Dorps\\u0007straat 1\"")]
    [InlineData("address.postalCode", "\"1234 AB\"", "\"1234\\u0085AB\"")]
    public async Task PutCustomer_ControlCharacter_Is422NamingTheField(string field, string replace, string with)
    {
        var api = await ApiAsync();
        var response = await api.PutAsync("/api/v1/customers/C-2", ApiJson.Raw(Customer.Replace(replace, with)));
        await ShouldBe422Naming(response, field);
        (await api.GetAsync("/api/v1/customers/C-2")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("de")]
    [InlineData("fr")]
    [InlineData("xx")]
    public async Task PutCustomer_ALanguageThePagesAreNotWrittenIn_Is422NamingLanguage(string language)
    {
        var api = await ApiAsync();
        var response = await api.PutAsync("/api/v1/customers/C-3", ApiJson.Raw(Customer.Replace("{\"name\":", $"{{\"language\":\"{language}\",\"name\":")));
        await ShouldBe422Naming(response, "language");
        (await api.GetAsync("/api/v1/customers/C-3")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("description", "\"Water\"", "\"Wa\\u0000ter\"")]
    [InlineData("lines[1].description", "\"Gas\"", "\"G\\u0000as\"")]
    [InlineData("lines[1].description", "\"Gas\"", "\"Gas\\u001b[31m\"")]
    public async Task PutInvoice_ControlCharacter_Is422NamingTheField(string field, string replace, string with)
    {
        var api = await ApiAsync();
        var response = await api.PutAsync("/api/v1/invoices/F-1", ApiJson.Raw(Invoice.Replace(replace, with)));
        await ShouldBe422Naming(response, field);
        (await api.GetAsync("/api/v1/invoices/F-1")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task PutInvoice_DescriptionsAreFreeText_LineBreaksAndTabsAreKept()
    {
        var api = await ApiAsync();
        var body = Invoice.Replace("\"Water\"", "\"Water\\nnovember\\t2026\"").Replace("\"Gas\"", "\"Gas\\r\\nvast recht\"");
        var response = await api.PutAsync("/api/v1/invoices/F-2", ApiJson.Raw(body));
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var invoice = await response.JsonAsync();
        invoice.GetProperty("description").GetString().ShouldBe("Water\nnovember\t2026");
        invoice.GetProperty("lines")[1].GetProperty("description").GetString().ShouldBe("Gas\r\nvast recht");
    }

    [Fact]
    public async Task Batch_OneItemWithNul_IsRejectedByIndexAndField_TheOthersAreStored()
    {
        var api = await ApiAsync();
        string Item(string number, string description) =>
            $$"""{"invoiceNumber":"{{number}}","customerRef":"C-1","issueDate":"2026-11-01","dueDate":"2026-12-01","currency":"EUR","totalAmount":10,"lines":[{"description":"{{description}}","amount":10}]}""";
        var body = $$"""
            {"customers":[{"customerRef":"C-7","name":"Noor\u0000Bakker"},{"customerRef":"C-8","name":"Noor Bakker"}],
             "invoices":[{{Item("N-1", "Water")}},{{Item("N-2", "Wa\\u0000ter")}},{{Item("N-3", "Water")}}]}
            """;
        var response = await api.PostAsync("/api/v1/invoices/batch", ApiJson.Raw(body));
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var result = await response.JsonAsync();

        var customers = result.GetProperty("customers");
        customers[0].GetProperty("result").GetString().ShouldBe("rejected");
        customers[0].GetProperty("errors").TryGetProperty("name", out _).ShouldBeTrue();
        customers[1].GetProperty("result").GetString().ShouldBe("created");
        var invoices = result.GetProperty("invoices");
        invoices.EnumerateArray().Select(i => i.GetProperty("result").GetString()).ShouldBe(["created", "rejected", "created"]);
        invoices[1].GetProperty("index").GetInt32().ShouldBe(1);
        invoices[1].GetProperty("errors").TryGetProperty("lines[0].description", out _).ShouldBeTrue();
        (await api.GetAsync("/api/v1/invoices/N-3")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await api.GetAsync("/api/v1/invoices/N-2")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    /// <summary>The columns hold 4 decimals for a quantity and 2 for a VAT rate; PostgreSQL would round the rest away.</summary>
    [Theory]
    [InlineData("lines[0].quantity", "\"quantity\":1", "\"quantity\":1.23456")]
    [InlineData("lines[0].vatRate", "\"vatRate\":21", "\"vatRate\":20.995")]
    public async Task PutInvoice_MoreDecimalsThanStored_Is422NamingTheField(string field, string replace, string with)
    {
        var api = await ApiAsync();
        await ShouldBe422Naming(await api.PutAsync("/api/v1/invoices/F-3", ApiJson.Raw(Invoice.Replace(replace, with))), field);
    }

    [Fact]
    public async Task PutInvoice_TheDecimalsTheColumnsHold_AreStoredExactly_AndTheSamePutChangesNothing()
    {
        var api = await ApiAsync();
        var body = Invoice.Replace("\"quantity\":1", "\"quantity\":1.2345").Replace("\"vatRate\":21", "\"vatRate\":20.75");
        var first = await (await api.PutAsync("/api/v1/invoices/F-4", ApiJson.Raw(body))).JsonAsync();
        first.GetProperty("lines")[0].GetProperty("quantity").GetDecimal().ShouldBe(1.2345m);
        first.GetProperty("lines")[0].GetProperty("vatRate").GetDecimal().ShouldBe(20.75m);
        factory.Clock.Advance(TimeSpan.FromMinutes(1));
        var again = await api.PutAsync("/api/v1/invoices/F-4", ApiJson.Raw(body));
        again.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await again.JsonAsync()).GetProperty("changedAt").GetDateTime().ShouldBe(first.GetProperty("changedAt").GetDateTime());
    }

    [Theory]
    [InlineData("totalAmount", "\"totalAmount\":125.50", "\"totalAmount\":\"125.50\"")]
    [InlineData("lines[0].amount", "\"amount\":100.50", "\"amount\":\"100.50\"")]
    [InlineData("lines[0].quantity", "\"quantity\":1", "\"quantity\":\"1\"")]
    public async Task PutInvoice_NumberSentAsText_Is422NamingTheField(string field, string replace, string with)
    {
        var api = await ApiAsync();
        await ShouldBe422Naming(await api.PutAsync("/api/v1/invoices/F-5", ApiJson.Raw(Invoice.Replace(replace, with))), field);
        (await api.GetAsync("/api/v1/invoices/F-5")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("-0")]
    [InlineData("0")]
    [InlineData("0.00")]
    public async Task PutInvoice_TotalOfZero_Is422_NoPaidInvoiceOfNothing(string zero)
    {
        var api = await ApiAsync();
        var body = $$"""{"customerRef":"C-1","issueDate":"2026-11-01","dueDate":"2026-12-01","currency":"EUR","totalAmount":{{zero}},"lines":[{"description":"Niets","amount":{{zero}}}]}""";
        await ShouldBe422Naming(await api.PutAsync("/api/v1/invoices/F-6", ApiJson.Raw(body)), "totalAmount");
        (await api.GetAsync("/api/v1/invoices/F-6")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("a b@c.d")]
    [InlineData("Sanne <sanne@example.com>")]
    [InlineData("sanne@example.com, noor@example.com")]
    [InlineData("sanne@@example.com")]
    [InlineData("sanne@localhost")]
    [InlineData("sanne@example.com\\n")]
    public async Task PutCustomer_NotOneReachableEmailAddress_Is422(string email)
    {
        var api = await ApiAsync();
        await ShouldBe422Naming(await api.PutAsync("/api/v1/customers/C-3", ApiJson.Raw($$"""{"name":"Sanne","email":"{{email}}"}""")), "email");
    }

    [Fact]
    public async Task PutCustomer_EmailOfMoreThan254Characters_Is422()
    {
        var api = await ApiAsync();
        var email = new string('a', 60) + "@" + string.Join(".", Enumerable.Repeat(new string('b', 60), 4)) + ".nl";
        await ShouldBe422Naming(await api.PutAsync("/api/v1/customers/C-3", ApiJson.Raw($$"""{"name":"Sanne","email":"{{email}}"}""")), "email");
    }

    [Theory]
    [InlineData("020 765 43 21", "+31207654321")]
    [InlineData("+32 2 555 12 12", "+3225551212")]
    [InlineData("٠٢٠٧٦٥٤٣٢١", "+31207654321")]
    public async Task PutCustomer_Phone_IsStoredInE164(string phone, string stored)
    {
        var api = await ApiAsync();
        var response = await api.PutAsync("/api/v1/customers/C-4", ApiJson.Raw($$"""{"name":"Sanne","phone":"{{phone}}"}"""));
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        (await response.JsonAsync()).GetProperty("phone").GetString().ShouldBe(stored);
    }

    [Theory]
    [InlineData("12")]
    [InlineData("020 765 43 21 99 99 99")]
    [InlineData("bel me")]
    [InlineData("020\\t765 43 21")]
    public async Task PutCustomer_PhoneThatCannotBeCalled_Is422(string phone)
    {
        var api = await ApiAsync();
        await ShouldBe422Naming(await api.PutAsync("/api/v1/customers/C-5", ApiJson.Raw($$"""{"name":"Sanne","phone":"{{phone}}"}""")), "phone");
    }

    [Fact]
    public async Task PutCustomer_BodyWithBytesThatAreNotUtf8_Is400NamingTheBody()
    {
        var api = await ApiAsync();
        byte[] body = [.. Encoding.ASCII.GetBytes("{\"name\":\"Sanne "), 0xC3, 0x28, .. Encoding.ASCII.GetBytes("\"}")];
        var response = await api.PutAsync("/api/v1/customers/C-6",
            new ByteArrayContent(body) { Headers = { ContentType = new("application/json") } });
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = await response.JsonAsync();
        problem.GetProperty("field").GetString().ShouldBe("body");
        problem.GetProperty("detail").GetString()!.ShouldContain("UTF-8");
        (await api.GetAsync("/api/v1/customers/C-6")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task PutCustomer_EscapedLoneSurrogate_Is422NamingTheField()
    {
        var api = await ApiAsync();
        var response = await api.PutAsync("/api/v1/customers/C-6", ApiJson.Raw("""{"name":"Sanne","address":{"line1":"\uD800","postalCode":"1234 AB","city":"Utrecht","country":"NL"}}"""));
        await ShouldBe422Naming(response, "address.line1");
    }

    /// <summary>ASP.NET Core leaves %C3%28 (not UTF-8) half-decoded as "%C3(" instead of refusing it.</summary>
    [Theory]
    [InlineData("/api/v1/invoices/%C3%28", "invoiceNumber")]
    [InlineData("/api/v1/invoices/F-%FF", "invoiceNumber")]
    [InlineData("/api/v1/customers/%C3%28", "customerRef")]
    public async Task Put_RouteValueWithInvalidUtf8PercentEncoding_Is422NamingIt(string url, string field)
    {
        var api = await ApiAsync();
        var body = field == "customerRef" ? Customer : Invoice;
        await ShouldBe422Naming(await api.PutAsync(url, ApiJson.Raw(body)), field);
        await ShouldBe422Naming(await api.GetAsync(url), field);
    }

    [Fact]
    public async Task Put_RouteValueInUtf8_IsStoredAsSent()
    {
        var api = await ApiAsync();
        var response = await api.PutAsync("/api/v1/invoices/" + Uri.EscapeDataString("Ä-2026-1"), ApiJson.Raw(Invoice));
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        (await response.JsonAsync()).GetProperty("invoiceNumber").GetString().ShouldBe("Ä-2026-1");
    }
}
