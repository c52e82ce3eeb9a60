using System.Text.Json;
using System.Text.RegularExpressions;
using Portal.Domain.Payments;
using Portal.Infrastructure.Payments.Mollie;

namespace Portal.Sandbox;

/// <summary>
/// Mollie's v2 API as the sandbox speaks it, for everything Portal uses: payments, customers, mandates, refunds and
/// chargebacks. Same paths, JSON, errors and Idempotency-Key rules.
/// </summary>
public static partial class SandboxApiEndpoints
{
    public static void MapSandboxApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/mollie-sandbox/v2").ExcludeFromDescription().DisableAntiforgery()
            .AddEndpointFilter(async (context, next) =>
            {
                var http = context.HttpContext;
                string? auth = http.Request.Headers.Authorization;
                if (auth is null || !auth.StartsWith("Bearer test_", StringComparison.Ordinal))
                    return Error(401, "Unauthorized Request", "Missing authentication, or failed to authenticate");
                var fault = http.RequestServices.GetRequiredService<SandboxStore>().NextFault(http.Request.Method);
                if (fault == 0) { http.Abort(); return Results.Empty; }
                if (fault is { } status) return Error(status, "Injected fault", "The sandbox was told to fail this call.");
                return await next(context);
            });
        api.MapPost("/payments", (HttpRequest request, SandboxStore store) => CreatePayment(request, store, null));
        api.MapGet("/payments/{id}", GetPayment);
        api.MapDelete("/payments/{id}", CancelPayment);
        api.MapPost("/payments/{id}/refunds", CreateRefund);
        api.MapGet("/payments/{id}/refunds", (string id, HttpRequest request, SandboxStore store) =>
            WithPayment(store, id, p => List("refunds", p.Refunds.Select(r => r.ToMollie(BaseUrl(request))))));
        api.MapGet("/payments/{id}/refunds/{refundId}", (string id, string refundId, HttpRequest request, SandboxStore store) =>
            WithPayment(store, id, p => p.Refunds.Find(r => r.Id == refundId) is { } r ? Json(200, r.ToMollie(BaseUrl(request))) : NotFound("refund", refundId)));
        api.MapDelete("/payments/{id}/refunds/{refundId}", (string id, string refundId, SandboxStore store) =>
            WithPayment(store, id, p => p.Refunds.Find(r => r.Id == refundId) is not { } r ? NotFound("refund", refundId)
                : store.CancelRefund(r) ? Results.NoContent() : Error(422, "Unprocessable Entity", "The refund can no longer be canceled.")));
        api.MapGet("/payments/{id}/chargebacks", (string id, HttpRequest request, SandboxStore store) =>
            WithPayment(store, id, p => List("chargebacks", p.Chargebacks.Select(c => c.ToMollie(BaseUrl(request))))));
        api.MapGet("/payments/{id}/chargebacks/{chargebackId}", (string id, string chargebackId, HttpRequest request, SandboxStore store) =>
            WithPayment(store, id, p => p.Chargebacks.Find(c => c.Id == chargebackId) is { } c ? Json(200, c.ToMollie(BaseUrl(request))) : NotFound("chargeback", chargebackId)));

