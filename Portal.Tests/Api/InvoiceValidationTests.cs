using System.Net;
using Portal.Tests.Support;
using Shouldly;

namespace Portal.Tests.Api;

/// <summary>Every bad input gets a clear problem naming the field, and stores nothing.</summary>
public class InvoiceValidationTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Valid = """
        {"customerRef":"C-1","issueDate":"2026-11-01","dueDate":"2026-12-01","currency":"EUR","totalAmount":125.50,
         "lines":[{"description":"Stroom","amount":100.50},{"description":"Gas","amount":25.00}]}
        """;

    private async Task<HttpClient> ApiAsync()
    {
        var organisation = await factory.CreateOrganisationAsync();
        await organisation.AddCustomerAsync("C-1");
        return factory.CreateApiClient(organisation.ApiKey);
    }

    [Theory]
    [InlineData("""{"customerRef":"C-1",""", "line 1")]
    [InlineData("not json at all", "Malformed JSON")]
    [InlineData("[1,2,3]", "JSON object")]
    public async Task Put_MalformedJson_Is400(string body, string detail)
    {
        var api = await ApiAsync();
        var response = await api.PutAsync("/api/v1/invoices/F-1", ApiJson.Raw(body));
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await response.JsonAsync()).GetProperty("detail").GetString()!.ShouldContain(detail);
    }

    [Theory]
    [InlineData("customerRef", "\"customerRef\":\"C-1\",", "")]
    [InlineData("issueDate", "\"issueDate\":\"2026-11-01\",", "")]
    [InlineData("currency", "\"currency\":\"EUR\",", "\"currency\":\"EUX\",")]
    [InlineData("totalAmount", "\"totalAmount\":125.50,", "\"totalAmount\":\"lots\",")]
    [InlineData("totalAmount", "\"totalAmount\":125.50,", "\"totalAmount\":125.505,")]
    [InlineData("totalAmount", "\"totalAmount\":125.50,", "\"totalAmount\":130.00,")]
    [InlineData("dueDate", "\"dueDate\":\"2026-12-01\",", "\"dueDate\":\"2026-10-01\",")]
    [InlineData("dueDate", "\"dueDate\":\"2026-12-01\",", "\"dueDate\":\"1 december\",")]
    [InlineData("lines[1].amount", "\"amount\":25.00", "\"amount\":-25.00")]
    [InlineData("lines[0].description", "\"description\":\"Stroom\",", "")]
    [InlineData("customerRef", "\"customerRef\":\"C-1\"", "\"customerRef\":\"C-404\"")]
    public async Task Put_BadField_Is422NamingIt(string field, string replace, string with)
    {
        var api = await ApiAsync();
        var body = Valid.Replace(replace, with);
        body.ShouldNotBe(Valid);
        var response = await api.PutAsync("/api/v1/invoices/F-2", ApiJson.Raw(body));

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var problem = await response.JsonAsync();
        problem.GetProperty("errors").TryGetProperty(field, out var messages).ShouldBeTrue($"errors should name {field}: {problem}");
        messages[0].GetString().ShouldNotBeNullOrWhiteSpace();
        (await api.GetAsync("/api/v1/invoices/F-2")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Put_BodyOverTheLimit_Is413()
    {
        var api = await ApiAsync();
        var huge = Valid.Replace("\"Stroom\"", "\"" + new string('x', 1_100_000) + "\"");
        var response = await api.PutAsync("/api/v1/invoices/F-3", ApiJson.Raw(huge));
        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task Put_NotJsonContentType_Is415()
    {
        var api = await ApiAsync();
        var response = await api.PutAsync("/api/v1/invoices/F-4", new StringContent(Valid, System.Text.Encoding.UTF8, "text/plain"));
        response.StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task Put_Customer_WithoutNameAndBadEmail_Is422NamingBoth()
    {
        var api = await ApiAsync();
        var response = await api.PutAsync("/api/v1/customers/C-9", ApiJson.Raw("""{"email":"not-an-address"}"""));
        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var errors = (await response.JsonAsync()).GetProperty("errors");
        errors.TryGetProperty("name", out _).ShouldBeTrue();
        errors.TryGetProperty("email", out _).ShouldBeTrue();
    }
}
