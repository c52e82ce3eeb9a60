using Microsoft.Playwright;
using Portal.E2E.Infrastructure;
using Shouldly;

namespace Portal.E2E;

/// <summary>
/// Payments happen exactly once, seen from the customer's browser (ACCEPTANCE 26): two tabs or a double click share
/// one payment at the provider, and a webhook that comes twice, or after the customer is already back, pays once.
/// </summary>
public sealed class PayOnceTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    [BrowserFact]
    public async Task Two_tabs_paying_the_same_invoices_land_on_one_checkout()
    {
        var customer = await portal.AddPayingCustomerAsync();
        await using var context = await portal.NewContextAsync();
        var first = await context.NewPageAsync();
        await first.OpenPayLinkAsync(customer);
        await first.GoToPayAsync();
        var second = await context.NewPageAsync();
        await second.GotoAsync("/pay");
        foreach (var number in customer.InvoiceNumbers) await Assertions.Expect(second.InvoiceChoice(number)).ToBeCheckedAsync();

        // Both tabs press the button at the same moment.
        var checkouts = await Task.WhenAll(first.ContinueToCheckoutAsync(), second.ContinueToCheckoutAsync());

        checkouts[1].ShouldBe(checkouts[0], "The two tabs were sent to different checkouts.");
        await ShouldHaveOnePaymentAsync(customer, checkouts[0]);
    }

    [BrowserFact]
    public async Task A_double_click_on_the_pay_button_starts_one_payment()
    {
        var customer = await portal.AddPayingCustomerAsync();
        await using var context = await portal.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.OpenPayLinkAsync(customer);
        await page.GoToPayAsync();

        // Chromium folds two clicks within one task into one submission, so the server would see one POST and this test
        // would prove nothing. Here the answer to the first click is held back until the second click has been sent, as
        // on a slow connection where the customer clicks again: the server answers both POSTs, the browser follows the last.
        var answers = new System.Collections.Concurrent.ConcurrentQueue<(int Status, string? Location)>();
        var firstAnswered = new TaskCompletionSource();
        var secondSent = new TaskCompletionSource();
        await page.RouteAsync("**/pay", async route =>
        {
            if (route.Request.Method != "POST")
            {
                await route.ContinueAsync();
                return;
            }
            var first = !firstAnswered.Task.IsCompleted;
            if (!first) secondSent.TrySetResult();
            var response = await route.FetchAsync(new() { MaxRedirects = 0 });
            answers.Enqueue((response.Status, response.Headers.GetValueOrDefault("location")));
            if (first)
            {
                firstAnswered.TrySetResult();
                await secondSent.Task.WaitAsync(TimeSpan.FromSeconds(15));
            }
            try
            {
                await route.FulfillAsync(new() { Response = response });
            }
            catch (PlaywrightException)
            {
                // The browser dropped the first click's request for the second one's: as it should.
            }
        });

        // With the mouse, at the button's place: a locator's click would wait for the first click's navigation to end.
        var button = (await page.IdealButton().BoundingBoxAsync()).ShouldNotBeNull();
        var (x, y) = (button.X + button.Width / 2, button.Y + button.Height / 2);
        await page.Mouse.ClickAsync(x, y);
        await firstAnswered.Task.WaitAsync(TimeSpan.FromSeconds(15));
        await page.Mouse.ClickAsync(x, y);
        string checkout;
        try
        {
            checkout = await page.WaitForCheckoutAsync();
        }
        catch (PlaywrightException e) when (e.Message.Contains("ERR_ABORTED", StringComparison.Ordinal))
        {
            // The wait caught the first click's navigation just as the browser dropped it for the second one's.
            checkout = await page.WaitForCheckoutAsync();
        }

        answers.Count.ShouldBe(2, "The server did not answer two POSTs, so this test would prove nothing.");
        answers.Select(a => a.Status).ShouldAllBe(status => status == 303);
        answers.Select(a => a.Location).Distinct().ShouldHaveSingleItem("The two clicks were sent to different checkouts.")
            .ShouldNotBeNull().ShouldEndWith("/" + checkout);
        await ShouldHaveOnePaymentAsync(customer, checkout);
    }

    [BrowserTheory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_webhook_that_comes_again_or_late_pays_the_invoices_once(bool webhookAfterReturn)
    {
        var customer = await portal.AddPayingCustomerAsync();
        using var erp = portal.NewErpApi();
        using var sandbox = new SandboxControl(portal.BaseAddress);
        var cursor = await erp.CursorNowAsync();
        await using var context = await portal.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.OpenPayLinkAsync(customer);
        await page.GoToPayAsync();
        var providerId = await page.ContinueToCheckoutAsync();

        Guid paymentId;
        if (webhookAfterReturn)
        {
            // The bank says paid but its webhook is late: the customer is back first, and the page asks the provider itself.
            await sandbox.SetStatusWithoutWebhookAsync(providerId, "paid");
            var provider = (await sandbox.PaymentsForInvoiceAsync(customer.InvoiceNumbers[0])).ShouldHaveSingleItem();
            paymentId = Guid.Parse(provider.PortalPaymentId.ShouldNotBeNull());
            await page.GotoAsync($"/pay/return/{paymentId}");
        }
        else
        {
            paymentId = await page.ChooseCheckoutOutcomeAsync("paid");
        }
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Dank u wel!");

        await sandbox.ReplayWebhookAsync(providerId);
        await sandbox.ReplayWebhookAsync(providerId);
        await page.ReloadAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Dank u wel!");
        var events = await erp.EventsAfterAsync(cursor);
        events.Count(e => e.Type == "payment.paid" && e.PaymentId == paymentId.ToString()).ShouldBe(1, "payment.paid events for the payment");
        foreach (var (number, amountMinor) in customer.Invoices)
        {
            events.Count(e => e.Type is "invoice.paid" or "invoice.partially_paid" && e.Data.GetProperty("invoiceNumber").GetString() == number)
                .ShouldBe(1, $"invoice events for {number}");
            var invoice = await erp.GetInvoiceAsync(number);
            invoice.GetProperty("amountPaid").GetDecimal().ShouldBe(amountMinor / 100m, $"{number} was paid more than once");
            invoice.GetProperty("status").GetString().ShouldBe("paid", number);
        }
    }

    [BrowserFact]
    public async Task Two_tabs_paying_overlapping_invoices_pay_each_once_and_the_overview_says_what_was_paid_too_much()
    {
        var customer = await portal.AddPayingCustomerAsync();
        using var erp = portal.NewErpApi();
        using var sandbox = new SandboxControl(portal.BaseAddress);
        await using var context = await portal.NewContextAsync();
        var first = await context.NewPageAsync();
        await first.OpenPayLinkAsync(customer);
        await first.GoToPayAsync();
        var firstAmountMinor = customer.Invoices[0].AmountMinor;
        foreach (var other in customer.InvoiceNumbers.Skip(1)) await first.InvoiceChoice(other).UncheckAsync();
        var firstCheckout = await first.ContinueToCheckoutAsync();

        // The second tab pays everything. The provider cannot cancel the first tab's iDEAL payment, so both stay open.
        await sandbox.RefuseNextCancelAsync();
        var second = await context.NewPageAsync();
        await second.GotoAsync("/pay");
        var secondCheckout = await second.ContinueToCheckoutAsync();
        secondCheckout.ShouldNotBe(firstCheckout);
        await first.ChooseCheckoutOutcomeAsync("paid");
        await second.ChooseCheckoutOutcomeAsync("paid");

        foreach (var (number, amountMinor) in customer.Invoices)
        {
            var invoice = await erp.GetInvoiceAsync(number);
            invoice.GetProperty("status").GetString().ShouldBe("paid", number);
            invoice.GetProperty("amountPaid").GetDecimal().ShouldBe(amountMinor / 100m, $"{number} was paid more than once");
        }
        await second.GotoAsync("/overview");
        var euros = (firstAmountMinor / 100m).ToString("N2", System.Globalization.CultureInfo.GetCultureInfo("nl-NL"));
        await Assertions.Expect(second.Locator(".credit-note"))
            .ToHaveTextAsync($"U heeft € {euros} te veel betaald. Wij nemen contact met u op over dit geld.");
        var problems = new List<string>();
        foreach (var width in new[] { 320, 1280 })
        {
            await second.SetViewportSizeAsync(width, 800);
            problems.AddRange((await PageAudit.CheckAsync(second, "nl", portal.Account.OrganisationName, false, $"overview with a credit at {width} px")).Problems);
        }
        problems.ShouldBeEmpty(string.Join(Environment.NewLine, problems));
    }

    /// <summary>One payment at the provider for the customer's invoices, and one in Portal on each invoice.</summary>
    private async Task ShouldHaveOnePaymentAsync(PayingCustomer customer, string checkout)
    {
        using var sandbox = new SandboxControl(portal.BaseAddress);
        using var erp = portal.NewErpApi();
        foreach (var number in customer.InvoiceNumbers)
        {
            (await sandbox.PaymentsForInvoiceAsync(number)).ShouldHaveSingleItem($"provider payments for {number}").Id.ShouldBe(checkout);
            (await erp.GetInvoiceAsync(number)).GetProperty("payments").EnumerateArray().ShouldHaveSingleItem($"Portal's payments of {number}");
        }
    }
}
