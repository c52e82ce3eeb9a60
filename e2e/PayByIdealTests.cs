using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using Portal.E2E.Infrastructure;
using Shouldly;

namespace Portal.E2E;

/// <summary>
/// The customer's goal of paying with iDEAL, through the sandbox's TEST MODE checkout, and what the ERP then learns:
/// the invoices paid in the API, the events in the feed and a signed webhook (ACCEPTANCE 26, 27). Each test pays for
/// a customer of its own in a browser context of its own.
/// </summary>
public sealed class PayByIdealTests(WebhookPortalFixture portal) : IClassFixture<WebhookPortalFixture>
{
    private static readonly TimeSpan WebhookWait = TimeSpan.FromSeconds(30);

    [BrowserFact]
    public async Task Paying_everything_with_iDEAL_marks_the_invoices_paid_and_tells_the_ERP_by_feed_and_signed_webhook()
    {
        var customer = await portal.AddPayingCustomerAsync();
        using var erp = portal.NewErpApi();
        var cursor = await erp.CursorNowAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        var (endpointId, secret) = await erp.RegisterWebhookEndpointAsync(receiver.Url);
        try
        {
            await using var context = await portal.NewContextAsync();
            var page = await context.NewPageAsync();
            await page.OpenPayLinkAsync(customer);
            await page.GoToPayAsync();
            foreach (var number in customer.InvoiceNumbers) await Assertions.Expect(page.InvoiceChoice(number)).ToBeCheckedAsync();

            var providerId = await page.ContinueToCheckoutAsync();
            await Assertions.Expect(page.GetByText("TEST MODE")).ToBeVisibleAsync();
            (await page.MainTextAsync()).ShouldContain("EUR " + (customer.TotalMinor / 100m).ToString("0.00", CultureInfo.InvariantCulture));
            var paymentId = await page.ChooseCheckoutOutcomeAsync("paid");

            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Dank u wel!");
            (await page.MainTextAsync()).ShouldContain($"U heeft {Texts.DutchAmount(customer.TotalMinor)} betaald. U hoeft niets meer te doen.");

            // The ERP reads each invoice back as paid, by this one payment.
            foreach (var (number, amountMinor) in customer.Invoices)
            {
                var invoice = await erp.GetInvoiceAsync(number);
                invoice.GetProperty("status").GetString().ShouldBe("paid", number);
                invoice.GetProperty("amountPaid").GetDecimal().ShouldBe(amountMinor / 100m, number);
                invoice.GetProperty("amountDue").GetDecimal().ShouldBe(0m, number);
                var payment = invoice.GetProperty("payments").EnumerateArray().ShouldHaveSingleItem();
                payment.GetProperty("id").GetGuid().ShouldBe(paymentId);
                payment.GetProperty("status").GetString().ShouldBe("paid");
            }

            // The feed names the payment and each invoice once.
            var events = await erp.EventsAfterAsync(cursor);
            var paid = events.Where(e => e.Type == "payment.paid" && e.PaymentId == paymentId.ToString()).ShouldHaveSingleItem();
            paid.InvoiceNumbers.ShouldBe(customer.InvoiceNumbers.Order(StringComparer.Ordinal));
            paid.Data.GetProperty("amount").GetDecimal().ShouldBe(customer.TotalMinor / 100m);
            foreach (var number in customer.InvoiceNumbers)
                events.Where(e => e.Type == "invoice.paid" && e.Data.GetProperty("invoiceNumber").GetString() == number).ShouldHaveSingleItem();

            // The worker sends the same event as a webhook, signed with the secret the ERP was given.
            var delivery = await Poll.UntilAsync(
                () => receiver.Received.FirstOrDefault(d => TypeOf(d) == "payment.paid" && PaymentIdOf(d) == paymentId.ToString()),
                WebhookWait, $"a payment.paid webhook for payment {paymentId} (provider {providerId})");
            var webhookId = delivery.Header("webhook-id").ShouldNotBeNull();
            webhookId.ShouldNotBeEmpty();
            var timestamp = delivery.Header("webhook-timestamp").ShouldNotBeNull();
            var sentAt = DateTimeOffset.FromUnixTimeSeconds(long.Parse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture));
            (DateTimeOffset.UtcNow - sentAt).Duration().ShouldBeLessThan(TimeSpan.FromMinutes(5));
            var signatures = delivery.Header("webhook-signature").ShouldNotBeNull().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            signatures.ShouldContain(Sign(secret, webhookId, timestamp, delivery.Body), "No signature in the webhook matches its body.");
            using var body = JsonDocument.Parse(delivery.Body);
            body.RootElement.GetProperty("id").GetString().ShouldBe(paid.Id, "The webhook and the feed disagree on the event's id.");
        }
        finally
        {
            await erp.DeleteWebhookEndpointAsync(endpointId);
        }
    }

    [BrowserTheory]
    [InlineData("failed", "De betaling is niet gelukt. Er is geen geld van uw rekening gegaan.")]
    [InlineData("canceled", "U heeft de betaling gestopt. Er is geen geld van uw rekening gegaan.")]
    [InlineData("expired", "De tijd om te betalen is voorbij. Er is geen geld van uw rekening gegaan.")]
    public async Task A_payment_that_did_not_go_through_says_so_and_trying_again_pays(string outcome, string explanation)
    {
        var customer = await portal.AddPayingCustomerAsync();
        using var erp = portal.NewErpApi();
        var cursor = await erp.CursorNowAsync();
        await using var context = await portal.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.OpenPayLinkAsync(customer);
        await page.GoToPayAsync();
        var firstProviderId = await page.ContinueToCheckoutAsync();
        var firstPaymentId = await page.ChooseCheckoutOutcomeAsync(outcome);

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("U heeft nog niet betaald");
        (await page.MainTextAsync()).ShouldContain(explanation);
        foreach (var number in customer.InvoiceNumbers)
            (await erp.GetInvoiceAsync(number)).GetProperty("status").GetString().ShouldBe("open", $"{number} after a payment {outcome}");
        var failedEvents = (await erp.EventsAfterAsync(cursor)).Where(e => e.Type == "payment.failed" && e.PaymentId == firstPaymentId.ToString());
        failedEvents.Count().ShouldBe(outcome == "failed" ? 1 : 0, "payment.failed events for this payment");

        await page.GetByRole(AriaRole.Link, new() { Name = "Probeer opnieuw", Exact = true }).ClickAsync();
        await page.WaitForAddressAsync("/pay$");
        foreach (var number in customer.InvoiceNumbers) await Assertions.Expect(page.InvoiceChoice(number)).ToBeCheckedAsync();
        var secondProviderId = await page.ContinueToCheckoutAsync();
        secondProviderId.ShouldNotBe(firstProviderId, $"The {outcome} payment's checkout was offered again.");
        var secondPaymentId = await page.ChooseCheckoutOutcomeAsync("paid");

        secondPaymentId.ShouldNotBe(firstPaymentId);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Dank u wel!");
        (await page.MainTextAsync()).ShouldContain($"U heeft {Texts.DutchAmount(customer.TotalMinor)} betaald.");
        foreach (var number in customer.InvoiceNumbers)
            (await erp.GetInvoiceAsync(number)).GetProperty("status").GetString().ShouldBe("paid", number);
    }

    // Standard Webhooks, written out here rather than borrowed from the app: "v1," + base64 HMAC-SHA256 of id.timestamp.body,
    // keyed with the base64 bytes after "whsec_".
    private static string Sign(string secret, string webhookId, string timestamp, string body)
    {
        secret.ShouldStartWith("whsec_");
        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        return "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{webhookId}.{timestamp}.{body}")));
    }

    private static string? TypeOf(WebhookReceiver.Delivery delivery) => Json(delivery)?.GetProperty("type").GetString();

    private static string? PaymentIdOf(WebhookReceiver.Delivery delivery) =>
        Json(delivery) is { } json && json.GetProperty("data").TryGetProperty("paymentId", out var id) ? id.GetString() : null;

    private static JsonElement? Json(WebhookReceiver.Delivery delivery)
    {
        try { return JsonDocument.Parse(delivery.Body).RootElement.Clone(); }
        catch (JsonException) { return null; }
    }
}
