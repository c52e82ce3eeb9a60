using System.Net;
using System.Text;
using Microsoft.Extensions.Options;
using Portal.Domain;
using Portal.Infrastructure.Payments.Mollie;
using Shouldly;

namespace Portal.Tests.Infrastructure;

public class MollieClientTests
{
    private const string PaymentJson = """
        {"resource":"payment","id":"tr_abc123","mode":"test","status":"open","amount":{"currency":"EUR","value":"125.50"},
         "description":"Factuur 2026-0101","method":"ideal","createdAt":"2026-11-22T09:00:00+00:00","isCancelable":true,
         "metadata":{"payment":"p-1"},"unknownField":42,
         "_links":{"self":{"href":"https://api.mollie.com/v2/payments/tr_abc123","type":"application/hal+json"},
                   "checkout":{"href":"https://www.mollie.com/checkout/select-method/abc123","type":"text/html"}}}
        """;

    /// <summary>Answers from a script, one response per call, and records what was sent.</summary>
    private sealed class ScriptedHandler(params Func<HttpRequestMessage, HttpResponseMessage>[] script) : HttpMessageHandler
    {
        public List<(HttpMethod Method, string Path, string? Body, string? IdempotencyKey)> Sent { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(ct);
            Sent.Add((request.Method, request.RequestUri!.AbsolutePath, body,
                request.Headers.TryGetValues("Idempotency-Key", out var keys) ? keys.Single() : null));
            return script[Math.Min(Sent.Count - 1, script.Length - 1)](request);
        }
    }

    private static HttpResponseMessage Respond(HttpStatusCode status, string body, string type = "application/hal+json") =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, type) };

    private static (MollieClient Client, ScriptedHandler Handler) Client(params Func<HttpRequestMessage, HttpResponseMessage>[] script)
    {
        var handler = new ScriptedHandler(script);
        var options = Options.Create(new MollieOptions { RetryBaseDelay = TimeSpan.FromMilliseconds(1), MaxRetryDelay = TimeSpan.FromMilliseconds(5) });
        var retry = new MollieRetryHandler(options, TimeProvider.System) { InnerHandler = handler };
        var http = new HttpClient(retry) { BaseAddress = new Uri("https://api.mollie.test/v2/") };
        return (new MollieClient(http), handler);
    }

    private static CreateMolliePayment NewPayment() =>
        new(MollieAmount.From(new Money(125.50m, "EUR")), "Factuur 2026-0101", RedirectUrl: "https://portal.test/pay/return", Method: "ideal");

    [Fact]
    public async Task CreatePayment_SendsStringAmountAndIdempotencyKey_AndReadsThePayment()
    {
        var (client, handler) = Client(_ => Respond(HttpStatusCode.Created, PaymentJson));
        var payment = await client.CreatePaymentAsync(NewPayment(), "key-1");

        var sent = handler.Sent.ShouldHaveSingleItem();
        sent.Method.ShouldBe(HttpMethod.Post);
        sent.Path.ShouldBe("/v2/payments");
        sent.IdempotencyKey.ShouldBe("key-1");
        sent.Body!.ShouldContain("\"amount\":{\"currency\":\"EUR\",\"value\":\"125.50\"}");
        sent.Body!.ShouldNotContain("webhookUrl");
        payment.Id.ShouldBe("tr_abc123");
        payment.Status.ShouldBe("open");
        payment.Amount.ToMoney().ShouldBe(new Money(125.50m, "EUR"));
        payment.CheckoutUrl!.ToString().ShouldBe("https://www.mollie.com/checkout/select-method/abc123");
        payment.Metadata!["payment"].ShouldBe("p-1");
    }

    [Fact]
    public async Task ValidationError_BecomesTypedExceptionWithField_AndIsNotRetried()
    {
        var (client, handler) = Client(_ => Respond(HttpStatusCode.UnprocessableEntity,
            """{"status":422,"title":"Unprocessable Entity","detail":"The amount is higher than the maximum","field":"amount"}"""));
        var error = await Should.ThrowAsync<MollieApiException>(() => client.CreatePaymentAsync(NewPayment(), "key-2"));
        (error.Status, error.Title, error.Detail, error.Field).ShouldBe((422, "Unprocessable Entity", "The amount is higher than the maximum", "amount"));
        error.IsTransient.ShouldBeFalse();
        handler.Sent.Count.ShouldBe(1);
    }

    [Fact]
    public async Task ServiceUnavailableThenCreated_PostWithKey_IsRetriedWithTheSameKey()
    {
        var (client, handler) = Client(
            _ => Respond(HttpStatusCode.ServiceUnavailable, "<html>busy</html>", "text/html"),
            _ => Respond(HttpStatusCode.Created, PaymentJson));
        (await client.CreatePaymentAsync(NewPayment(), "key-3")).Id.ShouldBe("tr_abc123");
        handler.Sent.Select(s => s.IdempotencyKey).ShouldBe(["key-3", "key-3"]);
    }

    [Fact]
    public async Task TooManyRequestsWithRetryAfter_GetIsRetried()
    {
        var (client, handler) = Client(
            _ => { var r = Respond(HttpStatusCode.TooManyRequests, "{}"); r.Headers.RetryAfter = new(TimeSpan.Zero); return r; },
            _ => Respond(HttpStatusCode.OK, PaymentJson));
        (await client.GetPaymentAsync("tr_abc123")).Status.ShouldBe("open");
        handler.Sent.Count.ShouldBe(2);
        handler.Sent[0].Path.ShouldBe("/v2/payments/tr_abc123");
    }

    [Fact]
    public async Task NetworkError_OnGet_IsRetried()
    {
        var calls = 0;
        var (client, _) = Client(_ => ++calls == 1 ? throw new HttpRequestException("connection refused") : Respond(HttpStatusCode.OK, PaymentJson));
        (await client.GetPaymentAsync("tr_abc123")).Id.ShouldBe("tr_abc123");
        calls.ShouldBe(2);
    }

    [Fact]
    public async Task PersistentOutage_GivesUpAfterTheRetries_WithATransientError()
    {
        var (client, handler) = Client(_ => Respond(HttpStatusCode.BadGateway, ""));
        var error = await Should.ThrowAsync<MollieApiException>(() => client.GetPaymentAsync("tr_abc123"));
        error.Status.ShouldBe(502);
        error.IsTransient.ShouldBeTrue();
        handler.Sent.Count.ShouldBe(4);
    }

    [Fact]
    public async Task PostWithoutIdempotencyKey_IsNeverRetried()
    {
        var handler = new ScriptedHandler(_ => Respond(HttpStatusCode.ServiceUnavailable, ""));
        var retry = new MollieRetryHandler(Options.Create(new MollieOptions { RetryBaseDelay = TimeSpan.Zero }), TimeProvider.System) { InnerHandler = handler };
        using var http = new HttpClient(retry);
        var response = await http.PostAsync("https://api.mollie.test/v2/payments", new StringContent("{}"));
        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        handler.Sent.Count.ShouldBe(1);
    }

    [Fact]
    public async Task NotFound_IsATypedNonTransientError()
    {
        var (client, _) = Client(_ => Respond(HttpStatusCode.NotFound,
            """{"status":404,"title":"Not Found","detail":"No payment exists with token tr_nope."}"""));
        var error = await Should.ThrowAsync<MollieApiException>(() => client.GetPaymentAsync("tr_nope"));
        error.Status.ShouldBe(404);
        error.IsTransient.ShouldBeFalse();
    }
}
