using System.Net;
using Portal.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;

namespace Portal.Tests.Api;

public class AuthenticationTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Get_WithoutKey_Is401ProblemAskingForBearer()
    {
        var response = await factory.CreateClient().GetAsync("/api/v1/invoices");
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        response.Headers.WwwAuthenticate.ToString().ShouldBe("Bearer");
        (await response.JsonAsync()).GetProperty("detail").GetString()!.ShouldContain("Authorization: Bearer");
    }

    [Theory]
    [InlineData("pk_thisIsNotAKeyThatExistsAnywhere123")]
    [InlineData("nonsense")]
    public async Task Get_WithWrongKey_Is401(string key)
    {
        var response = await factory.CreateApiClient(key).GetAsync("/api/v1/invoices");
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await response.JsonAsync()).GetProperty("detail").GetString()!.ShouldContain("unknown or has been revoked");
    }

    [Fact]
    public async Task Get_WithValidKey_Is200()
    {
        var organisation = await factory.CreateOrganisationAsync();
        var response = await factory.CreateApiClient(organisation.ApiKey).GetAsync("/api/v1/invoices");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task ApiKey_IsStoredOnlyAsHash()
    {
        var organisation = await factory.CreateOrganisationAsync();
        var hashes = await factory.WithScopeAsync(sp => Task.FromResult(
            sp.GetRequiredService<Portal.Infrastructure.Database.PortalDbContext>().ApiKeys.Where(k => k.OrganisationId == organisation.Id)
                .Select(k => new { k.KeyHash, k.Hint }).ToList()));
        var stored = hashes.ShouldHaveSingleItem();
        stored.KeyHash.ShouldBe(Portal.Domain.ApiKeys.ApiKey.Hash(organisation.ApiKey));
        organisation.ApiKey.ShouldNotContain(stored.Hint.TrimEnd('…') + organisation.ApiKey[^10..]);
    }
}
