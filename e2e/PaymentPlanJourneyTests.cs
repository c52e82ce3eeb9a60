using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Domain.Arrangements;
using Portal.Domain.DirectDebit;
using Portal.Domain.Messages;
using Portal.E2E.Infrastructure;
using Shouldly;

namespace Portal.E2E;

/// <summary>
/// A payment plan lived through in Chromium (issue 13): a customer with € 1.250 open chooses ten monthly terms by direct
/// debit on the 25th and sees it agreed at once, every step checked at 320 and 1280 px; the first term is collected on
/// the sandbox's clock; a refused term reminds with the policy's grace and then the policy breaks the plan; the ERP's
/// feed tells each step. Outside the policy a plan is a request the ERP approves through the API. An app of its own,
/// because its clock moves.
/// </summary>
public sealed class PaymentPlanJourneyTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    private const int Lead = 5;

    private static async Task AuditAsync(IPage page, string where)
    {
        foreach (var width in (int[])[320, 1280])
        {
            await page.SetViewportSizeAsync(width, 900);
            var outcome = await PageAudit.CheckAsync(page, "nl", "Waterbedrijf Oost", failed: false, $"{where} at {width} px");
            outcome.Problems.ShouldBeEmpty(string.Join("\n", outcome.Problems));
        }
    }

    private static async Task NextAsync(IPage page, string address)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Verder", Exact = true }).ClickAsync();
        await page.WaitForAddressAsync(address);
    }

    [BrowserFact]
    public async Task Ten_terms_on_the_25th_are_agreed_at_once_the_first_is_collected_and_a_refused_term_then_breaks_the_plan()
    {
        var customer = await TestData.AddPlanCustomerAsync(portal.Services, portal.Account.OrganisationId);
        using var erp = portal.NewErpApi();
        using var sandbox = new SandboxControl(portal.BaseAddress);
        var cursor = await erp.CursorNowAsync();
        var today = DateOnly.FromDateTime(portal.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);
        var dates = ArrangementSchedule.Dates(today, 25, Lead, 10);

        await using (var context = await portal.NewContextAsync(1280))
        {
            var page = await context.NewPageAsync();
            await page.OpenPayLinkAsync(customer);
            await page.GetByRole(AriaRole.Link, new() { Name = "Betaal in delen", Exact = true }).ClickAsync();
            await page.WaitForAddressAsync("/plan/invoices$");
            await AuditAsync(page, "plan: invoices");
            await NextAsync(page, "/plan/terms$");
            await AuditAsync(page, "plan: terms");
            await page.GetByRole(AriaRole.Radio, new() { Name = "10 delen van € 125,00" }).CheckAsync();
            await NextAsync(page, "/plan/how$");
            await AuditAsync(page, "plan: how");
            await page.GetByRole(AriaRole.Radio, new() { Name = "Automatisch: wij schrijven elk deel af" }).CheckAsync();
            await NextAsync(page, "/plan/day$");
            await AuditAsync(page, "plan: day");
            await page.Locator("input[name=Day][value='25']").CheckAsync();
            await NextAsync(page, "/plan/check$");
            await AuditAsync(page, "plan: check");
            (await page.Locator("table.schedule tbody tr").CountAsync()).ShouldBe(10);
            (await page.MainTextAsync()).ShouldContain(Texts.DutchDate(dates[0]));
            await page.GetByRole(AriaRole.Button, new() { Name = "Akkoord", Exact = true }).ClickAsync();
            await page.WaitForAddressAsync("/plan/done$");
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Uw betaalregeling is afgesproken");
            await AuditAsync(page, "plan: agreed");
            await page.GotoAsync("/plan");
            await AuditAsync(page, "plan: running");
        }
        Single(await erp.EventsAfterAsync(cursor), customer.CustomerRef, "arrangement.created").Data.GetProperty("total").GetDecimal().ShouldBe(1250m);
        (await TestData.MessagesAsync(portal.Services, portal.Account.OrganisationId, customer.CustomerRef, MessageKind.ArrangementConfirmation))
            .ShouldHaveSingleItem().Text.ShouldContain($"{Texts.DutchDate(dates[9])}: € 125,00");

        // The ERP registers the customer's mandate; the days pass to the first term, which is collected once.
        await TestData.RegisterMandateAsync(portal.Services, portal.Account.OrganisationId, customer.CustomerRef, 25);
        await using (var clock = await portal.NewContextAsync())
            await SandboxClockPage.MoveOnToAsync(clock, dates[0]);
        var first = customer.Invoices[0].Number;
        var debit = (await sandbox.DebitsForInvoiceAsync(first)).ShouldHaveSingleItem("One direct debit for the first term.");
        (debit.DueDate, debit.Status).ShouldBe((dates[0], "paid"));
        var feed = await erp.EventsAfterAsync(cursor);
        Single(feed, customer.CustomerRef, "instalment.paid").Data.GetProperty("number").GetInt32().ShouldBe(1);

        // The second term is refused (AM04): the customer is reminded with 14 days of grace, then the plan breaks.
        await sandbox.FailNextDebitAsync("AM04");
        await using (var clock = await portal.NewContextAsync())
            await SandboxClockPage.MoveOnToAsync(clock, dates[1].AddDays(16));
        feed = await erp.EventsAfterAsync(cursor);
        Single(feed, customer.CustomerRef, "instalment.missed").Data.GetProperty("number").GetInt32().ShouldBe(2);
        Single(feed, customer.CustomerRef, "arrangement.broken");
        (await TestData.MessagesAsync(portal.Services, portal.Account.OrganisationId, customer.CustomerRef, MessageKind.InstalmentMissed))
            .ShouldHaveSingleItem().Text.ShouldContain("Dan loopt uw regeling gewoon door.");
        (await TestData.MessagesAsync(portal.Services, portal.Account.OrganisationId, customer.CustomerRef, MessageKind.ArrangementBroken))
            .ShouldHaveSingleItem();
        (await sandbox.DebitsForInvoiceAsync(first)).Count.ShouldBe(2, "term 1 paid, term 2 refused, nothing after the break");
        (await erp.GetInvoiceAsync(first)).GetProperty("pause").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);

        await using (var context = await portal.NewContextAsync(1280))
        {
            var page = await context.NewPageAsync();
            await page.OpenPayLinkAsync(customer);
            await page.GotoAsync("/plan");
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Uw betaalregeling is gestopt");
            await AuditAsync(page, "plan: broken");
        }
    }

    [BrowserFact]
    public async Task A_plan_outside_the_policy_is_sent_as_a_request_and_once_the_erp_approves_it_through_the_api_it_runs()
    {
        var customer = await TestData.AddPlanCustomerAsync(portal.Services, portal.Account.OrganisationId);
        using var erp = portal.NewErpApi();
        var cursor = await erp.CursorNowAsync();

        await using var context = await portal.NewContextAsync(320);
        var page = await context.NewPageAsync();
        await page.OpenPayLinkAsync(customer);
        await page.GetByRole(AriaRole.Link, new() { Name = "Betaal in delen", Exact = true }).ClickAsync();
        await page.WaitForAddressAsync("/plan/invoices$");
        await NextAsync(page, "/plan/terms$");
        await page.GetByRole(AriaRole.Radio, new() { Name = "Ik kies zelf een bedrag per maand" }).CheckAsync();
        await page.GetByLabel("Bedrag per maand", new() { Exact = true }).FillAsync("50");
        await NextAsync(page, "/plan/how$");
        await page.Locator("input[name=Way][value=payLink]").CheckAsync();
        await NextAsync(page, "/plan/check$");
        await Assertions.Expect(page.Locator("[data-plan-decision=request] li")).ToHaveTextAsync(["U kunt in hoogstens 12 delen betalen.", "Een regeling duurt hoogstens 12 maanden."]);
        (await page.Locator("table.schedule tbody tr").CountAsync()).ShouldBe(25);
        await AuditAsync(page, "plan: check, outside the policy");
        await page.GetByRole(AriaRole.Button, new() { Name = "Vraag dit plan aan", Exact = true }).ClickAsync();
        await page.WaitForAddressAsync("/plan/done$");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("We hebben uw vraag gekregen");
        await page.GotoAsync("/plan");
        (await page.Locator("[data-plan-status=requested]").CountAsync()).ShouldBe(1);

        var requested = Single(await erp.EventsAfterAsync(cursor), customer.CustomerRef, "arrangement.requested");
        var id = requested.Data.GetProperty("arrangementId").GetString()!;
        (await erp.GetInvoiceAsync(customer.Invoices[0].Number)).GetProperty("pause").GetProperty("reason").GetString().ShouldBe("arrangement");
        (await erp.PostAsync($"/api/v1/arrangements/{id}/approve")).GetProperty("status").GetString().ShouldBe("active");

        await page.ReloadAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Uw betaalregeling");
        (await page.Locator("[data-plan-status=active]").CountAsync()).ShouldBe(1);
        await Assertions.Expect(page.Locator("main .lead").First).ToHaveTextAsync("U heeft 0 van de 25 delen betaald.");
        await AuditAsync(page, "plan: approved by the organisation");
        Single(await erp.EventsAfterAsync(cursor), customer.CustomerRef, "arrangement.created").Data.GetProperty("arrangementId").GetString().ShouldBe(id);
        (await TestData.MessagesAsync(portal.Services, portal.Account.OrganisationId, customer.CustomerRef, MessageKind.ArrangementConfirmation))
            .ShouldHaveSingleItem();
    }

    /// <summary>The one event of a type about this customer (the other test's plan shares the feed and the clock).</summary>
    private static ErpApi.Event Single(IReadOnlyList<ErpApi.Event> feed, string customerRef, string type) =>
        feed.Where(e => e.Type == type && e.Data.TryGetProperty("customerRef", out var who) && who.GetString() == customerRef)
            .ShouldHaveSingleItem($"One {type} for {customerRef}.");
}
