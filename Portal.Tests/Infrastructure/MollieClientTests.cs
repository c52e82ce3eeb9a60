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

    [Fact]
    public async Task ListMandates_ReadsTheItemsUnderEmbedded_AndTheNextPageLink()
    {
        var (client, handler) = Client(_ => Respond(HttpStatusCode.OK, """
            {"count":2,"_embedded":{"mandates":[
              {"resource":"mandate","id":"mdt_1","mode":"test","status":"valid","method":"directdebit",
               "details":{"consumerName":"Sanne de Vries","consumerAccount":"NL91ABNA0417164300","consumerBic":"ABNANL2A"},
               "mandateReference":"PORTAL-1","signatureDate":"2026-11-20","createdAt":"2026-11-20T10:00:00+00:00"},
              {"resource":"mandate","id":"mdt_2","mode":"test","status":"invalid","method":"directdebit","details":null,
               "createdAt":"2026-11-21T10:00:00+00:00"}]},
             "_links":{"self":{"href":"https://api.mollie.test/v2/customers/cst_1/mandates","type":"application/hal+json"},
                       "next":{"href":"https://api.mollie.test/v2/customers/cst_1/mandates?from=mdt_3","type":"application/hal+json"},
                       "previous":null}}
            """));
        var page = await client.ListMandatesAsync("cst_1");

        handler.Sent.ShouldHaveSingleItem().Path.ShouldBe("/v2/customers/cst_1/mandates");
        page.Count.ShouldBe(2);
        page.Items.Select(m => (m.Id, m.IsValid)).ShouldBe([("mdt_1", true), ("mdt_2", false)]);
        page.Items[0].Details!.ConsumerAccount.ShouldBe("NL91ABNA0417164300");
        page.Next!.Query.ShouldBe("?from=mdt_3");
    }

    [Fact]
    public async Task CreateMandate_SendsDirectDebitWithTheKey_AndRevokeAcceptsAnEmpty204()
    {
        var (client, handler) = Client(
            _ => Respond(HttpStatusCode.Created, """
                {"resource":"mandate","id":"mdt_9","mode":"live","status":"valid","method":"directdebit",
                 "details":{"consumerName":"Sanne de Vries","consumerAccount":"NL91ABNA0417164300","consumerBic":null},
                 "mandateReference":"PORTAL-9","signatureDate":"2026-11-20","createdAt":"2026-11-20T10:00:00+00:00"}
                """),
            _ => new HttpResponseMessage(HttpStatusCode.NoContent));
        var mandate = await client.CreateMandateAsync("cst_1", new CreateMollieMandate("Sanne de Vries", "NL91ABNA0417164300", SignatureDate: "2026-11-20"), "mandate-key");
        await client.RevokeMandateAsync("cst_1", mandate.Id);

        handler.Sent[0].IdempotencyKey.ShouldBe("mandate-key");
        handler.Sent[0].Body!.ShouldContain("\"method\":\"directdebit\"");
        handler.Sent[0].Body!.ShouldContain("\"signatureDate\":\"2026-11-20\"");
        handler.Sent[0].Body!.ShouldNotContain("consumerBic");
        (handler.Sent[1].Method, handler.Sent[1].Path).ShouldBe((HttpMethod.Delete, "/v2/customers/cst_1/mandates/mdt_9"));
    }

    [Fact]
    public async Task CreateRefund_PostIsRetriedUnderItsKey_AndAConflictIsATypedError()
    {
        const string refund = """
            {"resource":"refund","id":"re_1","amount":{"currency":"EUR","value":"15.00"},"status":"pending",
             "description":"Te veel betaald","paymentId":"tr_abc123","createdAt":"2026-11-22T09:00:00+00:00"}
            """;
        var (client, handler) = Client(_ => Respond(HttpStatusCode.ServiceUnavailable, ""), _ => Respond(HttpStatusCode.Created, refund));
        var created = await client.CreateRefundAsync("tr_abc123", new CreateMollieRefund(new MollieAmount("EUR", "15.00"), "Te veel betaald"), "refund-key");
        (created.Id, created.Status, created.Amount.Value).ShouldBe(("re_1", "pending", "15.00"));
        handler.Sent.Select(s => (s.Path, s.IdempotencyKey)).ShouldBe([("/v2/payments/tr_abc123/refunds", "refund-key"), ("/v2/payments/tr_abc123/refunds", "refund-key")]);

        var (conflicting, _) = Client(_ => Respond(HttpStatusCode.Conflict,
            """{"status":409,"title":"Conflict","detail":"A duplicate refund has been detected"}"""));
        var error = await Should.ThrowAsync<MollieApiException>(() =>
            conflicting.CreateRefundAsync("tr_abc123", new CreateMollieRefund(new MollieAmount("EUR", "15.00")), "other-key"));
        (error.Status, error.IsTransient).ShouldBe((409, false));
    }

    [Fact]
    public async Task ListChargebacks_ReadsTheReasonCode_AndAnUnreadableListIsATypedError()
    {
        var (client, _) = Client(_ => Respond(HttpStatusCode.OK, """
            {"count":1,"_embedded":{"chargebacks":[{"resource":"chargeback","id":"chb_1","amount":{"currency":"EUR","value":"40.00"},
              "reason":{"code":"MD06","description":"Refund request by end customer"},"paymentId":"tr_abc123",
              "createdAt":"2026-11-25T09:00:00+00:00","reversedAt":null}]},"_links":{}}
            """));
        var chargeback = (await client.ListChargebacksAsync("tr_abc123")).Items.ShouldHaveSingleItem();
        (chargeback.Id, chargeback.Reason!.Code, chargeback.Amount.Value, chargeback.ReversedAt).ShouldBe(("chb_1", "MD06", "40.00", (DateTimeOffset?)null));

        var (broken, _) = Client(_ => Respond(HttpStatusCode.OK, "<html>maintenance</html>", "text/html"));
        (await Should.ThrowAsync<MollieApiException>(() => broken.ListChargebacksAsync("tr_abc123"))).Title.ShouldBe("Unreadable answer");
    }
}
