using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Infrastructure.Database;
using Portal.Tests.Support;
using Shouldly;

namespace Portal.Tests.Web;

/// <summary>The organisation's logo and colours, as every customer page loads them.</summary>
public class BrandTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Logo_IsServedWithItsType_OnEveryDatabase()
    {
        var organisation = await factory.CreateOrganisationAsync();
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\"><rect width=\"10\" height=\"10\"/></svg>"u8.ToArray();
        await factory.WithScopeAsync<int>(async sp =>
        {
            var db = sp.GetRequiredService<PortalDbContext>();
            var stored = await db.Organisations.FirstAsync(o => o.Id == organisation.Id);
            stored.SetLogo(svg, "image/svg+xml");
            return await db.SaveChangesAsync();
        });
        var response = await factory.CreateClient().GetAsync($"/brand/{organisation.Id}/logo");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("image/svg+xml");
        (await response.Content.ReadAsByteArrayAsync()).ShouldBe(svg);
    }

    [Fact]
    public async Task Logo_OfAnOrganisationWithout_Is404()
    {
        var organisation = await factory.CreateOrganisationAsync("Zonder Logo");
        (await factory.CreateClient().GetAsync($"/brand/{organisation.Id}/logo")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
