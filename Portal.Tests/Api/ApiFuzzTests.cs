using System.Globalization;
using System.Net.Http.Headers;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Infrastructure.Database;
using Portal.Tests.Support;
using Shouldly;
using Xunit.Abstractions;

namespace Portal.Tests.Api;

/// <summary>
/// Every endpoint under /api/v1, as the app's own route table lists it (so a new endpoint joins by itself), gets
/// malformed bodies, route values, query values and content types from a seeded generator, with a valid key. None may
/// fail on Portal's side (5xx), every error is problem+json, and a request that was refused leaves the database as it was.
/// </summary>
public class ApiFuzzTests(PortalFactory factory, ITestOutputHelper output) : IClassFixture<PortalFactory>
{
    private const int Seed = 20261201;
    private const int GeneratedBodiesPerEndpoint = 40;
    private const string BadBytes = "\u0001BAD\u0001";

    [Fact]
    public async Task EveryApiEndpoint_MalformedInput_Never5xx_AlwaysProblemJson_StoresNothingWhenRefused()
    {
        var organisation = await factory.CreateOrganisationAsync();
        var api = factory.CreateApiClient(organisation.ApiKey);
        var known = await SeedAsync(api);
        var endpoints = ApiEndpoints();
        endpoints.Select(e => e.Pattern).ShouldContain("/api/v1/invoices/{invoiceNumber}");
        endpoints.Count.ShouldBeGreaterThanOrEqualTo(17);

        var random = new Random(Seed);
        var failures = new List<string>();
        await using var snapshots = new DatabaseSnapshots(factory.Services);
        var snapshot = await snapshots.TakeAsync();
        var sent = 0;
        foreach (var endpoint in endpoints)
        {
            foreach (var request in Requests(endpoint, known, random))
            {
                factory.Clock.Advance(TimeSpan.FromSeconds(1));
                var (status, mediaType, body) = await SendAsync(organisation.ApiKey, request);
                sent++;
                var what = $"{request.Method} {Cut(request.Url, 160)} [{request.What}] body {Cut(Printable(request.Body), 160)} → {status} {Cut(body, 300)}";
                if (status >= 500) failures.Add("5xx: " + what);
                else if (status >= 400 && mediaType != "application/problem+json") failures.Add($"not problem+json ({mediaType}): " + what);
                var after = await snapshots.TakeAsync();
                if (status >= 400 && after != snapshot) failures.Add($"refused but stored ({snapshot} → {after}): " + what);
                snapshot = after;
            }
        }
        output.WriteLine($"{sent} requests to {endpoints.Count} endpoints.");
        failures.ShouldBeEmpty(string.Join("\n", failures.Take(40)));
    }

    private sealed record ApiEndpoint(string Method, string Pattern, IReadOnlyList<string> RouteParameters, Type? BodyType,
        IReadOnlyList<string> QueryParameters);

    /// <param name="Truncated">Sent through the test server with a body stream that fails half-way, as Kestrel's does.</param>
    private sealed record FuzzRequest(string Method, string Url, byte[]? Body, string? ContentType, string What,
        Exception? Truncated = null, string? IdempotencyKey = null);

    private async Task<Dictionary<string, string>> SeedAsync(HttpClient api)
    {
        (await api.PutAsync("/api/v1/customers/C-1", ApiJson.Raw("""
            {"name":"Sanne de Vries","email":"sanne@example.com","phone":"020 765 43 21","language":"nl",
             "address":{"line1":"Dorpsstraat 1","postalCode":"1234 AB","city":"Utrecht","country":"NL"}}
            """))).StatusCode.ShouldBe(System.Net.HttpStatusCode.Created);
        (await api.PutJsonAsync("/api/v1/invoices/F-1", ApiJson.Invoice())).StatusCode.ShouldBe(System.Net.HttpStatusCode.Created);
        var link = await (await api.PostAsync("/api/v1/pay-links", ApiJson.Raw("""{"customerRef":"C-1"}"""))).JsonAsync();
        return new() { ["customerRef"] = "C-1", ["invoiceNumber"] = "F-1", ["id"] = link.GetProperty("id").GetString()! };
    }

