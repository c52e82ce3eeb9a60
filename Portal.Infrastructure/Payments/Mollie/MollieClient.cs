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
    public Task<MolliePayment> CreatePaymentAsync(CreateMolliePayment payment, string idempotencyKey, CancellationToken ct = default)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "payments") { Content = JsonContent.Create(payment, options: Json) };
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        return SendAsync<MolliePayment>(request, ct);
    }

    public Task<MolliePayment> GetPaymentAsync(string paymentId, CancellationToken ct = default) =>
        SendAsync<MolliePayment>(new HttpRequestMessage(HttpMethod.Get, $"payments/{Uri.EscapeDataString(paymentId)}"), ct);

    public Task<MolliePayment> CancelPaymentAsync(string paymentId, CancellationToken ct = default) =>
        SendAsync<MolliePayment>(new HttpRequestMessage(HttpMethod.Delete, $"payments/{Uri.EscapeDataString(paymentId)}"), ct);

    private async Task<T> SendAsync<T>(HttpRequestMessage request, CancellationToken ct)
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
                try
                {
                    return JsonSerializer.Deserialize<T>(body, Json) ?? throw new JsonException("Empty body.");
                }
                catch (JsonException e)
                {
                    throw new MollieApiException((int)response.StatusCode, "Unreadable answer", "Mollie's answer was not the expected JSON.", null, e);
                }
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
