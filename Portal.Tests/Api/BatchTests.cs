using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Infrastructure.Database;
using Portal.Tests.Support;
using Shouldly;

namespace Portal.Tests.Api;

public class BatchTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static string Invoice(string number, string customerRef, decimal total) =>
        $$"""{"invoiceNumber":"{{number}}","customerRef":"{{customerRef}}","issueDate":"2026-11-01","dueDate":"2026-12-01","currency":"EUR","totalAmount":{{total.ToString(System.Globalization.CultureInfo.InvariantCulture)}},"lines":[{"description":"Water","amount":{{total.ToString(System.Globalization.CultureInfo.InvariantCulture)}}}]}""";

    [Fact]
    public async Task Batch_GoodAndBadItems_StoresTheGoodAndReportsEachItem()
    {
        var organisation = await factory.CreateOrganisationAsync();
        var api = factory.CreateApiClient(organisation.ApiKey);
        var body = $$"""
            {"customers":[{"customerRef":"B-1","name":"Noor Bakker"},{"customerRef":"B-2"}],
             "invoices":[{{Invoice("B-100", "B-1", 10)}},{{Invoice("B-101", "B-404", 20)}},{{Invoice("B-102", "B-1", -5)}},{{Invoice("B-100", "B-1", 10)}},{{Invoice("B-103", "B-1", 30)}}]}
            """;
        var response = await api.PostAsync("/api/v1/invoices/batch", ApiJson.Raw(body));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var result = await response.JsonAsync();

        var customers = result.GetProperty("customers");
        customers[0].GetProperty("result").GetString().ShouldBe("created");
        customers[1].GetProperty("result").GetString().ShouldBe("rejected");
        customers[1].GetProperty("errors").TryGetProperty("name", out _).ShouldBeTrue();

        var invoices = result.GetProperty("invoices");
        invoices.EnumerateArray().Select(i => i.GetProperty("result").GetString())
            .ShouldBe(["created", "rejected", "rejected", "rejected", "created"]);
        invoices[1].GetProperty("errors").TryGetProperty("customerRef", out _).ShouldBeTrue();
        invoices[2].GetProperty("errors").TryGetProperty("totalAmount", out _).ShouldBeTrue();
        invoices[3].GetProperty("errors").GetProperty("invoiceNumber")[0].GetString()!.ShouldContain("more than once");
        result.GetProperty("summary").GetProperty("created").GetInt32().ShouldBe(3);
        result.GetProperty("summary").GetProperty("rejected").GetInt32().ShouldBe(4);

        (await api.GetAsync("/api/v1/invoices/B-100")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await api.GetAsync("/api/v1/invoices/B-103")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await api.GetAsync("/api/v1/invoices/B-101")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Batch_SentTwice_IsUnchangedTheSecondTime()
    {
        var organisation = await factory.CreateOrganisationAsync();
        var api = factory.CreateApiClient(organisation.ApiKey);
        var body = $$"""{"customers":[{"customerRef":"R-1","name":"Ahmet"}],"invoices":[{{Invoice("R-100", "R-1", 10)}}]}""";
        await api.PostAsync("/api/v1/invoices/batch", ApiJson.Raw(body));
        var again = await (await api.PostAsync("/api/v1/invoices/batch", ApiJson.Raw(body))).JsonAsync();
        again.GetProperty("summary").GetProperty("unchanged").GetInt32().ShouldBe(2);
    }

    [Fact]
    public async Task Batch_10000Invoices_AreAllStored()
    {
        var organisation = await factory.CreateOrganisationAsync();
        var api = factory.CreateApiClient(organisation.ApiKey);
        // This proves a full batch is accepted, not how fast: on a busy two-core CI machine it may take a while.
        api.Timeout = TimeSpan.FromMinutes(10);
        var json = new StringBuilder("{\"customers\":[");
        for (var c = 0; c < 1000; c++) json.Append(c == 0 ? "" : ",").Append($$"""{"customerRef":"K-{{c}}","name":"Klant {{c}}"}""");
        json.Append("],\"invoices\":[");
        for (var i = 0; i < 10_000; i++) json.Append(i == 0 ? "" : ",").Append(Invoice($"N-{i}", $"K-{i % 1000}", 10 + i % 7));
        json.Append("]}");

        var response = await api.PostAsync("/api/v1/invoices/batch", ApiJson.Raw(json.ToString()));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var summary = (await response.JsonAsync()).GetProperty("summary");
        summary.GetProperty("created").GetInt32().ShouldBe(11_000);
        summary.GetProperty("rejected").GetInt32().ShouldBe(0);
        var last = await (await api.GetAsync("/api/v1/invoices/N-9999")).JsonAsync();
        last.GetProperty("customerRef").GetString().ShouldBe("K-999");
    }

    [Fact]
    public async Task Batch_MoreThan10000Invoices_Is422AndStoresNothing()
    {
        var organisation = await factory.CreateOrganisationAsync();
        var api = factory.CreateApiClient(organisation.ApiKey);
        var json = new StringBuilder("{\"invoices\":[");
        for (var i = 0; i < 10_001; i++) json.Append(i == 0 ? "" : ",").Append("{}");
        json.Append("]}");
        var response = await api.PostAsync("/api/v1/invoices/batch", ApiJson.Raw(json.ToString()));
        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await response.JsonAsync()).GetProperty("errors").GetProperty("invoices")[0].GetString()!.ShouldContain("10,000");
    }

    [Fact]
    public async Task Batch_Empty_Is422()
    {
        var organisation = await factory.CreateOrganisationAsync();
        var response = await factory.CreateApiClient(organisation.ApiKey).PostAsync("/api/v1/invoices/batch", ApiJson.Raw("{}"));
        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task Batch_ChangeOfAPaidInvoice_IsRejectedAsConflict_AndTheSameContentIsUnchanged()
    {
        var organisation = await factory.CreateOrganisationAsync();
        var api = factory.CreateApiClient(organisation.ApiKey);
        var customers = """{"customerRef":"P-1","name":"Noor"}""";
        await api.PostAsync("/api/v1/invoices/batch", ApiJson.Raw($$"""{"customers":[{{customers}}],"invoices":[{{Invoice("P-100", "P-1", 10)}},{{Invoice("P-101", "P-1", 10)}}]}"""));
        await factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<PortalDbContext>();
            var paid = db.Invoices.Single(i => i.OrganisationId == organisation.Id && i.InvoiceNumber == "P-100");
            paid.RegisterPayment(new Portal.Domain.Money(10m, "EUR"), factory.Clock.GetUtcNow().UtcDateTime);
            var partly = db.Invoices.Single(i => i.OrganisationId == organisation.Id && i.InvoiceNumber == "P-101");
            partly.RegisterPayment(new Portal.Domain.Money(6m, "EUR"), factory.Clock.GetUtcNow().UtcDateTime);
            return await db.SaveChangesAsync();
        });

        var response = await api.PostAsync("/api/v1/invoices/batch", ApiJson.Raw($$"""{"invoices":[{{Invoice("P-100", "P-1", 20)}},{{Invoice("P-101", "P-1", 5)}},{{Invoice("P-101", "P-1", 8)}}]}"""));
        var invoices = (await response.JsonAsync()).GetProperty("invoices");

        invoices[0].GetProperty("result").GetString().ShouldBe("rejected");
        invoices[0].GetProperty("errors").GetProperty("invoiceNumber")[0].GetString().ShouldBe("Invoice P-100 is paid and can no longer change.");
        invoices[1].GetProperty("result").GetString().ShouldBe("rejected");
        invoices[1].GetProperty("errors").GetProperty("invoiceNumber")[0].GetString()
            .ShouldBe("Invoice P-101 has 6.00 EUR paid; the new total or currency does not allow that.");
        var stored = await (await api.GetAsync("/api/v1/invoices/P-100")).JsonAsync();
        (stored.GetProperty("status").GetString(), stored.GetProperty("totalAmount").GetDecimal()).ShouldBe(("paid", 10m));
        var again = await (await api.PostAsync("/api/v1/invoices/batch", ApiJson.Raw($$"""{"invoices":[{{Invoice("P-100", "P-1", 10)}}]}"""))).JsonAsync();
        again.GetProperty("invoices")[0].GetProperty("result").GetString().ShouldBe("unchanged");
        // A partly paid invoice may still change as long as the total stays above what was paid; it stays partly paid.
        var raised = await (await api.PostAsync("/api/v1/invoices/batch", ApiJson.Raw($$"""{"invoices":[{{Invoice("P-101", "P-1", 12)}}]}"""))).JsonAsync();
        raised.GetProperty("invoices")[0].GetProperty("result").GetString().ShouldBe("updated");
        var partly = await (await api.GetAsync("/api/v1/invoices/P-101")).JsonAsync();
        (partly.GetProperty("status").GetString(), partly.GetProperty("totalAmount").GetDecimal()).ShouldBe(("partially_paid", 12m));
    }

    [Fact]
    public async Task Batch_ChangedInvoice_HasItsLinesReplaced()
    {
        var organisation = await factory.CreateOrganisationAsync();
        var api = factory.CreateApiClient(organisation.ApiKey);
        var twoLines = """{"invoiceNumber":"L-100","customerRef":"L-1","issueDate":"2026-11-01","dueDate":"2026-12-01","currency":"EUR","totalAmount":30,"lines":[{"description":"Water","amount":10},{"description":"Gas","amount":20,"quantity":2,"unitPrice":10,"vatRate":21}]}""";
        var oneLine = """{"invoiceNumber":"L-100","customerRef":"L-1","issueDate":"2026-11-01","dueDate":"2026-12-01","currency":"EUR","totalAmount":30,"lines":[{"description":"Alles","amount":30,"quantity":1.5,"vatRate":9}]}""";
        await api.PostAsync("/api/v1/invoices/batch", ApiJson.Raw($$"""{"customers":[{"customerRef":"L-1","name":"Noor"}],"invoices":[{{twoLines}}]}"""));
        var first = await (await api.GetAsync("/api/v1/invoices/L-100")).JsonAsync();
        first.GetProperty("lines").GetArrayLength().ShouldBe(2);
        first.GetProperty("lines")[1].GetProperty("vatRate").GetDecimal().ShouldBe(21m);

        var result = await (await api.PostAsync("/api/v1/invoices/batch", ApiJson.Raw($$"""{"invoices":[{{oneLine}}]}"""))).JsonAsync();

        result.GetProperty("invoices")[0].GetProperty("result").GetString().ShouldBe("updated");
        var lines = (await (await api.GetAsync("/api/v1/invoices/L-100")).JsonAsync()).GetProperty("lines");
        lines.GetArrayLength().ShouldBe(1);
        lines[0].GetProperty("description").GetString().ShouldBe("Alles");
        lines[0].GetProperty("quantity").GetDecimal().ShouldBe(1.5m);
        var stored = await factory.WithScopeAsync(sp => sp.GetRequiredService<PortalDbContext>().InvoiceLines
            .CountAsync(l => sp.GetRequiredService<PortalDbContext>().Invoices.Any(i => i.Id == l.InvoiceId && i.OrganisationId == organisation.Id)));
        stored.ShouldBe(1);
        var unchanged = await (await api.PostAsync("/api/v1/invoices/batch", ApiJson.Raw($$"""{"invoices":[{{oneLine}}]}"""))).JsonAsync();
        unchanged.GetProperty("invoices")[0].GetProperty("result").GetString().ShouldBe("unchanged");
    }
}