    private List<ApiEndpoint> ApiEndpoints()
    {
        var routeEndpoints = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1", StringComparison.Ordinal) == true);
        var result = new List<ApiEndpoint>();
        foreach (var e in routeEndpoints.OrderBy(e => e.RoutePattern.RawText, StringComparer.Ordinal))
        {
            var routeNames = e.RoutePattern.Parameters.Select(p => p.Name).ToList();
            var query = e.Metadata.OfType<MethodInfo>().FirstOrDefault()?.GetParameters()
                .Where(p => p.Name is not null && !routeNames.Contains(p.Name, StringComparer.OrdinalIgnoreCase) && IsQueryType(p.ParameterType))
                .Select(p => p.Name!).ToList() ?? [];
            foreach (var method in e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [])
                result.Add(new ApiEndpoint(method, e.RoutePattern.RawText!, routeNames, e.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType, query));
        }
        return result;
    }

    private static bool IsQueryType(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t == typeof(string) || t.IsPrimitive || t == typeof(decimal) || t == typeof(DateTimeOffset) || t == typeof(DateTime) || t == typeof(Guid);
    }

    private static readonly string[] BadRouteValues =
    [
        // %00 is left out: Kestrel refuses it in a path itself, and the test client throws before sending it.
        "%C3%28", "%FF", "%E2%82", "%C0%AF", "%ED%A0%80", "%01", "%0A", "%09", "%1F", "%7F", "%C2%85", "%20", "%20X%20", "X%20", ".",
        "%2E%2E", "%25", "%25C3", "%2F", "%EF%BC%91%EF%BC%92%EF%BC%93", "%C3%84%C3%96%C3%9C-%C3%9F%C3%A9", "---", "-1", "0", "null",
        "%EF%BB%BF", "%E2%80%AE", "%F0%9F%92%A9", new string('x', 101), new string('x', 4000),
    ];

    private static readonly string[] BadQueryValues =
    [
        "abc", "", "-1", "0", "1.5", "1e3", "99999999999999999999", "%00", "%C3%28", "%FF", "%0A", "2026-13-45",
        "9999-12-31T23:59:59-05:00", "0001-01-01T00:00:00%2B05:00", "NaN", "true", "[]", "%EF%BC%95", "MTIzLjQ1Ng", "LjE",
        "OTk5OTk5OTk5OTk5OTk5OTk5OS4x", new string('x', 3000),
    ];

    private static readonly string[] NastyJson =
    [
        "null", "true", "false", "0", "-0", "-1", "-0.0", "1e400", "-1e400", "1e-400", "79228162514264337593543950336",
        "123456789012345678901234567890.5", "0.00001", "10.123456", "1.23456789e5", "9223372036854775808", "\"\"", "\" \"",
        "\"\\u0000\"", "\"a\\u0000b\"", "\"\\t\"", "\"x\\ny\"", "\"\\r\\n\"", "\"\\u001f\"", "\"\\u007f\"", "\"\\u0085\"", "\"\\uD800\"",
        "\"\\uDC00x\"", "\"\\uFFFF\"", "\"10\"", "\"-0\"", "\"1e3\"", "\"abc\"", "\"" + new string('x', 300) + "\"",
        "\"" + new string('y', 5000) + "\"", "[]", "{}", "[null]", "[[]]", "[1,2]", "{\"a\":{}}", "\"2026-02-30\"", "\"0001-01-01\"",
        "\"9999-12-31T23:59:59Z\"", "\"2026-11-01T25:00:00Z\"", "\"١٢٣٤٥٦٧٨٩٠\"", "\"٠٦١٢٣٤٥٦٧٨\"", "\"a b@c.d\"", "\"%00\"", "\"%C3%28\"",
        "\"\u202Eevil\"", "\"💩\"", "\"ÄÖÜ-ßé\"", "\"１２３\"", "\"---\"", "\"<script>\"", "\"' OR 1=1 --\"", "\"https://169.254.169.254/\"",
        "\"http://localhost:1/\"", "\"" + BadBytes + "\"", string.Concat(Enumerable.Repeat("[", 100)) + string.Concat(Enumerable.Repeat("]", 100)),
    ];

