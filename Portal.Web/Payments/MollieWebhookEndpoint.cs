using System.Data.Common;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Portal.Infrastructure.Payments;
using Portal.Infrastructure.Payments.Mollie;

namespace Portal.Web.Payments;

/// <summary>
/// POST /webhooks/mollie with <c>id=tr_…</c>. The body is only a hint: the status is fetched from the provider.
/// Unknown ids answer 200 so nothing leaks; when Portal's database or the provider is down it answers 503 so Mollie
/// retries (a 500 would tell Mollie nothing it can act on, and it gives up after its last retry either way).
/// </summary>
public static partial class MollieWebhookEndpoint
{
    public static void MapMollieWebhook(this IEndpointRouteBuilder app) =>
        app.MapPost("/webhooks/mollie", Receive).DisableAntiforgery().AllowAnonymous().ExcludeFromDescription()
            .RequireRateLimiting(Setup.RateLimits.MollieWebhook);

    private static async Task<IResult> Receive(HttpRequest request, PaymentSyncService sync, ILogger<PaymentSyncService> logger, CancellationToken ct)
    {
        if (!request.HasFormContentType) return Results.Ok();
        string id;
        try
        {
            id = (await request.ReadFormAsync(ct))["id"].ToString();
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException or IOException)
        {
            // Not a form Mollie sends (a NUL in a value, a body cut off): say so plainly, it is no payment of ours.
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The body cannot be read.",
                detail: "Send the form Mollie sends: id=tr_….");
        }
        if (!PaymentId().IsMatch(id)) return Results.Ok();
        try
        {
            await sync.SyncProviderPaymentAsync(id, ct);
            return Results.Ok();
        }
        catch (MollieApiException e) when (e.Status == 404)
        {
            return Results.Ok();
        }
        catch (MollieApiException e) when (e.IsTransient)
        {
            logger.LogWarning("Mollie was unavailable while handling the webhook for {PaymentId}; Mollie will retry.", id);
            return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }
        catch (Exception e) when (IsDatabaseFailure(e))
        {
            logger.LogWarning(e, "The database failed while handling the webhook for {PaymentId}; Mollie will retry.", id);
            return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }
    }

    /// <summary>The database refused or lost the work: a driver error (SQLite, PostgreSQL), or EF's wrapper of one on saving.</summary>
    private static bool IsDatabaseFailure(Exception e)
    {
        for (Exception? current = e; current is not null; current = current.InnerException)
            if (current is DbException or DbUpdateException) return true;
        return false;
    }

    [GeneratedRegex("^tr_[A-Za-z0-9]{1,64}$")]
    private static partial Regex PaymentId();
}
