using System.Net;
using Portal.Tests.Support;
using Shouldly;

namespace Portal.Tests.Api;

public class IsolationAndPagingTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task OtherOrganisationsKey_SeesNothingOfOurs()
    {
        var ours = await factory.CreateOrganisationAsync("Ons Bedrijf");
        var theirs = await factory.CreateOrganisationAsync("Ander Bedrijf");
        await ours.AddCustomerAsync("C-1");
        await ours.AddInvoiceAsync("F-1", "C-1", 12550, new DateOnly(2026, 12, 1));
        var link = await ours.CreatePayLinkAsync("C-1");
        var api = factory.CreateApiClient(theirs.ApiKey);

        (await api.GetAsync("/api/v1/invoices/F-1")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await api.GetAsync("/api/v1/customers/C-1")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await api.GetAsync($"/api/v1/pay-links/{link.Id}/qr.svg")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await api.PostAsync($"/api/v1/pay-links/{link.Id}/revoke", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await api.PutJsonAsync("/api/v1/invoices/F-1", ApiJson.Invoice())).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await (await api.GetAsync("/api/v1/invoices")).JsonAsync()).GetProperty("items").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task List_PagesThroughEveryInvoiceOnce_AndFilters()
    {
        var organisation = await factory.CreateOrganisationAsync();
        await organisation.AddCustomerAsync("C-1");
        for (var i = 1; i <= 5; i++)
        {
            await organisation.AddInvoiceAsync($"P-{i}", "C-1", 1000 * i, new DateOnly(2026, 12, 1));
            factory.Clock.Advance(TimeSpan.FromSeconds(1));
        }
        var api = factory.CreateApiClient(organisation.ApiKey);
        (await api.PostAsync("/api/v1/invoices/P-5/cancel", null)).EnsureSuccessStatusCode();

        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var page = await (await api.GetAsync("/api/v1/invoices?limit=2" + (cursor is null ? "" : "&cursor=" + cursor))).JsonAsync();
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("invoiceNumber").GetString()!));
            cursor = page.GetProperty("nextCursor").GetString();
        } while (cursor is not null);
        seen.ShouldBe(["P-1", "P-2", "P-3", "P-4", "P-5"]);

        var cancelled = await (await api.GetAsync("/api/v1/invoices?status=cancelled")).JsonAsync();
        cancelled.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("invoiceNumber").GetString()).ShouldBe(["P-5"]);

        var since = factory.Clock.GetUtcNow().AddSeconds(-2.5).UtcDateTime.ToString("O");
        var recent = await (await api.GetAsync("/api/v1/invoices?changedSince=" + Uri.EscapeDataString(since))).JsonAsync();
        recent.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("invoiceNumber").GetString()).ShouldBe(["P-4", "P-5"]);
    }

    [Fact]
    public async Task List_PagesByInvoice_WithEveryLineInOrder_AndCombinesCursorWithFilters()
    {
        var organisation = await factory.CreateOrganisationAsync();
        await organisation.AddCustomerAsync("C-1");
        var api = factory.CreateApiClient(organisation.ApiKey);
        for (var i = 1; i <= 4; i++)
        {
            // Invoice i has i lines, so a page of 2 invoices is 3 or 7 rows underneath: the limit counts invoices.
            var lines = Enumerable.Range(1, i).Select(n => new { description = $"L{i}.{n}", amount = 10m * n }).ToArray();
            var body = new { customerRef = "C-1", issueDate = "2026-11-01", dueDate = "2026-12-01", currency = "EUR",
                totalAmount = lines.Sum(l => l.amount), lines };
            (await api.PutJsonAsync($"/api/v1/invoices/M-{i}", body)).EnsureSuccessStatusCode();
            factory.Clock.Advance(TimeSpan.FromSeconds(1));
        }
        (await api.PostAsync("/api/v1/invoices/M-2/cancel", null)).EnsureSuccessStatusCode();
        factory.Clock.Advance(TimeSpan.FromSeconds(1));

        async Task<List<(string Number, string[] Lines)>> AllAsync(string query)
        {
            var all = new List<(string, string[])>();
            string? cursor = null;
            do
            {
                var page = await (await api.GetAsync($"/api/v1/invoices?limit=2{query}" + (cursor is null ? "" : "&cursor=" + cursor))).JsonAsync();
                all.AddRange(page.GetProperty("items").EnumerateArray().Select(i => (i.GetProperty("invoiceNumber").GetString()!,
                    i.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("description").GetString()!).ToArray())));
                cursor = page.GetProperty("nextCursor").GetString();
            } while (cursor is not null);
            return all;
        }

        var everything = await AllAsync("");
        everything.Select(i => i.Number).ShouldBe(["M-1", "M-3", "M-4", "M-2"]); // M-2 changed last, by its cancellation
        everything.Single(i => i.Number == "M-4").Lines.ShouldBe(["L4.1", "L4.2", "L4.3", "L4.4"]);
        everything.Single(i => i.Number == "M-2").Lines.ShouldBe(["L2.1", "L2.2"]);

        // The first two changes were M-1 and M-2's creation; from the third on, M-3, M-4 and M-2's cancellation.
        var since = factory.Clock.GetUtcNow().AddSeconds(-3.5).UtcDateTime.ToString("O");
        (await AllAsync("&changedSince=" + Uri.EscapeDataString(since))).Select(i => i.Number).ShouldBe(["M-3", "M-4", "M-2"]);
        (await AllAsync("&status=open")).Select(i => i.Number).ShouldBe(["M-1", "M-3", "M-4"]);
        (await AllAsync("&status=open&changedSince=" + Uri.EscapeDataString(since))).Select(i => i.Number).ShouldBe(["M-3", "M-4"]);
    }

    [Fact]
    public async Task List_WithChangedSinceBetweenTicksAndMicroseconds_PagesOnAndEnds()
    {
        // Invoices changed in one moment (as a batch stamps them) and a changedSince a few ticks after it. PostgreSQL
        // keeps microseconds, so there they are all "changed since"; SQLite keeps ticks, so there none is. Either way
        // the cursor must move on: a page may not come back.
        var organisation = await factory.CreateOrganisationAsync();
        await organisation.AddCustomerAsync("C-1");
        for (var i = 1; i <= 5; i++) await organisation.AddInvoiceAsync($"S-{i}", "C-1", 1000, new DateOnly(2026, 12, 1));
        var api = factory.CreateApiClient(organisation.ApiKey);
        var first = await (await api.GetAsync("/api/v1/invoices?limit=1")).JsonAsync();
        var stamp = first.GetProperty("items")[0].GetProperty("changedAt").GetDateTimeOffset().UtcDateTime;
        var since = Uri.EscapeDataString(stamp.AddTicks(5).ToString("O"));

        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await (await api.GetAsync($"/api/v1/invoices?limit=2&changedSince={since}" + (cursor is null ? "" : "&cursor=" + cursor))).JsonAsync();
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("invoiceNumber").GetString()!));
            cursor = page.GetProperty("nextCursor").GetString();
            (++pages).ShouldBeLessThanOrEqualTo(4, "the cursor did not move on");
        } while (cursor is not null);
        seen.ShouldBeUnique();
        seen.Count.ShouldBe(TestDatabase.IsPostgres ? 5 : 0);
    }

    [Theory]
    [InlineData("status=late", "status")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=5000", "limit")]
    public async Task List_BadQuery_Is422NamingIt(string query, string field)
    {
        var organisation = await factory.CreateOrganisationAsync();
        var response = await factory.CreateApiClient(organisation.ApiKey).GetAsync("/api/v1/invoices?" + query);
        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await response.JsonAsync()).GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue();
    }
}
