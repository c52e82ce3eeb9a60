using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Shouldly;

namespace Portal.E2E.Infrastructure;

/// <summary>
/// The Mollie sandbox's test controls under <c>/mollie-sandbox/__control</c>: what the provider holds, and webhooks
/// sent again as Mollie does when it is unsure Portal heard.
/// </summary>
public sealed class SandboxControl(Uri baseAddress) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = baseAddress };

    /// <summary>A payment as the provider holds it.</summary>
    public sealed record ProviderPayment(string Id, string Status, string Description, string? PortalPaymentId);

    /// <summary>Every payment the provider holds whose description names the invoice (Portal writes "Factuur(en) …").</summary>
    public async Task<IReadOnlyList<ProviderPayment>> PaymentsForInvoiceAsync(string invoiceNumber)
    {
        var all = await _http.GetFromJsonAsync<JsonElement>("/mollie-sandbox/__control/payments");
        return all.EnumerateArray()
            .Select(p => new ProviderPayment(p.GetProperty("id").GetString()!, p.GetProperty("status").GetString()!,
                p.GetProperty("description").GetString()!,
                p.TryGetProperty("metadata", out var m) && m.ValueKind == JsonValueKind.Object && m.TryGetProperty("payment", out var id) ? id.GetString() : null))
            .Where(p => p.Description.Contains(invoiceNumber, StringComparison.Ordinal))
            .ToList();
    }

    /// <summary>A direct debit (a <c>recurring</c> payment) as the provider holds it, with the day the bank collects it.</summary>
    public sealed record ProviderDebit(string Id, string Status, string Description, DateOnly DueDate, string? BankReasonCode);

    /// <summary>Every direct debit the provider holds whose description names the invoice.</summary>
    public async Task<IReadOnlyList<ProviderDebit>> DebitsForInvoiceAsync(string invoiceNumber)
    {
        var all = await _http.GetFromJsonAsync<JsonElement>("/mollie-sandbox/__control/payments");
        return all.EnumerateArray()
            .Where(p => p.GetProperty("sequenceType").GetString() == "recurring" && p.GetProperty("description").GetString()!.Contains(invoiceNumber, StringComparison.Ordinal))
            .Select(p => new ProviderDebit(p.GetProperty("id").GetString()!, p.GetProperty("status").GetString()!, p.GetProperty("description").GetString()!,
                DateOnly.ParseExact(p.GetProperty("details").GetProperty("dueDate").GetString()!, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                p.GetProperty("details").TryGetProperty("bankReasonCode", out var code) ? code.GetString() : null))
            .ToList();
    }

    /// <summary>The customer's bank refuses the next direct debit that falls due, with <paramref name="bankReasonCode"/>.</summary>
    public async Task FailNextDebitAsync(string bankReasonCode)
    {
        using var response = await _http.PostAsync($"/mollie-sandbox/__control/direct-debits/fail-next?bankReasonCode={bankReasonCode}", null);
        response.StatusCode.ShouldBe(HttpStatusCode.NoContent, $"Asking the next debit to fail with {bankReasonCode}");
    }

    /// <summary>The customer asks their bank for a paid direct debit back (MD06); the provider calls Portal's webhook.</summary>
    public async Task ChargebackAsync(string providerPaymentId)
    {
        using var response = await _http.PostAsync($"/mollie-sandbox/__control/payments/{providerPaymentId}/chargebacks", null);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, $"Charging back {providerPaymentId}: {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>The provider's status changes, but its webhook does not come (yet).</summary>
    public async Task SetStatusWithoutWebhookAsync(string providerPaymentId, string status)
    {
        using var response = await _http.PostAsync($"/mollie-sandbox/__control/payments/{providerPaymentId}/status/{status}?webhook=false", null);
        response.StatusCode.ShouldBe(HttpStatusCode.NoContent, $"Setting {providerPaymentId} to {status}");
    }

    /// <summary>Calls Portal's webhook for the payment again, and requires Portal to have answered 200.</summary>
    public async Task ReplayWebhookAsync(string providerPaymentId)
    {
        using var response = await _http.PostAsync($"/mollie-sandbox/__control/payments/{providerPaymentId}/webhook", null);
        response.StatusCode.ShouldBe(HttpStatusCode.NoContent, $"Replaying the webhook of {providerPaymentId}");
    }

    /// <summary>The provider refuses the next cancel (422), as Mollie does for most iDEAL payments.</summary>
    public async Task RefuseNextCancelAsync()
    {
        using var response = await _http.PostAsync("/mollie-sandbox/__control/faults?status=422&count=1&method=DELETE", null);
        response.StatusCode.ShouldBe(HttpStatusCode.NoContent, "Injecting a refused cancel");
    }

    public void Dispose() => _http.Dispose();
}
