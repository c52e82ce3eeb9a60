using System.Globalization;
using System.Net;

namespace Portal.Sandbox;

/// <summary>
/// The hosted checkout a tester sees instead of the bank: a TEST MODE page to pick the payment's outcome (for a
/// direct debit: collected, or refused with a bank reason; once paid: a chargeback). Also the test controls: state,
/// the clock, chargebacks, replaying and flushing webhooks, injecting faults.
/// </summary>
public static class SandboxCheckoutEndpoints
{
    private static readonly string[] Outcomes = ["paid", "failed", "canceled", "expired", "open"];
    private static readonly string[] DebitReasons = ["AM04", "AC04", "MD01", "MS02"];

    /// <summary>The checkout's own stylesheet (checkout.css, embedded), so the page looks the same in any host.</summary>
    private static readonly Lazy<string> Stylesheet = new(() =>
    {
        using var stream = typeof(SandboxCheckoutEndpoints).Assembly.GetManifestResourceStream("Portal.Sandbox.checkout.css")!;
        return new StreamReader(stream).ReadToEnd();
    });

    public static void MapSandboxCheckout(this IEndpointRouteBuilder app)
    {
        var sandbox = app.MapGroup("/mollie-sandbox").ExcludeFromDescription();
        sandbox.MapGet("/checkout/{id}", Page);
        sandbox.MapGet("/checkout.css", () => Results.Text(Stylesheet.Value, "text/css; charset=utf-8"));
        sandbox.MapPost("/checkout/{id}", Choose).DisableAntiforgery();
        var control = sandbox.MapGroup("/__control").DisableAntiforgery();
        control.MapGet("/payments", (SandboxStore store, HttpRequest request) =>
            Results.Json(store.All().Select(p => p.ToMollie(SandboxApiEndpoints.BaseUrl(request)))));
        control.MapPost("/payments/{id}/status/{status}", SetStatus);
        control.MapPost("/payments/{id}/webhook", Replay);
        control.MapPost("/payments/{id}/chargebacks", Chargeback);
        control.MapPost("/payments/{id}/chargebacks/{chargebackId}/reverse", ReverseChargeback);
        control.MapPost("/direct-debits/fail-next", (string bankReasonCode, int? count, SandboxStore store) =>
        {
            store.FailNextDebits(bankReasonCode, count ?? 1);
            return Results.NoContent();
        });
        control.MapPost("/clock/tick", async (SandboxStore store, SandboxWebhooks webhooks, CancellationToken ct) =>
            Results.Json(new { changed = (await TickAsync(store, webhooks, ct)).Select(p => new { id = p.Id, status = p.Status }) }));
        control.MapGet("/webhooks", (SandboxWebhooks webhooks) => Results.Json(new { waiting = webhooks.Waiting, attempts = webhooks.Log }));
        control.MapPost("/webhooks/flush", async (SandboxWebhooks webhooks, CancellationToken ct) =>
            Results.Json(new { delivered = await webhooks.FlushAsync(ct), waiting = webhooks.Waiting }));
        control.MapPost("/faults", (int status, int count, string? method, SandboxStore store) => { store.InjectFaults(status, count, method); return Results.NoContent(); });
        control.MapPost("/reset", (SandboxStore store, SandboxIdempotency keys, SandboxWebhooks webhooks) =>
        {
            store.Reset();
            keys.Reset();
            webhooks.Reset();
            return Results.NoContent();
        });
    }

    /// <summary>Lets the sandbox's time pass (expiry, collections, refunds) and calls the webhooks of what changed.</summary>
    public static async Task<IReadOnlyList<SandboxPayment>> TickAsync(SandboxStore store, SandboxWebhooks webhooks, CancellationToken ct)
    {
        var changed = store.Tick();
        foreach (var payment in changed) await webhooks.DeliverAsync(payment, ct);
        return changed;
    }