        api.MapPost("/customers", CreateCustomer);
        api.MapGet("/customers/{id}", (string id, HttpRequest request, SandboxStore store) =>
            WithCustomer(store, id, c => Json(200, c.ToMollie(BaseUrl(request)))));
        api.MapDelete("/customers/{id}", (string id, SandboxStore store) => store.RemoveCustomer(id) ? Results.NoContent() : NotFound("customer", id));
        api.MapPost("/customers/{id}/payments", (string id, HttpRequest request, SandboxStore store) => CreatePayment(request, store, id));
        api.MapPost("/customers/{id}/mandates", CreateMandate);
        api.MapGet("/customers/{id}/mandates", (string id, HttpRequest request, SandboxStore store) =>
            WithCustomer(store, id, c => List("mandates", c.Mandates.Select(m => m.ToMollie(BaseUrl(request))))));
        api.MapGet("/customers/{id}/mandates/{mandateId}", (string id, string mandateId, HttpRequest request, SandboxStore store) =>
            WithCustomer(store, id, c => c.Mandates.Find(m => m.Id == mandateId) is { } m ? Json(200, m.ToMollie(BaseUrl(request))) : NotFound("mandate", mandateId)));
        api.MapDelete("/customers/{id}/mandates/{mandateId}", (string id, string mandateId, SandboxStore store) =>
            WithCustomer(store, id, c => store.RevokeMandate(c, mandateId) ? Results.NoContent() : NotFound("mandate", mandateId)));
    }

    private static Task<IResult> CreatePayment(HttpRequest request, SandboxStore store, string? customerPath) =>
        Idempotent<CreateMolliePayment>(request, payment =>
        {
            if (!AmountValue().IsMatch(payment.Amount?.Value ?? "") || string.IsNullOrEmpty(payment.Amount?.Currency))
                return Invalid("amount", "The amount is invalid: the value must be a string with two decimals, such as \"10.00\".");
            if (string.IsNullOrWhiteSpace(payment.Description)) return Invalid("description", "The description is required.");
            if (payment.SequenceType is not (null or "oneoff" or "first" or "recurring"))
                return Invalid("sequenceType", "The sequence type must be oneoff, first or recurring.");
            if (payment.Method is not (null or "ideal" or "directdebit" or "banktransfer"))
                return Invalid("method", $"The payment method '{payment.Method}' is invalid or not enabled for this profile.");
            var customerId = customerPath ?? payment.CustomerId;
            var customer = customerId is null ? null : store.FindCustomer(customerId);
            if (customerId is not null && customer is null) return Invalid("customerId", $"No customer exists with token {customerId}.");
            if (payment.SequenceType != "recurring")
            {
                if (string.IsNullOrEmpty(payment.RedirectUrl)) return Invalid("redirectUrl", "The redirect URL is required.");
                if (payment.SequenceType == "first" && customer is null) return Invalid("customerId", "A first payment needs a customer.");
                var created = store.AddPayment(payment, customerId);
                return (201, created.ToMollie);
            }
            if (customer is null) return Invalid("customerId", "A recurring payment needs a customer.");
            if (store.UsableMandate(customer, payment.MandateId) is not { } mandate)
                return Invalid("mandateId", payment.MandateId is null ? "The customer has no valid mandates." : $"The mandate {payment.MandateId} is not valid.");
            var debit = store.AddPayment(payment, customer.Id, mandate.Id);
            return (201, debit.ToMollie);
        });

    private static IResult GetPayment(string id, HttpRequest request, SandboxStore store) =>
        WithPayment(store, id, p => Json(200, p.ToMollie(BaseUrl(request))));

    private static IResult CancelPayment(string id, HttpRequest request, SandboxStore store) =>
        WithPayment(store, id, p => store.SetStatus(id, "canceled") ? Json(200, p.ToMollie(BaseUrl(request)))
            : Error(422, "Unprocessable Entity", "The payment cannot be canceled."));

    private static Task<IResult> CreateRefund(string id, HttpRequest request, SandboxStore store) =>
        Idempotent<CreateMollieRefund>(request, refund =>
        {
            if (store.Find(id) is not { } payment) return (404, _ => NotFoundBody("payment", id));
            if (!AmountValue().IsMatch(refund.Amount?.Value ?? "") || refund.Amount!.Currency != payment.Request.Amount.Currency)
                return Invalid("amount", "The amount is invalid: the value must be a string with two decimals in the payment's currency.");
            if (refund.Description is { Length: > 140 }) return Invalid("description", "The description is longer than 140 characters.");
            if (store.AddRefund(payment, SandboxAmounts.Parse(refund.Amount.Value), refund) is not { } created)
                return Invalid("amount", "The amount is higher than what is left to refund on this payment, or the payment is not paid.");
            return (201, created.ToMollie);
        });

    private static Task<IResult> CreateCustomer(HttpRequest request, SandboxStore store) =>
        Idempotent<CreateMollieCustomer>(request, customer =>
        {
            if (customer.Email is { } email && !email.Contains('@')) return Invalid("email", "The email address is invalid.");
            var created = store.AddCustomer(customer);
            return (201, created.ToMollie);
        });

    private static Task<IResult> CreateMandate(string id, HttpRequest request, SandboxStore store) =>
        Idempotent<CreateMollieMandate>(request, mandate =>
        {
            if (store.FindCustomer(id) is not { } customer) return (404, _ => NotFoundBody("customer", id));
            if (string.IsNullOrWhiteSpace(mandate.ConsumerName)) return Invalid("consumerName", "The consumer name is required.");
            if (!Iban.IsValid(mandate.ConsumerAccount)) return Invalid("consumerAccount", "The consumer account is not a valid IBAN.");
            if (mandate.SignatureDate is { } date && !DateOnly.TryParseExact(date, "yyyy-MM-dd", out _))
                return Invalid("signatureDate", "The signature date must be a date as YYYY-MM-DD.");
            var created = store.AddMandate(customer, mandate);
            return (201, created.ToMollie);
        });

    /// <summary>
    /// Reads a JSON body and runs a create under Mollie's Idempotency-Key rules: the same key and request again gives
    /// the first answer (Idempotent-Replayed: true); the same key with another request is 400; while the first is
    /// still running, 409. An error answer frees the key, so a corrected request can use it.
    /// </summary>
    private static async Task<IResult> Idempotent<T>(HttpRequest request, Func<T, (int Status, Func<string, object> Answer)> create)
        where T : class
    {
        var keys = request.HttpContext.RequestServices.GetRequiredService<SandboxIdempotency>();
        var body = await new StreamReader(request.Body).ReadToEndAsync();
        string? key = request.Headers["Idempotency-Key"];
        var scoped = key is null ? null : request.Headers.Authorization + "|" + key;
        if (scoped is not null)
        {
            var (check, earlier) = keys.ClaimKey(scoped, request.Method, request.Path, body);
            if (check == SandboxIdempotency.KeyCheck.Mismatch)
                return Error(400, "Bad Request", "The Idempotency-Key was used before with other parameters.");
            if (check == SandboxIdempotency.KeyCheck.InFlight)
                return Error(409, "Conflict", "A request with this Idempotency-Key is still being processed.");
            if (check == SandboxIdempotency.KeyCheck.Replay)
            {
                request.HttpContext.Response.Headers["Idempotent-Replayed"] = "true";
                return Json(201, earlier!(BaseUrl(request)));
            }
        }
        T? input;
        try { input = JsonSerializer.Deserialize<T>(body, MollieClient.Json); }
        catch (JsonException) { input = null; }
        var (status, answer) = input is null ? Invalid("body", "The request body is not valid JSON.") : create(input);
        if (status >= 400)
        {
            if (scoped is not null) keys.ReleaseKey(scoped);
            return Json(status, answer(BaseUrl(request)));
        }
        keys.CompleteKey(scoped, answer);
        return Json(status, answer(BaseUrl(request)));
    }

    private static (int, Func<string, object>) Invalid(string field, string detail) =>
        (422, _ => new { status = 422, title = "Unprocessable Entity", detail, field });

    private static IResult WithPayment(SandboxStore store, string id, Func<SandboxPayment, IResult> then) =>
        store.Find(id) is { } payment ? then(payment) : NotFound("payment", id);

    private static IResult WithCustomer(SandboxStore store, string id, Func<SandboxCustomer, IResult> then) =>
        store.FindCustomer(id) is { } customer ? then(customer) : NotFound("customer", id);

    private static object NotFoundBody(string resource, string id) =>
        new { status = 404, title = "Not Found", detail = $"No {resource} exists with token {id}." };

    private static IResult NotFound(string resource, string id) => Json(404, NotFoundBody(resource, id));

    /// <summary>Mollie's list shape: a count, the items under <c>_embedded</c>, and paging links (one page here).</summary>
    private static IResult List(string name, IEnumerable<object> items)
    {
        var list = items.ToList();
        return Json(200, new Dictionary<string, object?>
        {
            ["count"] = list.Count,
            ["_embedded"] = new Dictionary<string, object> { [name] = list },
            ["_links"] = new { next = (object?)null, previous = (object?)null },
        });
    }

    public static string BaseUrl(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}";

    private static IResult Json(int status, object body) =>
        Results.Json(body, MollieClient.Json, "application/hal+json", status);

    private static IResult Error(int status, string title, string detail, string? field = null) =>
        Json(status, new { status, title, detail, field });

    [GeneratedRegex(@"^\d{1,9}\.\d{2}$")]
    private static partial Regex AmountValue();
}
