using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Portal.Infrastructure.Payments.Mollie;

/// <summary>
/// A small typed client for the Mollie v2 API (the Mollie.Api package cannot be had here). Portal's sandbox speaks
/// the same API, so development, tests and production run this one code path.
/// </summary>
public sealed class MollieClient(HttpClient http)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Creates a payment. The key makes a retry, or a second click, return the first payment instead of a new one.</summary>
    public Task<MolliePayment> CreatePaymentAsync(CreateMolliePayment payment, string idempotencyKey, CancellationToken ct = default) =>
        SendAsync<MolliePayment>(Post("payments", payment, idempotencyKey), ct);

    public Task<MolliePayment> GetPaymentAsync(string paymentId, CancellationToken ct = default) =>
        SendAsync<MolliePayment>(new HttpRequestMessage(HttpMethod.Get, $"payments/{Uri.EscapeDataString(paymentId)}"), ct);

    public Task<MolliePayment> CancelPaymentAsync(string paymentId, CancellationToken ct = default) =>
        SendAsync<MolliePayment>(new HttpRequestMessage(HttpMethod.Delete, $"payments/{Uri.EscapeDataString(paymentId)}"), ct);

    public Task<MollieCustomer> CreateCustomerAsync(CreateMollieCustomer customer, string idempotencyKey, CancellationToken ct = default) =>
        SendAsync<MollieCustomer>(Post("customers", customer, idempotencyKey), ct);

    public Task<MollieCustomer> GetCustomerAsync(string customerId, CancellationToken ct = default) =>
        SendAsync<MollieCustomer>(new HttpRequestMessage(HttpMethod.Get, $"customers/{Uri.EscapeDataString(customerId)}"), ct);

    /// <summary>Registers a SEPA direct-debit mandate the customer signed with the organisation.</summary>
    public Task<MollieMandate> CreateMandateAsync(string customerId, CreateMollieMandate mandate, string idempotencyKey, CancellationToken ct = default) =>
        SendAsync<MollieMandate>(Post($"customers/{Uri.EscapeDataString(customerId)}/mandates", mandate, idempotencyKey), ct);

    public Task<MollieMandate> GetMandateAsync(string customerId, string mandateId, CancellationToken ct = default) =>
        SendAsync<MollieMandate>(new HttpRequestMessage(HttpMethod.Get, $"customers/{Uri.EscapeDataString(customerId)}/mandates/{Uri.EscapeDataString(mandateId)}"), ct);

    public Task<MolliePage<MollieMandate>> ListMandatesAsync(string customerId, CancellationToken ct = default) =>
        SendListAsync<MollieMandate>(new HttpRequestMessage(HttpMethod.Get, $"customers/{Uri.EscapeDataString(customerId)}/mandates"), "mandates", ct);

    /// <summary>Revokes a mandate: no more collections on it. Mollie answers 204.</summary>
    public Task RevokeMandateAsync(string customerId, string mandateId, CancellationToken ct = default) =>
        SendRawAsync(new HttpRequestMessage(HttpMethod.Delete, $"customers/{Uri.EscapeDataString(customerId)}/mandates/{Uri.EscapeDataString(mandateId)}"), ct);

    public Task<MollieRefund> CreateRefundAsync(string paymentId, CreateMollieRefund refund, string idempotencyKey, CancellationToken ct = default) =>
        SendAsync<MollieRefund>(Post($"payments/{Uri.EscapeDataString(paymentId)}/refunds", refund, idempotencyKey), ct);

    public Task<MolliePage<MollieRefund>> ListRefundsAsync(string paymentId, CancellationToken ct = default) =>
        SendListAsync<MollieRefund>(new HttpRequestMessage(HttpMethod.Get, $"payments/{Uri.EscapeDataString(paymentId)}/refunds"), "refunds", ct);

    /// <summary>Stops a refund that is still queued or pending (Mollie waits about two hours before paying it out).</summary>
    public Task CancelRefundAsync(string paymentId, string refundId, CancellationToken ct = default) =>
        SendRawAsync(new HttpRequestMessage(HttpMethod.Delete, $"payments/{Uri.EscapeDataString(paymentId)}/refunds/{Uri.EscapeDataString(refundId)}"), ct);

    public Task<MolliePage<MollieChargeback>> ListChargebacksAsync(string paymentId, CancellationToken ct = default) =>
        SendListAsync<MollieChargeback>(new HttpRequestMessage(HttpMethod.Get, $"payments/{Uri.EscapeDataString(paymentId)}/chargebacks"), "chargebacks", ct);

    public Task<MollieChargeback> GetChargebackAsync(string paymentId, string chargebackId, CancellationToken ct = default) =>
        SendAsync<MollieChargeback>(new HttpRequestMessage(HttpMethod.Get, $"payments/{Uri.EscapeDataString(paymentId)}/chargebacks/{Uri.EscapeDataString(chargebackId)}"), ct);

    private static HttpRequestMessage Post<TBody>(string path, TBody body, string idempotencyKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body, options: Json) };
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        return request;
    }

    private async Task<T> SendAsync<T>(HttpRequestMessage request, CancellationToken ct)
    {
        var (status, body) = await SendRawAsync(request, ct);
        return Read(status, body, json => JsonSerializer.Deserialize<T>(json, Json));
    }

    /// <summary>Mollie lists are HAL: <c>{"count": n, "_embedded": {"mandates": [...]}, "_links": {"next": …}}</c>.</summary>
    private async Task<MolliePage<T>> SendListAsync<T>(HttpRequestMessage request, string embeddedName, CancellationToken ct)
    {
        var (status, body) = await SendRawAsync(request, ct);
        return Read(status, body, json =>
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            var items = root.TryGetProperty("_embedded", out var embedded) && embedded.TryGetProperty(embeddedName, out var list)
                ? list.Deserialize<List<T>>(Json) ?? []
                : [];
            Uri? next = null;
            if (root.TryGetProperty("_links", out var links) && links.TryGetProperty("next", out var nextLink)
                && nextLink.ValueKind == JsonValueKind.Object && nextLink.TryGetProperty("href", out var href))
                next = new Uri(href.GetString()!);
            var count = root.TryGetProperty("count", out var c) ? c.GetInt32() : items.Count;
            return new MolliePage<T>(count, items, next);
        });
    }

    private static T Read<T>(int status, string body, Func<string, T?> parse)
    {
        try
        {
            return parse(body) ?? throw new JsonException("Empty body.");
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            throw new MollieApiException(status, "Unreadable answer", "Mollie's answer was not the expected JSON.", null, e);
        }
    }

    private async Task<(int Status, string Body)> SendRawAsync(HttpRequestMessage request, CancellationToken ct)
    {
        using (request)
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/hal+json"));
            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request, ct);
            }
            catch (Exception e) when (!ct.IsCancellationRequested && e is HttpRequestException or OperationCanceledException)
            {
                throw new MollieApiException(0, "Unreachable", "Mollie did not answer in time.", null, e);
            }
            using (response)
            {
                var body = await response.Content.ReadAsStringAsync(ct);
                if (!response.IsSuccessStatusCode) throw ToException((int)response.StatusCode, body);
                return ((int)response.StatusCode, body);
            }
        }
    }

    private static MollieApiException ToException(int status, string body)
    {
        try
        {
            var error = JsonSerializer.Deserialize<MollieErrorBody>(body, Json);
            if (error?.Detail is not null) return new MollieApiException(status, error.Title ?? "", error.Detail, error.Field);
        }
        catch (JsonException)
        {
            // An HTML error page from a proxy, or nothing at all: fall through.
        }
        return new MollieApiException(status, "HTTP " + status, string.IsNullOrWhiteSpace(body) ? "No details given." : "The answer was not JSON.", null);
    }
}