    private static readonly string[] TargetedJson =
    [
        "\"a\\u0000b\"", "\"\\t\"", "\"x\\ny\"", "\"\\u0085\"", "\"\\uD800\"", "\"" + BadBytes + "\"", "\"10\"", "-0", "0", "-1", "1e400",
        "0.00001", "10.123456", "79228162514264337593543950336", "[]", "{}", "null", "\"١٢٣٤٥٦٧٨٩٠\"", "\"" + new string('x', 5000) + "\"",
    ];

    private static IEnumerable<FuzzRequest> Requests(ApiEndpoint endpoint, IReadOnlyDictionary<string, string> known, Random random)
    {
        string Path(string? badParameter = null, string? badValue = null)
        {
            var path = endpoint.Pattern;
            foreach (var name in endpoint.RouteParameters)
            {
                var value = name == badParameter ? badValue! : Uri.EscapeDataString(known.GetValueOrDefault(name, "FZ-1"));
                path = System.Text.RegularExpressions.Regex.Replace(path, "\\{" + name + "(:[^}]*)?\\}", value.Replace("$", "$$"));
            }
            return path;
        }
        var hasBody = endpoint.Method is "POST" or "PUT" or "PATCH";
        var plausibleBody = new FuzzBodyGenerator(NastyJson, random, 0);
        var plausible = endpoint.BodyType is null ? "{}" : plausibleBody.Json(endpoint.BodyType, "");

        foreach (var name in endpoint.RouteParameters)
        {
            foreach (var value in BadRouteValues)
                yield return Json(endpoint.Method, Path(name, value), hasBody ? plausible : null, $"route {name}");
        }
        foreach (var name in endpoint.QueryParameters)
        {
            foreach (var value in BadQueryValues)
                yield return Json(endpoint.Method, $"{Path()}?{name}={value}", hasBody ? plausible : null, $"query {name}");
            yield return Json(endpoint.Method, $"{Path()}?{name}=1&{name}=2", hasBody ? plausible : null, $"query {name} twice");
        }
        // Parameters an endpoint does not take are ignored.
        foreach (var query in new[] { "limit=abc", "x=%00", "x=%C3%28&y=%FF" })
            yield return Json(endpoint.Method, $"{Path()}?{query}", hasBody ? plausible : null, "query it does not take");
        yield return Json("PATCH", Path(), "{}", "method not mapped");
        if (!hasBody) yield break;

        foreach (var body in FixedBodies())
            yield return new FuzzRequest(endpoint.Method, Path(), body, "application/json", "fixed body");
        foreach (var member in PropertyNames(endpoint.BodyType))
        {
            yield return Json(endpoint.Method, Path(), $"{{\"{member}\":null,\"{member}\":null}}", "duplicate property");
            yield return Json(endpoint.Method, Path(), $"{{\"{member}\":{{\"{member}\":[{{}}]}}}}", "object where a value belongs");
        }
        // One value at a time, everywhere in an otherwise good body, so each field's own check is reached.
        foreach (var path in plausibleBody.Paths)
        {
            foreach (var value in TargetedJson)
                yield return Json(endpoint.Method, Path(), new FuzzBodyGenerator(NastyJson, random, 0, path, value).Json(endpoint.BodyType!, ""), $"{path} = {Cut(value, 20)}");
        }
        var generator = new FuzzBodyGenerator(NastyJson, random, 0.15);
        for (var i = 0; i < GeneratedBodiesPerEndpoint; i++)
            yield return Json(endpoint.Method, Path(), endpoint.BodyType is null ? generator.Value(typeof(object), "", "") : generator.Json(endpoint.BodyType, ""),
                "generated body");
        foreach (var type in new string?[] { null, "text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
                     "application/json; charset=utf-16", "application/problem+json" })
            yield return new FuzzRequest(endpoint.Method, Path(), Encoding.UTF8.GetBytes(plausible), type, $"content type {type ?? "none"}");
        foreach (var failure in new Exception[] { new IOException("The client went away."), new BadHttpRequestException("Unexpected end of request content.") })
        {
            yield return new FuzzRequest(endpoint.Method, Path(), Encoding.UTF8.GetBytes(plausible), "application/json", "truncated " + failure.GetType().Name, failure);
            if (endpoint.Method == "POST")
                yield return new FuzzRequest(endpoint.Method, Path(), Encoding.UTF8.GetBytes(plausible), "application/json",
                    "truncated with Idempotency-Key", failure, "fuzz-" + random.Next());
        }
        if (endpoint.Method == "POST")
        {
            foreach (var key in new[] { "", "é", new string('k', 300), "a b" })
                yield return new FuzzRequest(endpoint.Method, Path(), Encoding.UTF8.GetBytes(plausible), "application/json", "bad Idempotency-Key", null, key);
        }
    }

