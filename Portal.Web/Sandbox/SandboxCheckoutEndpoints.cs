using System.Net;

namespace Portal.Web.Sandbox;

/// <summary>
/// The hosted checkout a tester sees instead of the bank: a TEST MODE page to pick the payment's outcome. Also
/// the test controls: state, replaying a webhook, injecting faults.
/// </summary>
public static class SandboxCheckoutEndpoints
{
    private static readonly string[] Outcomes = ["paid", "failed", "canceled", "expired", "open"];

    public static void MapSandboxCheckout(this IEndpointRouteBuilder app)
    {
        var sandbox = app.MapGroup("/mollie-sandbox").ExcludeFromDescription();
        sandbox.MapGet("/checkout/{id}", Page);
        sandbox.MapPost("/checkout/{id}", Choose).DisableAntiforgery();
        var control = sandbox.MapGroup("/__control").DisableAntiforgery();
        control.MapGet("/payments", (SandboxStore store, HttpRequest request) =>
            Results.Json(store.All().Select(p => p.ToMollie(SandboxApiEndpoints.BaseUrl(request)))));
        control.MapPost("/payments/{id}/status/{status}", SetStatus);
        control.MapPost("/payments/{id}/webhook", Replay);
        control.MapPost("/faults", (int status, int count, SandboxStore store) => { store.InjectFaults(status, count); return Results.NoContent(); });
        control.MapPost("/reset", (SandboxStore store) => { store.Reset(); return Results.NoContent(); });
    }

    private static IResult Page(string id, SandboxStore store)
    {
        if (store.Find(id) is not { } payment) return Results.NotFound();
        var amount = WebUtility.HtmlEncode($"{payment.Request.Amount.Currency} {payment.Request.Amount.Value}");
        var description = WebUtility.HtmlEncode(payment.Request.Description);
        var buttons = payment.IsFinal
            ? $"<p>This payment is already <strong>{payment.Status}</strong>.</p>"
            : "<form method=\"post\" novalidate><fieldset><legend>Choose the outcome</legend><div class=\"read-aloud\">" +
              string.Join("", Outcomes.Select(o => $"<button class=\"button\" type=\"submit\" name=\"status\" value=\"{o}\">{char.ToUpperInvariant(o[0])}{o[1..]}</button>")) +
              "</div></fieldset></form>";
        var html = $"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Test payment {WebUtility.HtmlEncode(payment.Id)} – Mollie sandbox</title><link rel="stylesheet" href="/css/site.css"></head>
            <body><header class="brand-bar"><div class="container brand-bar__inner"><p class="brand-bar__name">TEST MODE – Mollie sandbox</p></div></header>
            <div class="container"><main id="main"><h1>Test payment</h1>
            <p class="lead">{description}: <strong>{amount}</strong></p>
            <p>No money moves here. Pick what the bank would answer.</p>{buttons}</main></div></body></html>
            """;
        return Results.Content(html, "text/html; charset=utf-8");
    }

    private static async Task<IResult> Choose(string id, HttpRequest request, SandboxStore store, SandboxWebhooks webhooks)
    {
        var status = (await request.ReadFormAsync())["status"].ToString();
        if (store.Find(id) is not { } payment || !Outcomes.Contains(status)) return Results.NotFound();
        if (status != "open" && store.SetStatus(id, status)) await webhooks.DeliverAsync(payment);
        var back = status == "canceled" && payment.Request.CancelUrl is { } cancel ? cancel : payment.Request.RedirectUrl;
        return back is null ? Results.Ok() : Results.Redirect(back, permanent: false, preserveMethod: false);
    }

    private static async Task<IResult> SetStatus(string id, string status, SandboxStore store, SandboxWebhooks webhooks, bool? webhook)
    {
        if (store.Find(id) is not { } payment) return Results.NotFound();
        if (!store.SetStatus(id, status)) return Results.Conflict();
        if (webhook != false) await webhooks.DeliverAsync(payment);
        return Results.NoContent();
    }

    private static async Task<IResult> Replay(string id, SandboxStore store, SandboxWebhooks webhooks) =>
        store.Find(id) is { } payment ? (await webhooks.DeliverAsync(payment) ? Results.NoContent() : Results.StatusCode(502)) : Results.NotFound();
}
