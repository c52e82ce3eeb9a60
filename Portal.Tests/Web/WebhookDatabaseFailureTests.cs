using System.Data.Common;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Infrastructure.Database;
using Portal.Tests.Support;
using Shouldly;

namespace Portal.Tests.Web;

/// <summary>
/// When Portal's database fails while Mollie reports a payment, the webhook answers 503 problem+json, so Mollie
/// tries again later, and its retry is answered once the database is back.
/// </summary>
public class WebhookDatabaseFailureTests(WebhookDatabaseFailureTests.FailingDatabaseFactory factory)
    : IClassFixture<WebhookDatabaseFailureTests.FailingDatabaseFactory>
{
    /// <summary>The app with a database that fails every command made for POST /webhooks/mollie while <see cref="Down"/> is set.</summary>
    public sealed class FailingDatabaseFactory : PortalFactory
    {
        public volatile bool Down;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.ConfigureDbContext<PortalDbContext>((sp, db) =>
            {
                var http = sp.GetRequiredService<IHttpContextAccessor>();
                db.AddInterceptors(new BeforeEveryCommand(_ =>
                {
                    if (Down && http.HttpContext?.Request.Path == "/webhooks/mollie") throw new DatabaseUnavailable();
                }));
            }));
        }
    }

    private sealed class DatabaseUnavailable() : DbException("The database is unavailable.");

    [Fact]
    public async Task MollieWebhook_DatabaseDown_Is503ProblemJson_SoMollieRetries_AndTheRetryIsAnswered()
    {
        var organisation = await factory.CreateOrganisationAsync();
        await organisation.AddCustomerAsync("C-1");
        await organisation.AddInvoiceAsync("F-1", "C-1", 12550, new DateOnly(2026, 12, 1));
        var browser = await organisation.OpenAsCustomerAsync("C-1");
        var start = await PayJourney.PostPayAsync(browser, "ideal", "F-1");
        var paymentId = start.Headers.Location!.AbsolutePath.Split('/')[^1];

        factory.Down = true;
        HttpResponseMessage response;
        try
        {
            response = await factory.CreateClient().PostAsync("/webhooks/mollie", ErrorStatusTests.Form(("id", paymentId)));
        }
        finally
        {
            factory.Down = false;
        }
        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");

        (await factory.CreateClient().PostAsync("/webhooks/mollie", ErrorStatusTests.Form(("id", paymentId)))).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
