using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Shouldly;

namespace Portal.E2E.Infrastructure;

/// <summary>What the ERP sees through API v1 with its Bearer key: invoices, the event feed and its webhook endpoints.</summary>
public sealed class ErpApi : IDisposable
{
    private readonly HttpClient _http;

    public ErpApi(Uri baseAddress, string apiKey)
    {
        _http = new HttpClient { BaseAddress = baseAddress };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
    }

    /// <summary>One event from <c>GET /api/v1/events</c>.</summary>
    public sealed record Event(string Id, string Type, JsonElement Data)
    {
        public string? PaymentId => Data.TryGetProperty("paymentId", out var id) ? id.GetString() : null;

        public IReadOnlyList<string> InvoiceNumbers => Data.TryGetProperty("invoiceNumbers", out var numbers)
            ? numbers.EnumerateArray().Select(n => n.GetString()!).ToList()
            : [];
    }

    /// <summary><c>GET /api/v1/invoices/{number}</c>, which must answer 200.</summary>
    public async Task<JsonElement> GetInvoiceAsync(string invoiceNumber)
    {
        using var response = await _http.GetAsync("/api/v1/invoices/" + Uri.EscapeDataString(invoiceNumber));
        response.StatusCode.ShouldBe(HttpStatusCode.OK, $"GET invoice {invoiceNumber}: {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>A POST with an optional JSON body, which must answer 200; the answer's JSON.</summary>
    public async Task<JsonElement> PostAsync(string path, object? body = null)
    {
        using var response = body is null ? await _http.PostAsync(path, null) : await _http.PostAsJsonAsync(path, body);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, $"POST {path}: {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Every event after the cursor (all when null), page by page, as an ERP catches up.</summary>
    public async Task<IReadOnlyList<Event>> EventsAfterAsync(string? after)
    {
        var events = new List<Event>();
        while (true)
        {
            var path = "/api/v1/events?limit=1000" + (after is null ? "" : "&after=" + Uri.EscapeDataString(after));
            using var response = await _http.GetAsync(path);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, $"GET {path}: {await response.Content.ReadAsStringAsync()}");
            var page = await response.Content.ReadFromJsonAsync<JsonElement>();
            var items = page.GetProperty("items").EnumerateArray()
                .Select(e => new Event(e.GetProperty("id").GetString()!, e.GetProperty("type").GetString()!, e.GetProperty("data").Clone()))
                .ToList();
            if (items.Count == 0) return events;
            events.AddRange(items);
            after = page.GetProperty("nextCursor").GetString();
        }
    }

    /// <summary>The cursor after the last event so far, so a test reads only what happens from now on.</summary>
    public async Task<string?> CursorNowAsync() => (await EventsAfterAsync(null)).LastOrDefault()?.Id;

    /// <summary><c>POST /api/v1/webhook-endpoints</c>; answers the endpoint's id and its signing secret (shown only here).</summary>
    public async Task<(Guid Id, string Secret)> RegisterWebhookEndpointAsync(Uri url)
    {
        using var response = await _http.PostAsJsonAsync("/api/v1/webhook-endpoints", new { url = url.ToString() });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, $"Registering {url}: {await response.Content.ReadAsStringAsync()}");
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (created.GetProperty("id").GetGuid(), created.GetProperty("secret").GetString()!);
    }

    public async Task DeleteWebhookEndpointAsync(Guid id)
    {
        using var response = await _http.DeleteAsync($"/api/v1/webhook-endpoints/{id}");
        response.StatusCode.ShouldBe(HttpStatusCode.NoContent);
    }

    public void Dispose() => _http.Dispose();
}
