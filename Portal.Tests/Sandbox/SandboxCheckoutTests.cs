using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Portal.Sandbox;
using Portal.Tests.Support;
using Shouldly;

namespace Portal.Tests.Sandbox;

/// <summary>
/// The sandbox is a library any host can map: its TEST MODE checkout brings everything it loads, so a tester sees a
/// styled page even in a host that serves none of Portal's own files.
/// </summary>
public class SandboxCheckoutTests
{
    [Fact]
    public async Task Checkout_InAHostWithNothingButTheSandbox_LoadsItsOwnStylesheet()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = SandboxSetup.TestingEnvironment });
        builder.WebHost.UseTestServer();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddMollieSandbox();
        await using var app = builder.Build();
        app.MapMollieSandbox();
        await app.StartAsync();
        using var client = app.GetTestClient();

        using var create = new HttpRequestMessage(HttpMethod.Post, "/mollie-sandbox/v2/payments")
        {
            Content = new StringContent("""{"amount":{"currency":"EUR","value":"12.50"},"description":"Factuur 1","redirectUrl":"https://portal.test/return"}""",
                Encoding.UTF8, "application/json"),
        };
        create.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "test_portal_sandbox");
        var created = await client.SendAsync(create);
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        using var payment = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
        var checkout = new Uri(payment.RootElement.GetProperty("_links").GetProperty("checkout").GetProperty("href").GetString()!);

        var page = await client.GetAsync(checkout.PathAndQuery);
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        var stylesheets = (await Html.ParseAsync(page)).QuerySelectorAll("link[rel=stylesheet]").Select(l => l.GetAttribute("href")!).ToList();
        stylesheets.ShouldNotBeEmpty();
        foreach (var href in stylesheets)
        {
            var sheet = await client.GetAsync(href);
            sheet.StatusCode.ShouldBe(HttpStatusCode.OK, $"The checkout's stylesheet {href} did not load.");
            sheet.Content.Headers.ContentType!.MediaType.ShouldBe("text/css");
            (await sheet.Content.ReadAsStringAsync()).ShouldContain(".button");
        }
    }
}