    private static FuzzRequest Json(string method, string url, string? body, string what) =>
        new(method, url, body is null ? null : Utf8WithBadBytes(body), body is null ? null : "application/json", what);

    /// <summary>UTF-8, except that each <see cref="BadBytes"/> marker becomes a byte sequence that is not UTF-8 at all.</summary>
    private static byte[] Utf8WithBadBytes(string text)
    {
        var parts = text.Split(BadBytes);
        var bytes = new List<byte>();
        for (var i = 0; i < parts.Length; i++)
        {
            if (i > 0) bytes.AddRange([0xC3, 0x28, 0xFF, 0xED, 0xA0, 0x80]);
            bytes.AddRange(Encoding.UTF8.GetBytes(parts[i]));
        }
        return [.. bytes];
    }

    private static IEnumerable<byte[]> FixedBodies()
    {
        string[] texts =
        [
            "", " ", "{", "}", "not json", "[]", "[{}]", "null", "0", "\"x\"", "true", "{}", "{\"a\":1} x", "{/*c*/}", "{\"a\":1,}", "{'a':1}",
            string.Concat(Enumerable.Repeat("[", 5000)) + string.Concat(Enumerable.Repeat("]", 5000)),
            string.Concat(Enumerable.Repeat("{\"a\":", 200)) + "1" + string.Concat(Enumerable.Repeat("}", 200)),
            "{\"x\":\"a\u0000b\"}", "{\"x\":\"\\u0000\"}", "{\"x\":1e400}", "{\"x\":\"" + BadBytes + "\"}", BadBytes + "{}",
            "{\"" + BadBytes + "\":1}", "{\"\\uD800\":1}", "{\"x\":\"" + new string('z', 1_100_000) + "\"}",
        ];
        foreach (var text in texts) yield return Utf8WithBadBytes(text);
        yield return [0xEF, 0xBB, 0xBF, (byte)'{', (byte)'}'];
        yield return Encoding.Unicode.GetBytes("{}");
        yield return [(byte)'{', (byte)'"', (byte)'x', (byte)'"', (byte)':', (byte)'"', 0xC0, 0xAF, (byte)'"', (byte)'}'];
    }

    private static IEnumerable<string> PropertyNames(Type? type) =>
        type is null ? [] : type.GetProperties().Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name));

    private async Task<(int Status, string? MediaType, string Body)> SendAsync(string apiKey, FuzzRequest request)
    {
        if (request.Truncated is not null)
        {
            var answer = await TruncatedBody.SendAsync(factory.Server, request.Method, request.Url, apiKey, request.Body!, request.Truncated,
                request.IdempotencyKey);
            return (answer.Status, answer.MediaType, answer.Body);
        }
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), request.Url);
        if (request.Body is not null)
        {
            message.Content = new ByteArrayContent(request.Body);
            if (request.ContentType is not null) message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(request.ContentType);
        }
        if (request.IdempotencyKey is not null) message.Headers.TryAddWithoutValidation("Idempotency-Key", request.IdempotencyKey);
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        using var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var response = await client.SendAsync(message);
        return ((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync());
    }

    private static string Printable(byte[]? body) =>
        body is null ? "(none)" : Encoding.UTF8.GetString(body).Replace("\0", "\\0", StringComparison.Ordinal);

    private static string Cut(string text, int length) => text.Length <= length ? text : text[..length] + "…";
}