    private static IResult Page(string id, SandboxStore store)
    {
        if (store.Find(id) is not { } payment) return Results.NotFound();
        var amount = WebUtility.HtmlEncode($"{payment.Request.Amount.Currency} {payment.Request.Amount.Value}");
        var description = WebUtility.HtmlEncode(payment.Request.Description);
        string choices;
        if (payment.IsFinal && payment is { Status: "paid", IsDirectDebit: true })
            choices = "<p>This direct debit is <strong>paid</strong>. The customer's bank can still reverse it.</p>" +
                      "<form method=\"post\" novalidate><div class=\"read-aloud\"><button class=\"button\" type=\"submit\" name=\"status\" value=\"chargeback\">Chargeback (MD06)</button></div></form>";
        else if (payment.IsFinal)
            choices = $"<p>This payment is already <strong>{payment.Status}</strong>.</p>";
        else if (payment.IsDirectDebit)
            choices = "<form method=\"post\" novalidate><fieldset><legend>What does the customer's bank answer?</legend>" +
                      "<div class=\"field\"><label for=\"reason\">Reason if the debit fails</label><select id=\"reason\" name=\"reason\">" +
                      string.Join("", DebitReasons.Select(r => $"<option value=\"{r}\">{r} – {WebUtility.HtmlEncode(SandboxBankReasons.Describe(r))}</option>")) +
                      "</select></div><div class=\"read-aloud\"><button class=\"button\" type=\"submit\" name=\"status\" value=\"paid\">Paid</button>" +
                      "<button class=\"button\" type=\"submit\" name=\"status\" value=\"failed\">Failed</button></div></fieldset></form>";
        else
            choices = "<form method=\"post\" novalidate><fieldset><legend>Choose the outcome</legend><div class=\"read-aloud\">" +
                      string.Join("", Outcomes.Select(o => $"<button class=\"button\" type=\"submit\" name=\"status\" value=\"{o}\">{char.ToUpperInvariant(o[0])}{o[1..]}</button>")) +
                      "</div></fieldset></form>";
        var due = payment.DueDate is { } d ? $"<p>The bank collects on {d.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)}.</p>" : "";
        var html = $"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Test payment {WebUtility.HtmlEncode(payment.Id)} – Mollie sandbox</title><link rel="stylesheet" href="/mollie-sandbox/checkout.css"></head>
            <body><header class="brand-bar"><div class="container brand-bar__inner"><p class="brand-bar__name">TEST MODE – Mollie sandbox</p></div></header>
            <div class="container"><main id="main"><h1>Test payment</h1>
            <p class="lead">{description}: <strong>{amount}</strong></p>{due}
            <p>No money moves here. Pick what the bank would answer.</p>{choices}</main></div></body></html>
            """;
        return Results.Content(html, "text/html; charset=utf-8");
    }

    private static async Task<IResult> Choose(string id, HttpRequest request, SandboxStore store, SandboxWebhooks webhooks)
    {
        var form = await request.ReadFormAsync();
        var status = form["status"].ToString();
        if (store.Find(id) is not { } payment) return Results.NotFound();
        if (status == "chargeback")
        {
            if (store.AddChargeback(payment, null, "MD06") is not null) await webhooks.DeliverAsync(payment);
            return Results.Redirect($"/mollie-sandbox/checkout/{id}", permanent: false, preserveMethod: false);
        }
        if (!Outcomes.Contains(status)) return Results.NotFound();
        var reason = form["reason"].ToString();
        if (status != "open" && store.SetStatus(id, status, DebitReasons.Contains(reason) ? reason : null)) await webhooks.DeliverAsync(payment);
        if (payment.IsDirectDebit) return Results.Redirect($"/mollie-sandbox/checkout/{id}", permanent: false, preserveMethod: false);
        var back = status == "canceled" && payment.Request.CancelUrl is { } cancel ? cancel : payment.Request.RedirectUrl;
        return back is null ? Results.Ok() : Results.Redirect(back, permanent: false, preserveMethod: false);
    }

    private static async Task<IResult> SetStatus(string id, string status, SandboxStore store, SandboxWebhooks webhooks, bool? webhook, string? bankReasonCode)
    {
        if (store.Find(id) is not { } payment) return Results.NotFound();
        if (!store.SetStatus(id, status, bankReasonCode)) return Results.Conflict();
        if (webhook != false) await webhooks.DeliverAsync(payment);
        return Results.NoContent();
    }

    private static async Task<IResult> Chargeback(string id, decimal? amount, string? reasonCode, HttpRequest request, SandboxStore store, SandboxWebhooks webhooks)
    {
        if (store.Find(id) is not { } payment) return Results.NotFound();
        if (store.AddChargeback(payment, amount, reasonCode ?? "MD06") is not { } chargeback)
            return Results.Conflict(new { detail = "Only a paid payment can be charged back, and not for more than was paid." });
        await webhooks.DeliverAsync(payment);
        return Results.Json(chargeback.ToMollie(SandboxApiEndpoints.BaseUrl(request)), statusCode: 201);
    }

    private static async Task<IResult> ReverseChargeback(string id, string chargebackId, SandboxStore store, SandboxWebhooks webhooks)
    {
        if (store.Find(id) is not { } payment || payment.Chargebacks.Find(c => c.Id == chargebackId) is not { } chargeback) return Results.NotFound();
        if (!store.ReverseChargeback(chargeback)) return Results.Conflict();
        await webhooks.DeliverAsync(payment);
        return Results.NoContent();
    }

    private static async Task<IResult> Replay(string id, SandboxStore store, SandboxWebhooks webhooks) =>
        store.Find(id) is { } payment ? (await webhooks.DeliverAsync(payment) ? Results.NoContent() : Results.StatusCode(502)) : Results.NotFound();
}
