using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Events;
using Portal.Infrastructure.Database;
using Portal.Infrastructure.Events;
using Portal.Tests.Support;
using Shouldly;

namespace Portal.Tests.Api;

public class WebhookTests : IClassFixture<PortalFactory>
{
    private static readonly Receiver Erp = new();
    private readonly PortalFactory _factory;

    public WebhookTests(PortalFactory factory)
    {
        _factory = factory;
        _factory.ErpWebhookHandler ??= Erp;
    }

    /// <summary>The ERP's receiver: answers from a queue of status codes (200 when empty) and keeps what arrived.</summary>
    private sealed class Receiver : HttpMessageHandler
    {
        public Queue<HttpStatusCode> Answers { get; } = new();
        public List<(string Url, string Id, string Timestamp, string Signature, string Body)> Received { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            var body = await request.Content!.ReadAsStringAsync(ct);
            lock (Received)
            {
                Received.Add((request.RequestUri!.ToString(), request.Headers.GetValues("webhook-id").Single(),
                    request.Headers.GetValues("webhook-timestamp").Single(), request.Headers.GetValues("webhook-signature").Single(), body));
                var status = Answers.Count > 0 ? Answers.Dequeue() : HttpStatusCode.OK;
                var response = new HttpResponseMessage(status);
                if (status == HttpStatusCode.Found) response.Headers.Location = new Uri("https://elsewhere.example/");
                return response;
            }
        }
    }

    [Theory]
    [InlineData("https://127.0.0.1/hook")]
    [InlineData("https://10.1.2.3/hook")]
    [InlineData("https://192.168.1.10/hook")]
    [InlineData("https://169.254.169.254/latest/meta-data")]
    [InlineData("https://[::1]/hook")]
    [InlineData("http://203.0.113.10/hook")]
    [InlineData("ftp://203.0.113.10/hook")]
    [InlineData("https://user:secret@203.0.113.10/hook")]
    public async Task Register_UnsafeTarget_Is422NamingUrl(string url)
    {
        var organisation = await _factory.CreateOrganisationAsync();
        var response = await _factory.CreateApiClient(organisation.ApiKey).PostAsync("/api/v1/webhook-endpoints", ApiJson.Raw($$"""{"url":"{{url}}"}"""));
        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await response.JsonAsync()).GetProperty("errors").TryGetProperty("url", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task Event_IsDeliveredSigned_RetriedUnderTheSameId_AndRedirectsAreNotFollowed()
    {
        var organisation = await _factory.CreateOrganisationAsync();
        var api = _factory.CreateApiClient(organisation.ApiKey);
        var created = await (await api.PostAsync("/api/v1/webhook-endpoints", ApiJson.Raw("""{"url":"https://203.0.113.10/erp/hook"}"""))).JsonAsync();
        var secret = created.GetProperty("secret").GetString()!;
        secret.ShouldStartWith("whsec_");
        (await (await api.GetAsync("/api/v1/webhook-endpoints")).JsonAsync()).EnumerateArray().Single().TryGetProperty("secret", out _).ShouldBeFalse();

        await _factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<PortalDbContext>();
            db.OutboxEvents.Add(OutboxEvent.Create(organisation.Id, EventCatalogue.PaymentPaid, new PaymentEventData(Guid.NewGuid(), ["F-1"], 10m, "EUR", "ideal", "paid"), _factory.Clock.GetUtcNow().UtcDateTime));
            return await db.SaveChangesAsync();
        });
        lock (Erp.Received) { Erp.Received.Clear(); Erp.Answers.Enqueue(HttpStatusCode.InternalServerError); Erp.Answers.Enqueue(HttpStatusCode.Found); }

        Task<int> Dispatch() => _factory.WithScopeAsync(sp => sp.GetRequiredService<WebhookDispatcher>().RunAsync());
        (await Dispatch()).ShouldBe(0);
        _factory.Clock.Advance(TimeSpan.FromMinutes(1));
        (await Dispatch()).ShouldBe(0);
        _factory.Clock.Advance(TimeSpan.FromMinutes(5));
        (await Dispatch()).ShouldBe(1);
        (await Dispatch()).ShouldBe(0);

