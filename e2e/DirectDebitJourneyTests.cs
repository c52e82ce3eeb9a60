using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Domain.DirectDebit;
using Portal.Domain.Messages;
using Portal.E2E.Infrastructure;
using Shouldly;

namespace Portal.E2E;

/// <summary>
/// Direct debit on the day the customer chooses, lived through on the sandbox's clock in Chromium (issue 12): the
/// customer picks the 25th and confirms the mandate with a first iDEAL payment; the days pass on <c>/dev/clock</c>;
/// the debit is made for the right business day and paid; a later one is refused (AM04); the customer follows the
/// message's link, picks the 15th, and that debit is paid; a chargeback opens the invoice again and it is not
/// collected again. The ERP's feed tells each step, and the sandbox never holds two debits for one day. An app of
/// its own, because its clock moves.
/// </summary>
public sealed class DirectDebitJourneyTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    private const int Lead = 5;

    [BrowserFact]
    public async Task A_customer_picks_the_25th_is_collected_on_its_business_day_reschedules_a_failed_debit_from_the_message_and_a_chargeback_is_not_collected_again()
    {
        var customer = await portal.AddPayingCustomerAsync();
        using var erp = portal.NewErpApi();
        using var sandbox = new SandboxControl(portal.BaseAddress);
        var cursor = await erp.CursorNowAsync();
        var start = Today();
        var (first, firstDue) = (customer.Invoices[0].Number, start.AddDays(30));
        var firstDate = CollectionCalendar.ForInvoice(firstDue, start, 25, Lead);
        // The second invoice (€ 45,00, due in 45 days) goes with the first on the 25th, or with the next one.
        var secondDate = CollectionCalendar.ForInvoice(start.AddDays(45), start, 25, Lead);

        // Set up: the 25th, then the mandate by a first payment of € 0,01 at the bank.
        await using (var context = await portal.NewContextAsync(320))
        {
            var page = await context.NewPageAsync();
            await page.OpenPayLinkAsync(customer);
            await page.GetByRole(AriaRole.Link, new() { Name = "Betaal automatisch op een dag die u kiest" }).ClickAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = "Kies een dag", Exact = true }).ClickAsync();
            await page.WaitForAddressAsync("/direct-debit/day$");
            var firstOn25 = CollectionCalendar.First(start, 25, Lead);
            (await page.MainTextAsync()).ShouldContain(Texts.DutchDate(firstOn25), Case.Sensitive, "The 25th is not offered with its first date.");
            await page.Locator("input[name=Day][value='25']").CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Verder", Exact = true }).ClickAsync();
            await page.WaitForAddressAsync("/direct-debit/account$");
            await page.GetByRole(AriaRole.Radio, new() { Name = "iDEAL" }).CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Verder", Exact = true }).ClickAsync();
            await page.WaitForAddressAsync("/direct-debit/check$");
            await page.GetByRole(AriaRole.Button, new() { Name = "Akkoord, betaal € 0,01" }).ClickAsync();
            await page.WaitForCheckoutAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Paid", Exact = true }).ClickAsync();
            await page.WaitForAddressAsync("/direct-debit/done$");
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Automatisch betalen staat aan");
            (await page.MainTextAsync()).ShouldContain($"Op {Texts.DutchDate(firstDate)} schrijven we");
        }
        var announced = (await TestData.MessagesAsync(portal.Services, portal.Account.OrganisationId, customer.CustomerRef, MessageKind.PreNotification))
            .ShouldHaveSingleItem("One pre-notification, with the mandate's confirmation.");
        Target2Calendar.AddBusinessDays(DateOnly.FromDateTime(announced.CreatedAtUtc), Lead).ShouldBeLessThanOrEqualTo(firstDate,
            "The notice came less than the lead before the debit.");
        announced.Text.ShouldContain($"factuur {first}", Case.Sensitive, "The notice does not say which invoices it collects.");
        announced.Text.ShouldContain("stoppen met automatisch betalen");

        // The days pass: the debit goes to the bank the business day before, and is collected on its day.
        await using (var clock = await portal.NewContextAsync())
            await SandboxClockPage.MoveOnToAsync(clock, firstDate);
        var collected = (await sandbox.DebitsForInvoiceAsync(first)).ShouldHaveSingleItem($"One direct debit for {first}.");
        collected.DueDate.ShouldBe(firstDate);
        collected.Status.ShouldBe("paid");
        (await erp.GetInvoiceAsync(first)).GetProperty("status").GetString().ShouldBe("paid");
        var feed = await erp.EventsAfterAsync(cursor);
        Single(feed, "mandate.created").Data.GetProperty("collectionDay").GetInt32().ShouldBe(25);
        Single(feed, "collection.scheduled", firstDate).InvoiceNumbers.ShouldContain(first);
        Single(feed, "collection.paid", firstDate).InvoiceNumbers.ShouldContain(first);

        // A new invoice, due after that day, waits for the next 25th; the bank refuses it for lack of funds.
        var later = customer.CustomerRef + "-3";
        var today = Today();
        await TestData.AddInvoiceAsync(portal.Services, portal.Account.OrganisationId, customer.CustomerRef, later, today.AddDays(1));
        var refusedDate = CollectionCalendar.ForInvoice(today.AddDays(1), today, 25, Lead);
        var refusedMinor = 8050 + (secondDate == refusedDate ? 4500 : 0);
        await sandbox.FailNextDebitAsync("AM04");
        await using (var clock = await portal.NewContextAsync())
            await SandboxClockPage.MoveOnToAsync(clock, refusedDate);
        var refused = (await sandbox.DebitsForInvoiceAsync(later)).ShouldHaveSingleItem();
        (refused.Status, refused.BankReasonCode, refused.DueDate).ShouldBe(("failed", "AM04", refusedDate));
        feed = await erp.EventsAfterAsync(cursor);
        Single(feed, "collection.failed", refusedDate).Data.GetProperty("bankReasonCode").GetString().ShouldBe("AM04");
        (await erp.GetInvoiceAsync(later)).GetProperty("status").GetString().ShouldNotBe("paid");

        // The message says so in plain words; its link leads to a new day, the 15th.
        var failedMessage = (await TestData.MessagesAsync(portal.Services, portal.Account.OrganisationId, customer.CustomerRef, MessageKind.CollectionFailed))
            .ShouldHaveSingleItem().Text;
        failedMessage.ShouldContain($"Het lukte niet om {Texts.DutchAmount(refusedMinor)} af te schrijven");
        var link = System.Text.RegularExpressions.Regex.Match(failedMessage, @"https?://\S+/p/\S+").Value.TrimEnd('.', ',');
        link.ShouldContain("?to=direct-debit");
        today = Today();
        var newDate = CollectionCalendar.First(today, 15, Lead);
        await using (var context = await portal.NewContextAsync(320))
        {
            var page = await context.NewPageAsync();
            (await page.GotoAsync(link)).ShouldNotBeNull().Status.ShouldBe(200);
            await page.WaitForAddressAsync("/direct-debit$");
            await Assertions.Expect(page.Locator(".failed-collection")).ToContainTextAsync("Het lukte niet om af te schrijven");
            await page.GetByRole(AriaRole.Link, new() { Name = "Kies een nieuwe dag", Exact = true }).ClickAsync();
            await page.WaitForAddressAsync("/direct-debit/day$");
            await page.Locator("input[name=Day][value='15']").CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Bewaar deze dag", Exact = true }).ClickAsync();
            await page.WaitForAddressAsync("/direct-debit\\?done=day$");
            (await page.MainTextAsync()).ShouldContain($"Op {Texts.DutchDate(newDate)} schrijven we {Texts.DutchAmount(refusedMinor)} af");
        }
        await using (var clock = await portal.NewContextAsync())
            await SandboxClockPage.MoveOnToAsync(clock, newDate);
        var debits = await sandbox.DebitsForInvoiceAsync(later);
        debits.Count.ShouldBe(2, "The refused debit and the one on the new day, nothing more.");
        var retried = debits.Where(d => d.DueDate == newDate).ShouldHaveSingleItem();
        retried.Status.ShouldBe("paid");
        (await erp.GetInvoiceAsync(later)).GetProperty("status").GetString().ShouldBe("paid");
        feed = await erp.EventsAfterAsync(cursor);
        Single(feed, "collection_day.changed", null, e => e.Data.GetProperty("collectionDay").GetInt32() == 15);
        Single(feed, "collection.paid", newDate).InvoiceNumbers.ShouldContain(later);

        // The customer has the bank return it: the invoice is open again and is not collected again by itself.
        await sandbox.ChargebackAsync(retried.Id);
        var charged = await Poll.UntilAsync(async () => (await erp.EventsAfterAsync(cursor)).FirstOrDefault(e => e.Type == "chargeback.received"),
            TimeSpan.FromSeconds(30), "chargeback.received in the feed");
        charged.InvoiceNumbers.ShouldContain(later);
        (await erp.GetInvoiceAsync(later)).GetProperty("amountDue").GetDecimal().ShouldBe(80.50m);
        await using (var context = await portal.NewContextAsync(320))
        {
            var page = await context.NewPageAsync();
            (await page.GotoAsync(link)).ShouldNotBeNull().Status.ShouldBe(200);
            await page.WaitForAddressAsync("/direct-debit$");
            await Assertions.Expect(page.Locator("[data-collection-status=charged-back]")).ToContainTextAsync("U kreeg het geld terug van uw bank");
        }
        await using (var clock = await portal.NewContextAsync())
            await SandboxClockPage.MoveOnToAsync(clock, Today().AddDays(70));
        (await sandbox.DebitsForInvoiceAsync(later)).Count.ShouldBe(2, "A charged-back invoice was debited again without the customer's consent.");

        // Never two debits for one day.
        feed = await erp.EventsAfterAsync(cursor);
        feed.Where(e => e.Type == "collection.scheduled").GroupBy(e => e.Data.GetProperty("date").GetString())
            .Select(g => g.Count()).ShouldAllBe(n => n == 1, "Two debits were scheduled for one day.");
    }

    private DateOnly Today() => DateOnly.FromDateTime(portal.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);

    private static ErpApi.Event Single(IReadOnlyList<ErpApi.Event> feed, string type, DateOnly? date = null, Func<ErpApi.Event, bool>? also = null) =>
        feed.Where(e => e.Type == type
                        && (date is null || e.Data.GetProperty("date").GetString() == date.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
                        && (also is null || also(e)))
            .ShouldHaveSingleItem($"{type}{(date is null ? "" : " for " + date.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))} in the feed");
}
