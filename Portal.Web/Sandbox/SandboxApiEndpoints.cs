using System.Text.Json;
using System.Text.RegularExpressions;
using Portal.Infrastructure.Payments.Mollie;

namespace Portal.Web.Sandbox;

/// <summary>Mollie's v2 payments API as the sandbox speaks it: same paths, JSON, errors and Idempotency-Key rules.</summary>
public static partial class SandboxApiEndpoints
{
    public static void MapSandboxApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/mollie-sandbox/v2").ExcludeFromDescription().DisableAntiforgery()
            .AddEndpointFilter(async (context, next) =>
            {
                var http = context.HttpContext;
                string? auth = http.Request.Headers.Authorization;
                if (auth is null || !auth.StartsWith("Bearer test_", StringComparison.Ordinal))
                    return Error(401, "Unauthorized Request", "Missing authentication, or failed to authenticate");
                var fault = http.RequestServices.GetRequiredService<SandboxStore>().NextFault();
                if (fault == 0) { http.Abort(); return Results.Empty; }
                if (fault is { } status) return Error(status, "Injected fault", "The sandbox was told to fail this call.");
                return await next(context);
            });
        api.MapPost("/payments", Create);
        api.MapGet("/payments/{id}", Get);
        api.MapDelete("/payments/{id}", Cancel);
    }

    private static async Task<IResult> Create(HttpRequest request, SandboxStore store)
    {
        var body = await new StreamReader(request.Body).ReadToEndAsync();
        string? key = request.Headers["Idempotency-Key"];
        var scoped = key is null ? null : request.Headers.Authorization + "|" + key;
        if (scoped is not null)
        {
            var (check, earlier) = store.ClaimKey(scoped, body);
            if (check == SandboxStore.KeyCheck.Mismatch)
                return Error(400, "Bad Request", "The Idempotency-Key was used before with other parameters.");
            if (check == SandboxStore.KeyCheck.InFlight)
                return Error(409, "Conflict", "A request with this Idempotency-Key is still being processed.");
            if (check == SandboxStore.KeyCheck.Replay)
            {
                request.HttpContext.Response.Headers["Idempotent-Replayed"] = "true";
                return Json(201, earlier!.ToMollie(BaseUrl(request)));
            }
        }
        CreateMolliePayment? payment;
        try { payment = JsonSerializer.Deserialize<CreateMolliePayment>(body, MollieClient.Json); }
        catch (JsonException) { payment = null; }
        var invalid = payment is null ? ("body", "The request body is not valid JSON.") : Validate(payment);
        if (invalid is { } problem)
        {
            if (scoped is not null) store.ReleaseKey(scoped);
            return Error(422, "Unprocessable Entity", problem.Detail, problem.Field);
        }
        return Json(201, store.Add(payment!, scoped).ToMollie(BaseUrl(request)));
    }

    private static IResult Get(string id, HttpRequest request, SandboxStore store) =>
        store.Find(id) is { } payment ? Json(200, payment.ToMollie(BaseUrl(request))) : Error(404, "Not Found", $"No payment exists with token {id}.");

    private static IResult Cancel(string id, HttpRequest request, SandboxStore store)
    {
        if (store.Find(id) is not { } payment) return Error(404, "Not Found", $"No payment exists with token {id}.");
        if (!store.SetStatus(id, "canceled")) return Error(422, "Unprocessable Entity", "The payment cannot be canceled.");
        return Json(200, payment.ToMollie(BaseUrl(request)));
    }

    private static (string Field, string Detail)? Validate(CreateMolliePayment p)
    {
        if (p.Amount is null || !AmountValue().IsMatch(p.Amount.Value ?? "") || string.IsNullOrEmpty(p.Amount.Currency))
            return ("amount", "The amount is invalid: the value must be a string with two decimals, such as \"10.00\".");
        if (string.IsNullOrWhiteSpace(p.Description)) return ("description", "The description is required.");
        if (p.SequenceType != "recurring" && string.IsNullOrEmpty(p.RedirectUrl)) return ("redirectUrl", "The redirect URL is required.");
        return null;
    }

    public static string BaseUrl(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}";

    private static IResult Json(int status, object body) =>
        Results.Json(body, MollieClient.Json, "application/hal+json", status);

    private static IResult Error(int status, string title, string detail, string? field = null) =>
        Json(status, new { status, title, detail, field });

    [GeneratedRegex(@"^\d{1,9}\.\d{2}$")]
    private static partial Regex AmountValue();
}
