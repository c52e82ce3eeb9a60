using System.Net;
using Portal.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;

namespace Portal.Tests.Api;

public class InvoiceUpsertTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private async Task<(TestOrganisation Org, HttpClient Api)> ArrangeAsync()
    {
        var organisation = await factory.CreateOrganisationAsync();
        var api = factory.CreateApiClient(organisation.ApiKey);
        (await api.PutJsonAsync("/api/v1/customers/C-1", new { name = "Sanne de Vries", email = "sanne@example.org", language = "nl" }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        return (organisation, api);
    }

    [Fact]
    public async Task PutTwice_CreatesOneInvoice_201Then200_AndGetReturnsWhatWasPut()
    {
        var (_, api) = await ArrangeAsync();
        (await api.PutJsonAsync("/api/v1/invoices/F-100", ApiJson.Invoice())).StatusCode.ShouldBe(HttpStatusCode.Created);
        var second = await api.PutJsonAsync("/api/v1/invoices/F-100", ApiJson.Invoice());
        second.StatusCode.ShouldBe(HttpStatusCode.OK);

        var invoice = await (await api.GetAsync("/api/v1/invoices/F-100")).JsonAsync();
        invoice.GetProperty("customerRef").GetString().ShouldBe("C-1");
        invoice.GetProperty("status").GetString().ShouldBe("open");
        invoice.GetProperty("totalAmount").GetDecimal().ShouldBe(125.50m);
        invoice.GetProperty("amountPaid").GetDecimal().ShouldBe(0m);
        invoice.GetProperty("amountDue").GetDecimal().ShouldBe(125.50m);
        invoice.GetProperty("currency").GetString().ShouldBe("EUR");
        invoice.GetProperty("issueDate").GetString().ShouldBe("2026-11-01");
        invoice.GetProperty("dueDate").GetString().ShouldBe("2026-12-01");
        invoice.GetProperty("lines")[0].GetProperty("description").GetString().ShouldBe("Water");

        var list = await (await api.GetAsync("/api/v1/invoices")).JsonAsync();
        list.GetProperty("items").EnumerateArray().Count(i => i.GetProperty("invoiceNumber").GetString() == "F-100").ShouldBe(1);
    }

    [Fact]
    public async Task Put_ChangedLines_UpdatesTheInvoice()
    {
        var (_, api) = await ArrangeAsync();
        await api.PutJsonAsync("/api/v1/invoices/F-101", ApiJson.Invoice());
        (await api.PutJsonAsync("/api/v1/invoices/F-101", ApiJson.Invoice(total: 99.99m))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await (await api.GetAsync("/api/v1/invoices/F-101")).JsonAsync()).GetProperty("totalAmount").GetDecimal().ShouldBe(99.99m);
    }

    [Fact]
    public async Task Put_UnknownStatusAndAmountPaid_AreIgnored()
    {
        var (_, api) = await ArrangeAsync();
        var body = ApiJson.Raw("""
            {"customerRef":"C-1","issueDate":"2026-11-01","dueDate":"2026-12-01","currency":"EUR","totalAmount":10,
             "lines":[{"description":"x","amount":10}],"status":"paid","amountPaid":10}
            """);
        (await api.PutAsync("/api/v1/invoices/F-102", body)).StatusCode.ShouldBe(HttpStatusCode.Created);
        var invoice = await (await api.GetAsync("/api/v1/invoices/F-102")).JsonAsync();
        invoice.GetProperty("status").GetString().ShouldBe("open");
        invoice.GetProperty("amountPaid").GetDecimal().ShouldBe(0m);
    }

    [Fact]
    public async Task Put_PaidInvoiceChange_Is409AndChangesNothing()
    {
        var (organisation, api) = await ArrangeAsync();
        await api.PutJsonAsync("/api/v1/invoices/F-103", ApiJson.Invoice());
        await factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<Portal.Infrastructure.Database.PortalDbContext>();
            var invoice = db.Invoices.Single(i => i.OrganisationId == organisation.Id && i.InvoiceNumber == "F-103");
            invoice.RegisterPayment(new Portal.Domain.Money(125.50m, "EUR"), factory.Clock.GetUtcNow().UtcDateTime);
            return await db.SaveChangesAsync();
        });

        var response = await api.PutJsonAsync("/api/v1/invoices/F-103", ApiJson.Invoice(total: 200m));
        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await response.JsonAsync()).GetProperty("detail").GetString()!.ShouldContain("paid");
        var invoice = await (await api.GetAsync("/api/v1/invoices/F-103")).JsonAsync();
        invoice.GetProperty("status").GetString().ShouldBe("paid");
        invoice.GetProperty("totalAmount").GetDecimal().ShouldBe(125.50m);
        // Sending the same content again is fine.
        (await api.PutJsonAsync("/api/v1/invoices/F-103", ApiJson.Invoice())).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Cancel_OpenInvoice_IsCancelledAndNoLongerDue()
    {
        var (_, api) = await ArrangeAsync();
        await api.PutJsonAsync("/api/v1/invoices/F-104", ApiJson.Invoice());
        var response = await api.PostAsync("/api/v1/invoices/F-104/cancel", null);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.JsonAsync()).GetProperty("status").GetString().ShouldBe("cancelled");
        (await api.PutJsonAsync("/api/v1/invoices/F-104", ApiJson.Invoice(total: 1m))).StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Customer_PutTwice_201Then200_GetReturnsIt()
    {
        var (_, api) = await ArrangeAsync();
        var body = new { name = "John Smith", language = "en", address = new { line1 = "Dorpsstraat 1", postalCode = "1234 AB", city = "Utrecht", country = "nl" } };
        (await api.PutJsonAsync("/api/v1/customers/C-2", body)).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await api.PutJsonAsync("/api/v1/customers/C-2", body)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var customer = await (await api.GetAsync("/api/v1/customers/C-2")).JsonAsync();
        customer.GetProperty("name").GetString().ShouldBe("John Smith");
        customer.GetProperty("address").GetProperty("country").GetString().ShouldBe("NL");
    }
}
