using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Portal.Infrastructure.Messages;
using Portal.Tests.Support;
using Shouldly;

namespace Portal.Tests.Messages;

/// <summary>
/// Text messages through the CM.com adapter, against a stand-in for the gateway that checks each request has the shape
/// CM.com's Business Messaging API takes and answers as it does: accepted, an invalid number, or down for a while.
/// </summary>
public class SmsDeliveryTests(SmsDeliveryTests.SmsFactory factory) : IClassFixture<SmsDeliveryTests.SmsFactory>
{
    public const string Token = "6f5d1c0e-2b7a-4c8e-9a41-3e2f5b6c7d8e";

    public sealed class SmsFactory : PortalFactory
    {
        public Gateway Cm { get; } = new();

        protected override IEnumerable<(string Key, string Value)> Settings =>
            [("Portal:Sms:ProductToken", Token), ("Portal:Sms:Endpoint", "https://gw.cmtelecom.test/v1.0/message")];

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddHttpClient(SmsOptions.ClientName).ConfigurePrimaryHttpMessageHandler(() => Cm));
        }
    }

    /// <summary>CM.com's gateway as far as Portal uses it. A request of another shape fails the test.</summary>
    public sealed class Gateway : HttpMessageHandler
    {
        public List<JsonElement> Received { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Method.ShouldBe(HttpMethod.Post);
            request.RequestUri!.ToString().ShouldBe("https://gw.cmtelecom.test/v1.0/message");
            request.Content!.Headers.ContentType!.MediaType.ShouldBe("application/json");
            var body = JsonDocument.Parse(await request.Content.ReadAsStringAsync(cancellationToken)).RootElement.Clone();
            var messages = body.GetProperty("messages");
            messages.GetProperty("authentication").GetProperty("producttoken").GetString().ShouldBe(Token);
            var msg = messages.GetProperty("msg").EnumerateArray().ShouldHaveSingleItem();
            msg.GetProperty("from").GetString()!.ShouldMatch("^[A-Za-z0-9]{1,11}$");
            var number = msg.GetProperty("to").EnumerateArray().ShouldHaveSingleItem().GetProperty("number").GetString()!;
            number.ShouldMatch("^00[1-9][0-9]{6,14}$");
            msg.GetProperty("body").GetProperty("type").GetString().ShouldBe("AUTO");
            msg.GetProperty("body").GetProperty("content").GetString().ShouldNotBeNullOrWhiteSpace();
            msg.GetProperty("reference").GetString()!.ShouldMatch("^[A-Za-z0-9]{1,32}$");
            msg.GetProperty("maximumNumberOfMessageParts").GetInt32().ShouldBeGreaterThan(1);
            lock (Received) Received.Add(msg);

            var reference = msg.GetProperty("reference").GetString();
            return number switch
            {
                "0031612340000" => Answer(HttpStatusCode.BadRequest, 201, "Rejected", 303, "Gsm 0031612340000 is not a number.", number, reference),
                "0031611111111" => new HttpResponseMessage(HttpStatusCode.ServiceUnavailable),
                _ => Answer(HttpStatusCode.OK, 0, "Accepted", 0, null, number, reference),
            };
        }

        private static HttpResponseMessage Answer(HttpStatusCode status, int errorCode, string state, int messageErrorCode, string? details, string to,
            string? reference) => new(status)
        {
            Content = new StringContent(JsonSerializer.Serialize(new
            {
                details = errorCode == 0 ? "Created 1 message(s)" : "Not all messages were created",
                errorCode,
                messages = new[] { new { to, status = state, reference, parts = 1, messageDetails = details, messageErrorCode = messageErrorCode.ToString() } },
            }), Encoding.UTF8, "application/json"),
        };
    }

    private async Task<HttpClient> CustomerAsync(string phone)
    {
        var organisation = await factory.CreateOrganisationAsync();
        var api = factory.CreateApiClient(organisation.ApiKey);
        (await api.PutJsonAsync("/api/v1/customers/C-1", new { name = "Sanne de Vries", phone, preferredChannel = "sms" })).EnsureSuccessStatusCode();
        (await api.PostAsync("/api/v1/messages", ApiJson.Raw("""{"customerRef":"C-1","kind":"reminder"}"""))).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        await factory.WithScopeAsync(sp => sp.GetRequiredService<MessageDispatcher>().RunAsync());
        return api;
    }

    private static async Task<JsonElement> OnlyMessageAsync(HttpClient api) =>
        (await (await api.GetAsync("/api/v1/messages")).JsonAsync()).GetProperty("items").EnumerateArray().ShouldHaveSingleItem();

    [Fact]
    public async Task Sms_GoesToTheGateway_InInternationalFormat_WithThePayLink()
    {
        var api = await CustomerAsync("06 12345678");
        var item = await OnlyMessageAsync(api);
        item.GetProperty("status").GetString().ShouldBe("sent");
        var sent = factory.Cm.Received.Last(m => m.GetProperty("to")[0].GetProperty("number").GetString() == "0031612345678");
        sent.GetProperty("from").GetString().ShouldBe("Waterbedrij", "the organisation's name in at most 11 letters, when no sender is set");
        sent.GetProperty("body").GetProperty("content").GetString()!.ShouldStartWith("Waterbedrijf Test: we kregen € 0,00 nog niet. Betaal hier: http://localhost/p/");
        sent.GetProperty("reference").GetString().ShouldBe("portal" + item.GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task InvalidNumber_FailsForGood_AsABounce()
    {
        var api = await CustomerAsync("+31 6 12340000");
        var item = await OnlyMessageAsync(api);
        item.GetProperty("status").GetString().ShouldBe("failed");
        item.GetProperty("bounced").GetBoolean().ShouldBeTrue();
        item.GetProperty("failure").GetString()!.ShouldContain("error 303");
    }

    [Fact]
    public async Task GatewayDown_IsTriedAgainLater()
    {
        var api = await CustomerAsync("+31 6 11111111");
        var item = await OnlyMessageAsync(api);
        item.GetProperty("status").GetString().ShouldBe("queued");
        item.GetProperty("failure").GetString()!.ShouldContain("CM.com 503");
    }

    [Theory]
    [InlineData("+31612345678", "0031612345678")]
    [InlineData("0612345678", "0031612345678")]
    [InlineData("+32470123456", "0032470123456")]
    public void Numbers_AreWrittenTheWayCmTakesThem(string phone, string international) =>
        CmSmsSender.InternationalNumber(phone).ShouldBe(international);
}
