using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Portal.Tests.Support;
using Shouldly;

namespace Portal.Tests.Organisations;

/// <summary>An organisation rotates its API keys itself, without a moment without a working key.</summary>
public class ApiKeyApiTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task ANewKeyMadeWithAnIdempotencyKey_IsReplayedToTheRetry_ButNeverStoredReadable()
    {
        var organisation = await factory.CreateOrganisationAsync();
        var api = factory.CreateApiClient(organisation.ApiKey);
        async Task<HttpResponseMessage> CreateAsync()
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/api-keys") { Content = JsonContent.Create(new { name = "ERP retry" }) };
            request.Headers.Add("Idempotency-Key", "make-key-1");
            return await api.SendAsync(request);
        }
        var first = await CreateAsync();
        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        var key = (await first.JsonAsync()).GetProperty("key").GetString()!;

        var again = await CreateAsync();
        again.StatusCode.ShouldBe(HttpStatusCode.Created);
        again.Headers.GetValues("Idempotent-Replayed").ShouldBe(["true"]);
        (await again.JsonAsync()).GetProperty("key").GetString().ShouldBe(key);

        var stored = await factory.WithScopeAsync(sp => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
            sp.GetRequiredService<Portal.Infrastructure.Database.PortalDbContext>().IdempotencyRecords.Select(r => r.ResponseBody)));
        stored.ShouldNotBeEmpty();
        stored.ShouldAllBe(b => b == null || !System.Text.Encoding.UTF8.GetString(b).Contains(key));
    }

    [Fact]
    public async Task Rotate_CreateASecond_DeleteTheFirst_OnlyTheSecondWorks_AndTheLastCannotGo()
    {
        var organisation = await factory.CreateOrganisationAsync();
        var first = factory.CreateApiClient(organisation.ApiKey);

        var created = await first.PostAsJsonAsync("/api/v1/api-keys", new { name = "ERP 2027" });
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var body = await created.JsonAsync();
        var secondKey = body.GetProperty("key").GetString()!;
        var secondId = body.GetProperty("id").GetInt64();
        created.Headers.Location!.OriginalString.ShouldBe($"/api/v1/api-keys/{secondId}");
        body.GetProperty("hint").GetString().ShouldBe(secondKey[..7] + "…");
        var second = factory.CreateApiClient(secondKey);

        var keys = await (await second.GetAsync("/api/v1/api-keys")).JsonAsync();
        keys.GetArrayLength().ShouldBe(2);
        var firstId = keys[0].GetProperty("id").GetInt64();
        keys.EnumerateArray().Select(k => k.GetProperty("current").GetBoolean()).ShouldBe([false, true]);

        (await second.DeleteAsync($"/api/v1/api-keys/{firstId}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        (await first.GetAsync("/api/v1/organisation")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await second.GetAsync("/api/v1/organisation")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var last = await second.DeleteAsync($"/api/v1/api-keys/{secondId}");
        last.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        last.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await last.JsonAsync()).GetProperty("detail").GetString()!.ShouldContain("last active API key");
        (await second.GetAsync("/api/v1/organisation")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var after = await (await second.GetAsync("/api/v1/api-keys")).JsonAsync();
        after[0].GetProperty("revokedAt").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.String);
        after[1].GetProperty("revokedAt").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        (await second.DeleteAsync($"/api/v1/api-keys/{firstId}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await second.DeleteAsync("/api/v1/api-keys/999999999")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task List_NeverShowsASecret()
    {
        var organisation = await factory.CreateOrganisationAsync();
        var api = factory.CreateApiClient(organisation.ApiKey);
        var created = await (await api.PostAsJsonAsync("/api/v1/api-keys", new { name = "backup" })).JsonAsync();

        var list = await api.GetStringAsync("/api/v1/api-keys");

        list.ShouldNotContain(organisation.ApiKey);
        list.ShouldNotContain(created.GetProperty("key").GetString()!);
        list.ShouldNotContain("\"key\"");
        list.ShouldContain("\"name\":\"backup\"");
    }

    [Fact]
    public async Task LastUsedAt_IsWrittenAtMostOnceAMinute()
    {
        var organisation = await factory.CreateOrganisationAsync();
        var api = factory.CreateApiClient(organisation.ApiKey);
        async Task<DateTimeOffset?> LastUsedAsync()
        {
            var key = (await (await api.GetAsync("/api/v1/api-keys")).JsonAsync())[0].GetProperty("lastUsedAt");
            return key.ValueKind == System.Text.Json.JsonValueKind.Null ? null : key.GetDateTimeOffset();
        }
        var start = factory.Clock.GetUtcNow();

        (await LastUsedAsync()).ShouldBe(start);
        factory.Clock.Advance(TimeSpan.FromSeconds(50));
        (await LastUsedAsync()).ShouldBe(start);
        factory.Clock.Advance(TimeSpan.FromSeconds(20));
        (await LastUsedAsync()).ShouldBe(start.AddSeconds(70));
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"name":""}""")]
    [InlineData("""{"name":"   "}""")]
    [InlineData("""{"name":"a\u0000b"}""")]
    [InlineData("""{"name":12}""")]
    public async Task Create_WithoutAUsableName_Is422NamingIt(string json)
    {
        var organisation = await factory.CreateOrganisationAsync();
        var response = await factory.CreateApiClient(organisation.ApiKey).PostAsync("/api/v1/api-keys", ApiJson.Raw(json));

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await response.JsonAsync()).GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe(["name"]);
    }

    [Fact]
    public async Task Create_BeyondTwentyActiveKeys_Is409()
    {
        var organisation = await factory.CreateOrganisationAsync();
        var api = factory.CreateApiClient(organisation.ApiKey);
        for (var i = 2; i <= 20; i++) (await api.PostAsJsonAsync("/api/v1/api-keys", new { name = $"key {i}" })).StatusCode.ShouldBe(HttpStatusCode.Created);

        var refused = await api.PostAsJsonAsync("/api/v1/api-keys", new { name = "one too many" });

        refused.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await (await api.GetAsync("/api/v1/api-keys")).JsonAsync()).GetArrayLength().ShouldBe(20);
    }
}
