using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Portal.Tests.Support;

public static class ApiJson
{
    public static StringContent Raw(string json) => new(json, Encoding.UTF8, "application/json");

    public static Task<HttpResponseMessage> PutJsonAsync(this HttpClient client, string url, object body) =>
        client.PutAsync(url, JsonContent.Create(body));

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static object Invoice(string customerRef = "C-1", decimal total = 125.50m, string issue = "2026-11-01", string due = "2026-12-01",
        string currency = "EUR") => new
    {
        customerRef,
        issueDate = issue,
        dueDate = due,
        currency,
        totalAmount = total,
        description = "Water november",
        lines = new[] { new { description = "Water", amount = total, quantity = 1, unitPrice = total, vatRate = 9 } },
    };
}
