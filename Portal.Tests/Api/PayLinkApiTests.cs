using System.Net;
using Portal.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;

namespace Portal.Tests.Api;

public class PayLinkApiTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Create_ReturnsUrlWithTokenAndQrCodesOfThatUrl()
    {
        var organisation = await factory.CreateOrganisationAsync();
        await organisation.AddCustomerAsync("C-1");
        var api = factory.CreateApiClient(organisation.ApiKey);

        var response = await api.PostAsync("/api/v1/pay-links", ApiJson.Raw("""{"customerRef":"C-1"}"""));
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var link = await response.JsonAsync();
        var url = link.GetProperty("url").GetString()!;
        url.ShouldMatch("^http://localhost/p/[A-Za-z0-9_-]{43}$");
        link.GetProperty("expiresAt").GetDateTime().ShouldBe(factory.Clock.GetUtcNow().UtcDateTime.AddDays(90), TimeSpan.FromSeconds(1));

        var svg = await api.GetAsync($"/api/v1/pay-links/{link.GetProperty("id").GetString()}/qr.svg");
        svg.Content.Headers.ContentType!.MediaType.ShouldBe("image/svg+xml");
        (await svg.Content.ReadAsStringAsync()).ShouldContain("<svg");
        var png = await api.GetAsync($"/api/v1/pay-links/{link.GetProperty("id").GetString()}/qr.png");
        (await png.Content.ReadAsByteArrayAsync())[..4].ShouldBe(new byte[] { 0x89, 0x50, 0x4E, 0x47 });

        var token = url[(url.LastIndexOf('/') + 1)..];
        var stored = await factory.WithScopeAsync(sp => Task.FromResult(
            sp.GetRequiredService<Portal.Infrastructure.Database.PortalDbContext>().PayLinks.Single(p => p.OrganisationId == organisation.Id)));
        stored.TokenHash.ShouldBe(Portal.Domain.PayLinks.PayLinkToken.Hash(token));
        stored.ProtectedToken.ShouldNotContain(token);
    }

    [Theory]
    [InlineData("""{"customerRef":"C-404"}""", "customerRef")]
    [InlineData("""{}""", "customerRef")]
    [InlineData("""{"customerRef":"C-1","invoiceNumbers":["F-404"]}""", "invoiceNumbers")]
    [InlineData("""{"customerRef":"C-1","expiresAt":"2020-01-01T00:00:00Z"}""", "expiresAt")]
    [InlineData("""{"customerRef":"C-1","expiresAt":"soon"}""", "expiresAt")]
    public async Task Create_BadRequest_Is422NamingTheField(string body, string field)
    {
        var organisation = await factory.CreateOrganisationAsync();
        await organisation.AddCustomerAsync("C-1");
        var response = await factory.CreateApiClient(organisation.ApiKey).PostAsync("/api/v1/pay-links", ApiJson.Raw(body));
        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await response.JsonAsync()).GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue();
    }

    [Fact]
    public async Task OpenApiDocument_DescribesTheEndpoints()
    {
        var document = await (await factory.CreateClient().GetAsync("/openapi/v1.json")).JsonAsync();
        var paths = document.GetProperty("paths");
        foreach (var path in new[] { "/api/v1/invoices/{invoiceNumber}", "/api/v1/invoices/batch", "/api/v1/customers/{customerRef}", "/api/v1/pay-links" })
            paths.TryGetProperty(path, out _).ShouldBeTrue(path);
        document.GetProperty("components").GetProperty("securitySchemes").TryGetProperty("ApiKey", out _).ShouldBeTrue();
        (await factory.CreateClient().GetAsync("/api/docs/index.html")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
