using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Portal.Tests.Support;
using Shouldly;

namespace Portal.Tests.Api;

/// <summary>
/// A body that is cut off in transit and a query value that cannot be read are the client's problem: 400
/// problem+json naming the input, never a 500 with a stack in the log, in Development too.
/// </summary>
public class RequestReadingTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static readonly byte[] Invoice = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(ApiJson.Invoice()));

    public static TheoryData<string> Failures => ["IOException", "BadHttpRequestException"];

    private static Exception Failure(string name) => name == "IOException"
        ? new IOException("The client reset the connection.")
        : new BadHttpRequestException("Unexpected end of request content.");

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task Put_BodyCutOff_Is400NamingTheBody_AndStoresNothing(string failure)
    {
        var organisation = await factory.CreateOrganisationAsync();
        await organisation.AddCustomerAsync("C-1");
        var answer = await TruncatedBody.SendAsync(factory.Server, "PUT", "/api/v1/invoices/T-1", organisation.ApiKey, Invoice, Failure(failure));

        answer.Status.ShouldBe(StatusCodes.Status400BadRequest, answer.Body);
        answer.MediaType.ShouldBe("application/problem+json");
        JsonDocument.Parse(answer.Body).RootElement.GetProperty("field").GetString().ShouldBe("body");
        (await factory.CreateApiClient(organisation.ApiKey).GetAsync("/api/v1/invoices/T-1")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    /// <summary>The Idempotency-Key middleware reads the body first, to hash it; a cut-off body must not claim the key either.</summary>
    [Theory]
    [MemberData(nameof(Failures))]
    public async Task Post_BodyCutOffWithIdempotencyKey_Is400_AndTheRetryWithTheKeyRuns(string failure)
    {
        var organisation = await factory.CreateOrganisationAsync();
        await organisation.AddCustomerAsync("C-1");
        var body = Encoding.UTF8.GetBytes("""{"customerRef":"C-1"}""");
        var key = Guid.NewGuid().ToString();
        var answer = await TruncatedBody.SendAsync(factory.Server, "POST", "/api/v1/pay-links", organisation.ApiKey, body, Failure(failure), key);
        answer.Status.ShouldBe(StatusCodes.Status400BadRequest, answer.Body);
        answer.MediaType.ShouldBe("application/problem+json");

        using var retry = new HttpRequestMessage(HttpMethod.Post, "/api/v1/pay-links") { Content = new ByteArrayContent(body) };
        retry.Content.Headers.ContentType = new("application/json");
        retry.Headers.Add("Idempotency-Key", key);
        var response = await factory.CreateApiClient(organisation.ApiKey).SendAsync(retry);
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        response.Headers.Contains("Idempotent-Replayed").ShouldBeFalse();
    }

    [Theory]
    [InlineData("/api/v1/invoices?limit=abc", "limit")]
    [InlineData("/api/v1/invoices?limit=1&limit=2", "limit")]
    [InlineData("/api/v1/invoices?changedSince=garbage", "changedSince")]
    [InlineData("/api/v1/invoices?changedSince=2026-13-45T00:00:00Z", "changedSince")]
    [InlineData("/api/v1/invoices?cursor=zzz", "cursor")]
    [InlineData("/api/v1/invoices?cursor=MTIz", "cursor")]
    [InlineData("/api/v1/events?limit=ten", "limit")]
    [InlineData("/api/v1/events?after=garbage", "after")]
    [InlineData("/api/v1/events?after=-1", "after")]
    public async Task Get_QueryValueThatCannotBeRead_Is400NamingIt(string url, string field) =>
        await ShouldBe400Naming(factory, url, field);

    private static async Task ShouldBe400Naming(PortalFactory factory, string url, string field)
    {
        var organisation = await factory.CreateOrganisationAsync();
        var response = await factory.CreateApiClient(organisation.ApiKey).GetAsync(url);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = await response.JsonAsync();
        problem.GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue($"errors should name {field}: {problem}");
    }

    /// <summary>Development makes ASP.NET Core throw on a value it cannot bind, which was a 500 there.</summary>
    public class InDevelopment(DevelopmentFactory factory) : IClassFixture<DevelopmentFactory>
    {
        [Theory]
        [InlineData("/api/v1/invoices?limit=abc", "limit")]
        [InlineData("/api/v1/invoices?changedSince=garbage", "changedSince")]
        [InlineData("/api/v1/events?limit=ten", "limit")]
        public async Task Get_QueryValueThatCannotBeRead_Is400NamingIt(string url, string field) =>
            await ShouldBe400Naming(factory, url, field);
    }

    public class DevelopmentFactory : PortalFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Development");
        }
    }
}
