using System.Buffers;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Portal.Api.Http;

/// <summary>
/// Reads a JSON body with a size limit and clear errors: broken JSON, bytes that are not UTF-8 and a body that ends
/// early are 400, a value of the wrong type is 422 naming the field, an oversized body is 413. Unknown properties are
/// ignored and never stored.
/// </summary>
public static class JsonBody
{
    public const long DefaultLimit = 1024 * 1024;

    // Bodies get a pool of their own. The shared pool keeps a returned array per thread as well as per core, so after
    // a few batch calls every thread that served one held its own multi-megabyte buffer; here at most two arrays of a
    // size are kept for the whole process, and none above 16 MB (a batch of 10,000 invoices is about 3 MB): this pool
    // never trims, so what it may keep is bounded by its sizes, about 64 MB at most.
    private static readonly ArrayPool<byte> Buffers = ArrayPool<byte>.Create(maxArrayLength: 16 * 1024 * 1024, maxArraysPerBucket: 2);

    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpRequest request, long limit = DefaultLimit) where T : class
    {
        if (request.ContentLength > limit) return (null, ApiProblems.TooLarge(limit));
        var sizeFeature = request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (sizeFeature is { IsReadOnly: false }) sizeFeature.MaxRequestBodySize = limit + 1;
        if (request.ContentType is { } type && !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)
            && !type.Contains("+json", StringComparison.OrdinalIgnoreCase))
            return (null, TypedResults.Problem("Send the body as application/json.", statusCode: StatusCodes.Status415UnsupportedMediaType));

        // A pooled buffer, sized by Content-Length when there is one: a batch is megabytes, and a fresh array per call
        // (doubled as it fills) would be garbage on the large object heap every time.
        var buffer = Buffers.Rent((int)Math.Clamp(request.ContentLength ?? 16 * 1024, 1, limit + 1));
        try
        {
            var length = 0;
            try
            {
                int read;
                while ((read = await request.Body.ReadAsync(buffer.AsMemory(length), request.HttpContext.RequestAborted)) > 0)
                {
                    length += read;
                    if (length > limit) return (null, ApiProblems.TooLarge(limit));
                    if (length == buffer.Length) buffer = Grow(buffer, length);
                }
            }
            catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                return (null, ApiProblems.TooLarge(limit));
            }
            catch (Exception e) when (e is BadHttpRequestException or IOException && !request.HttpContext.RequestAborted.IsCancellationRequested)
            {
                return (null, Unreadable());
            }
            return Parse<T>(request, buffer.AsMemory(0, length));
        }
        finally
        {
            Buffers.Return(buffer);
        }
    }

    private static byte[] Grow(byte[] buffer, int length)
    {
        var bigger = Buffers.Rent(length * 2);
        buffer.AsSpan(0, length).CopyTo(bigger);
        Buffers.Return(buffer);
        return bigger;
    }

    private static (T? Value, IResult? Problem) Parse<T>(HttpRequest request, ReadOnlyMemory<byte> body) where T : class
    {
        if (body.Length == 0) return (null, ApiProblems.BadRequest("The request has no body; send a JSON object."));
        // The parser checks UTF-8 only in the strings it reads; a broken byte anywhere is the body's fault, not a field's.
        if (!Utf8.IsValid(body.Span))
            return (null, ApiProblems.BadRequest("The body is not valid UTF-8. Send JSON encoded as UTF-8.", "body"));
        var options = request.HttpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;

        // A good object is read straight from the bytes; only a body that fails is parsed as a document to say what is
        // wrong with it, so a batch of megabytes is not held twice.
        if (body.Span.TrimStart(" \t\r\n"u8) is [(byte)'{', ..])
        {
            try
            {
                if (JsonSerializer.Deserialize<T>(body.Span, options) is { } value) return (value, null);
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException)
            {
            }
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            return (null, ApiProblems.BadRequest($"Malformed JSON at line {e.LineNumber + 1}, position {e.BytePositionInLine + 1}: {Describe(e)}"));
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                return (null, ApiProblems.BadRequest("The body must be a JSON object."));
            try
            {
                return (document.RootElement.Deserialize<T>(options), null);
            }
            catch (JsonException e)
            {
                if (FirstNonText(document.RootElement, "") is { } broken)
                {
                    var name = broken.Length == 0 ? "body" : broken;
                    return (null, ApiProblems.Validation(name, $"'{name}' holds an escape that is not text, such as a lone \\uD800."));
                }
                var field = FieldName(e.Path);
                return (null, ApiProblems.Validation(field, $"'{field}' has a value of the wrong type. {TypeHint(field)}"));
            }
        }
    }

    /// <summary>Where the first string is that cannot be text (an escaped lone surrogate such as \uD800), or null.</summary>
    private static string? FirstNonText(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                try
                {
                    element.GetString();
                    return null;
                }
                catch (InvalidOperationException)
                {
                    return path;
                }
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    string name;
                    try
                    {
                        name = property.Name;
                    }
                    catch (InvalidOperationException)
                    {
                        return path;
                    }
                    if (FirstNonText(property.Value, path.Length == 0 ? name : $"{path}.{name}") is { } found) return found;
                }
                return null;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (FirstNonText(item, $"{path}[{index++}]") is { } found) return found;
                }
                return null;
            default:
                return null;
        }
    }

    /// <summary>The client sent less than it announced, broke the chunked encoding or the connection failed while sending.</summary>
    public static IResult Unreadable() =>
        ApiProblems.BadRequest("The request body could not be read to its end: it was cut off or badly encoded. Send it again.", "body",
            "The request body could not be read.");

    /// <summary>"$.lines[0].amount" becomes "lines[0].amount".</summary>
    private static string FieldName(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "body" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');

    private static string TypeHint(string field)
    {
        var name = field[(field.LastIndexOf('.') + 1)..].ToLowerInvariant();
        return name switch
        {
            _ when name.EndsWith("date", StringComparison.Ordinal) => "Use a date as \"yyyy-MM-dd\".",
            _ when name.EndsWith("at", StringComparison.Ordinal) => "Use an ISO 8601 date and time with offset, such as \"2026-12-01T12:00:00Z\".",
            _ when name.Contains("amount") || name.Contains("price") => "Use a JSON number in major units, such as 125.50.",
            _ when name is "quantity" or "vatrate" => "Use a JSON number.",
            _ => "Check the API documentation at /api/docs.",
        };
    }

    private static string Describe(JsonException e)
    {
        var message = e.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}
