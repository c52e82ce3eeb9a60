using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Infrastructure.Database;
using Portal.Infrastructure.Idempotency;
using Portal.Tests.Support;
using Shouldly;

namespace Portal.Tests.Api;

/// <summary>An ERP that retries a POST with the same Idempotency-Key never makes anything twice (ACCEPTANCE 23).</summary>
public class IdempotencyTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static HttpRequestMessage Post(string path, string json, string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = ApiJson.Raw(json) };
        if (key is not null) request.Headers.Add("Idempotency-Key", key);
        return request;
    }

    private Task<int> PayLinkCountAsync(long organisationId) =>
        factory.WithScopeAsync(sp => sp.GetRequiredService<PortalDbContext>().PayLinks.CountAsync(p => p.OrganisationId == organisationId));

    private async Task<(TestOrganisation Org, HttpClient Api)> OrganisationAsync(string name = "Waterbedrijf Test")
    {
        var organisation = await factory.CreateOrganisationAsync(name);
        await organisation.AddCustomerAsync("C-1");
        return (organisation, factory.CreateApiClient(organisation.ApiKey));
    }

    [Fact]
    public async Task SameKeySameBody_GivesTheFirstResponseAgain_AndMakesOneLink()
    {
        var (organisation, api) = await OrganisationAsync();
        var key = Guid.NewGuid().ToString();

        var first = await api.SendAsync(Post("/api/v1/pay-links", """{"customerRef":"C-1"}""", key));
        var again = await api.SendAsync(Post("/api/v1/pay-links", """{"customerRef":"C-1"}""", key));

        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        first.Headers.Contains("Idempotent-Replayed").ShouldBeFalse();
        again.StatusCode.ShouldBe(HttpStatusCode.Created);
        again.Headers.GetValues("Idempotent-Replayed").ShouldBe(["true"]);
        again.Headers.Location.ShouldBe(first.Headers.Location);
        again.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        (await again.Content.ReadAsStringAsync()).ShouldBe(await first.Content.ReadAsStringAsync());
        (await PayLinkCountAsync(organisation.Id)).ShouldBe(1);

        (await api.SendAsync(Post("/api/v1/pay-links", """{"customerRef":"C-1"}""", null))).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await PayLinkCountAsync(organisation.Id)).ShouldBe(2);
    }

    [Fact]
    public async Task SameKeyOtherBody_Is422_AndNothingIsMade()
    {
        var (organisation, api) = await OrganisationAsync();
        await organisation.AddCustomerAsync("C-2");
        var key = Guid.NewGuid().ToString();
        (await api.SendAsync(Post("/api/v1/pay-links", """{"customerRef":"C-1"}""", key))).EnsureSuccessStatusCode();

        var other = await api.SendAsync(Post("/api/v1/pay-links", """{"customerRef":"C-2"}""", key));

        other.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        other.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await other.Content.ReadAsStringAsync()).ShouldContain("used before with another request");
        (await PayLinkCountAsync(organisation.Id)).ShouldBe(1);
    }

    [Fact]
    public async Task KeysBelongToOneOrganisation()
    {
        var (first, firstApi) = await OrganisationAsync("Eerste");
        var (second, secondApi) = await OrganisationAsync("Tweede");
        const string key = "order-42";
        (await firstApi.SendAsync(Post("/api/v1/pay-links", """{"customerRef":"C-1"}""", key))).EnsureSuccessStatusCode();

        var theirs = await secondApi.SendAsync(Post("/api/v1/pay-links", """{"customerRef":"C-1"}""", key));

        theirs.StatusCode.ShouldBe(HttpStatusCode.Created);
        theirs.Headers.Contains("Idempotent-Replayed").ShouldBeFalse();
        (await PayLinkCountAsync(first.Id)).ShouldBe(1);
        (await PayLinkCountAsync(second.Id)).ShouldBe(1);
    }

    [Fact]
    public async Task WhileTheFirstIsStillRunning_TheSecondIs409()
    {
        var (organisation, api) = await OrganisationAsync();
        var key = Guid.NewGuid().ToString();
        // The first request has claimed the key and is still working (claimed here as its hash would be).
        var hash = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("POST /api/v1/pay-links\n{\"customerRef\":\"C-1\"}")));
        (await factory.Services.GetRequiredService<IdempotencyStore>().ClaimAsync(organisation.Id, key, hash, default)).Outcome
            .ShouldBe(IdempotencyStore.ClaimOutcome.Claimed);

        var second = await api.SendAsync(Post("/api/v1/pay-links", """{"customerRef":"C-1"}""", key));

        second.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await PayLinkCountAsync(organisation.Id)).ShouldBe(0);
    }

    [Fact]
    public async Task AnInvalidRequest_IsAnsweredTheSameWayAgain_AndAKeyIsForgottenAfter48Hours()
    {
        var (organisation, api) = await OrganisationAsync();
        var key = Guid.NewGuid().ToString();
        var invalid = await api.SendAsync(Post("/api/v1/pay-links", """{"customerRef":"C-404"}""", key));
        invalid.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var replayed = await api.SendAsync(Post("/api/v1/pay-links", """{"customerRef":"C-404"}""", key));
        replayed.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        replayed.Headers.GetValues("Idempotent-Replayed").ShouldBe(["true"]);

        var good = Guid.NewGuid().ToString();
        (await api.SendAsync(Post("/api/v1/pay-links", """{"customerRef":"C-1"}""", good))).EnsureSuccessStatusCode();
        factory.Clock.Advance(TimeSpan.FromHours(24));
        (await api.SendAsync(Post("/api/v1/pay-links", """{"customerRef":"C-1"}""", good))).Headers.Contains("Idempotent-Replayed").ShouldBeTrue();
        factory.Clock.Advance(TimeSpan.FromHours(25));
        (await factory.Services.GetRequiredService<IdempotencyStore>().PurgeAsync(default)).ShouldBeGreaterThanOrEqualTo(2);
        var later = await api.SendAsync(Post("/api/v1/pay-links", """{"customerRef":"C-1"}""", good));
        later.StatusCode.ShouldBe(HttpStatusCode.Created);
        later.Headers.Contains("Idempotent-Replayed").ShouldBeFalse();
        (await PayLinkCountAsync(organisation.Id)).ShouldBe(2);
    }

    [Fact]
    public async Task ARetriedBatch_ImportsOnce()
    {
        var (organisation, api) = await OrganisationAsync();
        const string batch = """
            {"invoices":[{"invoiceNumber":"B-1","customerRef":"C-1","issueDate":"2026-11-01","dueDate":"2026-12-01","currency":"EUR",
                          "totalAmount":40,"lines":[{"description":"Water","amount":40}]}]}
            """;
        var key = Guid.NewGuid().ToString();
        (await api.SendAsync(Post("/api/v1/invoices/batch", batch, key))).EnsureSuccessStatusCode();
        var again = await api.SendAsync(Post("/api/v1/invoices/batch", batch, key));
        again.Headers.GetValues("Idempotent-Replayed").ShouldBe(["true"]);
        var audit = await factory.WithScopeAsync(sp => sp.GetRequiredService<Portal.Infrastructure.Audit.AuditTrail>()
            .HistoryOfAsync(organisation.Id, "invoice", "B-1"));
        audit.Count.ShouldBe(1);
    }

    [Theory]
    [InlineData("with space")]
    [InlineData("sleutel-ü")]
    [InlineData("0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345")]
    public async Task AMalformedKey_Is400(string key)
    {
        var (_, api) = await OrganisationAsync();
        var request = Post("/api/v1/pay-links", """{"customerRef":"C-1"}""", null);
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        (await api.SendAsync(request)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task TheOpenApiDocument_OffersTheHeaderOnPosts()
    {
        var document = await factory.CreateClient().GetStringAsync("/openapi/v1.json");
        document.ShouldContain("\"Idempotency-Key\"");
    }
}
