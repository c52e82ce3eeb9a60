using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Portal.Api.Auth;
using Portal.Api.Invoices;
using Portal.Infrastructure.Idempotency;

namespace Portal.Api.Http;

/// <summary>
/// <c>Idempotency-Key</c> on the ERP API's POSTs (ACCEPTANCE 23): the same key with the same request gives the first
/// response again with <c>Idempotent-Replayed: true</c> and does nothing twice; the same key with another request is
/// 422; while the first is still running, 409. Keys are per organisation and kept 48 hours. A request that failed
/// on Portal's side (5xx) frees its key, so it can simply be sent again.
/// </summary>
public static class IdempotencyMiddleware
{
    public const string Header = "Idempotency-Key";

    /// <summary>Call after authorization, so the caller's organisation is known.</summary>
    public static IApplicationBuilder UsePortalApiIdempotency(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        if (!HttpMethods.IsPost(request.Method) || !request.Path.StartsWithSegments("/api/v1")
            || !request.Headers.TryGetValue(Header, out var values) || context.User.Identity?.IsAuthenticated != true
            || context.User.FindFirst(ApiKeyAuthenticationHandler.OrganisationClaim) is null)
        {
            await next(context);
            return;
        }
        var key = values.ToString();
        if (key.Length is 0 or > 255 || key.Any(c => c is < '!' or > '~'))
        {
            await Problem(context, StatusCodes.Status400BadRequest, "Invalid Idempotency-Key",
                "An Idempotency-Key is 1 to 255 visible ASCII characters, such as a UUID.");
            return;
        }
        if (request.ContentLength > InvoiceBatchEndpoint.BodyLimit)
        {
            await next(context); // the endpoint answers 413
            return;
        }

        string hash;
        try
        {
            hash = await HashRequestAsync(request);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            await ApiProblems.TooLarge(InvoiceBatchEndpoint.BodyLimit).ExecuteAsync(context);
            return;
        }
        catch (Exception e) when (e is BadHttpRequestException or IOException && !context.RequestAborted.IsCancellationRequested)
        {
            // A body cut off in transit: nothing was claimed, so the retry with the same key runs.
            await JsonBody.Unreadable().ExecuteAsync(context);
            return;
        }
        var organisationId = context.User.OrganisationId();
        var store = context.RequestServices.GetRequiredService<IdempotencyStore>();
        var claim = await store.ClaimAsync(organisationId, key, hash, context.RequestAborted);
        switch (claim.Outcome)
        {
            case IdempotencyStore.ClaimOutcome.OtherRequest:
                await Problem(context, StatusCodes.Status422UnprocessableEntity, "Idempotency-Key reused",
                    "This Idempotency-Key was used before with another request. Use a new key for a new request.");
                return;
            case IdempotencyStore.ClaimOutcome.InFlight:
                await Problem(context, StatusCodes.Status409Conflict, "Request in progress",
                    "A request with this Idempotency-Key is still being processed. Try again in a moment.");
                return;
            case IdempotencyStore.ClaimOutcome.Replay:
                await ReplayAsync(context, claim.Earlier!, claim.EarlierBody);
                return;
        }

        var original = context.Response.Body;
        using var captured = new MemoryStream();
        context.Response.Body = captured;
        try
        {
            await next(context);
        }
        catch
        {
            context.Response.Body = original;
            await store.ReleaseAsync(organisationId, key);
            throw;
        }
        context.Response.Body = original;
        var status = context.Response.StatusCode;
        if (status >= 500 || status == StatusCodes.Status429TooManyRequests)
            await store.ReleaseAsync(organisationId, key);
        else
            await store.CompleteAsync(organisationId, key, status, context.Response.ContentType, context.Response.Headers.Location.ToString() is { Length: > 0 } l ? l : null,
                captured.ToArray());
        captured.Position = 0;
        await captured.CopyToAsync(original, context.RequestAborted);
    });

    private static async Task<string> HashRequestAsync(HttpRequest request)
    {
        var size = request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (size is { IsReadOnly: false }) size.MaxRequestBodySize = InvoiceBatchEndpoint.BodyLimit + 1;
        request.EnableBuffering(bufferThreshold: 1024 * 1024, bufferLimit: InvoiceBatchEndpoint.BodyLimit + 1);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{request.Method} {request.Path}{request.QueryString}\n"));
        var buffer = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, request.HttpContext.RequestAborted)) > 0) hash.AppendData(buffer, 0, read);
        request.Body.Position = 0;
        return Convert.ToHexString(hash.GetHashAndReset());
    }

    private static async Task ReplayAsync(HttpContext context, IdempotencyRecord earlier, byte[]? body)
    {
        var response = context.Response;
        response.StatusCode = earlier.ResponseStatus!.Value;
        if (earlier.ResponseContentType is not null) response.ContentType = earlier.ResponseContentType;
        if (earlier.ResponseLocation is not null) response.Headers.Location = earlier.ResponseLocation;
        response.Headers["Idempotent-Replayed"] = "true";
        if (body is { Length: > 0 }) await response.Body.WriteAsync(body, context.RequestAborted);
    }

    private static Task Problem(HttpContext context, int status, string title, string detail) =>
        Results.Problem(detail, statusCode: status, title: title).ExecuteAsync(context);
}
