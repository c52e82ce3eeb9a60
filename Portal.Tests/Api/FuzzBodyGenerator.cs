using System.Text.Json;

namespace Portal.Tests.Api;

/// <summary>
/// JSON for a contract type: plausible values (an invoice that adds up, the seeded customer), with each value swapped
/// for a nasty one at the given rate, or only the one at <paramref name="target"/>; now and then a property left out,
/// or one added that may not be set. <see cref="Paths"/> lists every value's place, as the API names fields.
/// </summary>
internal sealed class FuzzBodyGenerator(string[] nastyJson, Random random, double nastyRate, string? target = null, string? targetJson = null)
{
    public List<string> Paths { get; } = [];

    public string Json(Type type, string path)
    {
        var members = new List<string>();
        foreach (var property in type.GetProperties())
        {
            var name = JsonNamingPolicy.CamelCase.ConvertName(property.Name);
            var value = Value(property.PropertyType, property.Name, path.Length == 0 ? name : $"{path}.{name}");
            if (nastyRate == 0 || random.NextDouble() > 0.05) members.Add($"\"{name}\":{value}");
        }
        if (nastyRate > 0 && random.NextDouble() < 0.1) members.Add("\"status\":\"paid\",\"amountPaid\":10");
        return "{" + string.Join(",", members) + "}";
    }

    public string Value(Type type, string name, string path)
    {
        if (path.Length > 0) Paths.Add(path);
        if (path == target) return targetJson!;
        if (nastyRate > 0 && random.NextDouble() < nastyRate) return nastyJson[random.Next(nastyJson.Length)];
        var t = Nullable.GetUnderlyingType(type) ?? type;
        var lower = name.ToLowerInvariant();
        if (t == typeof(string)) return "\"" + PlausibleText(lower) + "\"";
        if (t == typeof(decimal)) return lower switch { "quantity" => "1", "vatrate" => "21", _ => "10.00" };
        if (t == typeof(DateOnly)) return "\"2026-11-01\"";
        if (t == typeof(DateTimeOffset) || t == typeof(DateTime)) return "\"2026-12-24T00:00:00Z\"";
        if (t == typeof(bool)) return random.Next(2) == 0 ? "true" : "false";
        if (t == typeof(int) || t == typeof(long)) return "1";
        if (t == typeof(Guid)) return $"\"{new Guid(Enumerable.Range(0, 16).Select(_ => (byte)random.Next(256)).ToArray())}\"";
        if (t.IsGenericType && t.GetGenericArguments() is [var element] && typeof(System.Collections.IEnumerable).IsAssignableFrom(t))
        {
            var count = nastyRate == 0 ? 1 : random.Next(10) switch { 0 => 0, 1 => 3, _ => 1 };
            var singular = lower.EndsWith('s') ? lower[..^1] : lower;
            return "[" + string.Join(",", Enumerable.Range(0, count).Select(i => Value(element, singular, $"{path}[{i}]"))) + "]";
        }
        if (t == typeof(object)) return nastyJson[random.Next(nastyJson.Length)];
        return Json(t, path);
    }

    private string PlausibleText(string name) => name switch
    {
        "customerref" => "C-1",
        "invoicenumber" => random.Next(3) == 0 ? "F-1" : $"FZ-{random.Next(1000)}",
        "currency" => "EUR",
        "language" => "nl",
        "country" => "NL",
        "email" => "fuzz@example.com",
        "phone" => "020 765 43 21",
        "url" => "https://localhost/hook",
        "postalcode" => "1234 AB",
        _ => $"Fuzz {random.Next(1000)}",
    };
}