        lock (Erp.Received)
        {
            Erp.Received.Count.ShouldBe(3);
            Erp.Received.Select(r => r.Id).Distinct().ShouldHaveSingleItem();
            Erp.Received.ShouldAllBe(r => r.Url == "https://203.0.113.10/erp/hook");
            foreach (var (_, id, timestamp, signature, body) in Erp.Received)
                signature.ShouldBe(WebhookSignature.Sign(secret, id, long.Parse(timestamp), body));
            Erp.Received[^1].Body.ShouldContain("\"type\":\"payment.paid\"");
        }
        var last = await _factory.WithScopeAsync(sp => sp.GetRequiredService<PortalDbContext>().WebhookDeliveries.AsNoTracking()
            .SingleAsync(d => d.DeliveredAtUtc != null && d.WebhookId.StartsWith("msg_")));
        last.Attempts.ShouldBe(3);
    }

    [Fact]
    public async Task Delete_StopsDeliveries_AndOtherOrganisationsCannotDelete()
    {
        var organisation = await _factory.CreateOrganisationAsync();
        var other = await _factory.CreateOrganisationAsync();
        var api = _factory.CreateApiClient(organisation.ApiKey);
        var id = (await (await api.PostAsync("/api/v1/webhook-endpoints", ApiJson.Raw("""{"url":"https://203.0.113.11/hook"}"""))).JsonAsync())
            .GetProperty("id").GetString();
        (await _factory.CreateApiClient(other.ApiKey).DeleteAsync($"/api/v1/webhook-endpoints/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await api.DeleteAsync($"/api/v1/webhook-endpoints/{id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await (await api.GetAsync("/api/v1/webhook-endpoints")).JsonAsync()).GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task Delete_AlsoStopsRetriesOfDeliveriesThatFailedBefore()
    {
        var organisation = await _factory.CreateOrganisationAsync();
        var api = _factory.CreateApiClient(organisation.ApiKey);
        var id = (await (await api.PostAsync("/api/v1/webhook-endpoints", ApiJson.Raw("""{"url":"https://203.0.113.12/hook"}"""))).JsonAsync())
            .GetProperty("id").GetString();
        await _factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<PortalDbContext>();
            db.OutboxEvents.Add(OutboxEvent.Create(organisation.Id, EventCatalogue.PaymentPaid, new PaymentEventData(Guid.NewGuid(), ["F-9"], 10m, "EUR", "ideal", "paid"), _factory.Clock.GetUtcNow().UtcDateTime));
            return await db.SaveChangesAsync();
        });
        Task<int> Dispatch() => _factory.WithScopeAsync(sp => sp.GetRequiredService<WebhookDispatcher>().RunAsync());
        int SentToThisEndpoint() { lock (Erp.Received) return Erp.Received.Count(r => r.Url == "https://203.0.113.12/hook"); }
        lock (Erp.Received) Erp.Answers.Enqueue(HttpStatusCode.ServiceUnavailable);
        await Dispatch();
        SentToThisEndpoint().ShouldBe(1);

        (await api.DeleteAsync($"/api/v1/webhook-endpoints/{id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        _factory.Clock.Advance(TimeSpan.FromHours(1));
        await Dispatch();

        SentToThisEndpoint().ShouldBe(1);
        var delivery = await _factory.WithScopeAsync(sp => sp.GetRequiredService<PortalDbContext>().WebhookDeliveries.AsNoTracking()
            .SingleAsync(d => d.EndpointId == Guid.Parse(id!)));
        (delivery.NextAttemptAtUtc, delivery.LastResult).ShouldBe((null, "endpoint deleted"));
    }

    [Theory]
    [InlineData("8.8.8.8", true)]
    [InlineData("203.0.113.10", true)]
    [InlineData("127.0.0.1", false)]
    [InlineData("10.0.0.1", false)]
    [InlineData("172.16.5.4", false)]
    [InlineData("172.32.0.1", true)]
    [InlineData("100.64.0.1", false)]
    [InlineData("fe80::1", false)]
    [InlineData("fd00::1", false)]
    [InlineData("::ffff:10.0.0.1", false)]
    public void AddressGuard_KnowsPublicFromPrivate(string address, bool isPublic) =>
        AddressGuard.IsPublic(IPAddress.Parse(address)).ShouldBe(isPublic);
}
