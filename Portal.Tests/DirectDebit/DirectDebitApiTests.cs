using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Infrastructure.Database;
using Portal.Tests.Support;
using Shouldly;

namespace Portal.Tests.DirectDebit;

/// <summary>
/// What the ERP does with direct debit: sets the rules, registers a mandate it holds, reads the customer's next
/// collection, ends the mandate, and hears each step as an event. The test clock stands on Sunday 22 November 2026.
/// </summary>
public class DirectDebitApiTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Settings = """{"enabled":true,"allowedDays":[25,1,15],"leadBusinessDays":5,"firstPaymentAmount":0.01,"creditorId":"NL57 ZZZ 999999999999"}""";
    private const string Signed = """{"iban":"NL91 ABNA 0417 1643 00","accountHolder":"S. de Vries","signatureDate":"2026-11-01","mandateReference":"ERP-M-1","collectionDay":25}""";

    private async Task<(TestOrganisation Organisation, HttpClient Api)> OrganisationAsync()
    {
        var organisation = await factory.CreateOrganisationAsync();
        var api = factory.CreateApiClient(organisation.ApiKey);
        (await api.PutAsync("/api/v1/direct-debit-settings", ApiJson.Raw(Settings))).EnsureSuccessStatusCode();
        await organisation.AddCustomerAsync("C-1");
        return (organisation, api);
    }

    private static async Task<List<(string Type, JsonElement Data)>> EventsAsync(HttpClient api) =>
        (await (await api.GetAsync("/api/v1/events")).JsonAsync()).GetProperty("items").EnumerateArray()
            .Select(e => (e.GetProperty("type").GetString()!, e.GetProperty("data"))).ToList();

    [Fact]
    public async Task Settings_AreStoredInOrder_AndReadBack()
    {
        var (_, api) = await OrganisationAsync();
        var settings = await (await api.GetAsync("/api/v1/direct-debit-settings")).JsonAsync();
        settings.GetProperty("enabled").GetBoolean().ShouldBeTrue();
        settings.GetProperty("allowedDays").EnumerateArray().Select(d => d.GetInt32()).ShouldBe([1, 15, 25]);
        settings.GetProperty("leadBusinessDays").GetInt32().ShouldBe(5);
        settings.GetProperty("firstPaymentAmount").GetDecimal().ShouldBe(0.01m);
        settings.GetProperty("creditorId").GetString().ShouldBe("NL57ZZZ999999999999");
    }

    [Theory]
    [InlineData("""{"enabled":true,"allowedDays":[],"leadBusinessDays":5,"creditorId":"NL57ZZZ999999999999"}""", "allowedDays")]
    [InlineData("""{"enabled":true,"allowedDays":[32],"leadBusinessDays":5,"creditorId":"NL57ZZZ999999999999"}""", "allowedDays")]
    [InlineData("""{"enabled":true,"allowedDays":[1],"leadBusinessDays":0,"creditorId":"NL57ZZZ999999999999"}""", "leadBusinessDays")]
    [InlineData("""{"enabled":true,"allowedDays":[1],"leadBusinessDays":5,"creditorId":"NL98ZZZ999999999999"}""", "creditorId")]
    [InlineData("""{"enabled":true,"allowedDays":[1],"leadBusinessDays":5}""", "creditorId")]
    [InlineData("""{"enabled":true,"allowedDays":[1],"leadBusinessDays":5,"firstPaymentAmount":25,"creditorId":"NL57ZZZ999999999999"}""", "firstPaymentAmount")]
    [InlineData("""{"allowedDays":[1],"leadBusinessDays":5}""", "enabled")]
    public async Task Settings_ThatBreakARule_Are422NamingTheField_AndChangeNothing(string body, string field)
    {
        var (_, api) = await OrganisationAsync();
        var response = await api.PutAsync("/api/v1/direct-debit-settings", ApiJson.Raw(body));
        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await response.JsonAsync()).GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue();
        (await (await api.GetAsync("/api/v1/direct-debit-settings")).JsonAsync()).GetProperty("allowedDays").GetArrayLength().ShouldBe(3);
    }

    [Fact]
    public async Task ARegisteredMandate_IsHeldAtMollie_AndTheNextCollectionFallsOnTheNextBusinessDay()
    {
        var (organisation, api) = await OrganisationAsync();
        await organisation.AddInvoiceAsync("F-1", "C-1", 64_20, new DateOnly(2026, 12, 10));
        await organisation.AddInvoiceAsync("F-2", "C-1", 30_00, new DateOnly(2027, 1, 5));

        var created = await api.PostAsync("/api/v1/customers/C-1/mandates", ApiJson.Raw(Signed));
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var view = await created.JsonAsync();
        var mandate = view.GetProperty("mandate");
        mandate.GetProperty("status").GetString().ShouldBe("valid");
        mandate.GetProperty("iban").GetString().ShouldBe("NL91 •••• 4300");
        mandate.GetProperty("reference").GetString().ShouldBe("ERP-M-1");
        view.GetProperty("collectionDay").GetInt32().ShouldBe(25);
        // 25 December is a TARGET2 closing day, 26 and 27 a weekend: the collection is on Monday the 28th, and takes
        // only the invoice due before it.
        var next = view.GetProperty("nextCollection");
        next.GetProperty("date").GetString().ShouldBe("2026-12-28");
        next.GetProperty("amount").GetDecimal().ShouldBe(64.20m);
        next.GetProperty("invoiceNumbers").EnumerateArray().Select(n => n.GetString()).ShouldBe(["F-1"]);

        var stored = await factory.WithScopeAsync(sp => sp.GetRequiredService<PortalDbContext>().Mandates.AsNoTracking()
            .SingleAsync(m => m.OrganisationId == organisation.Id));
        stored.MollieMandateId.ShouldStartWith("mdt_");
        stored.IbanMasked.ShouldNotContain("0417");

        var events = await EventsAsync(api);
        events.ShouldContain(e => e.Type == "mandate.created" && e.Data.GetProperty("mandateReference").GetString() == "ERP-M-1"
            && e.Data.GetProperty("iban").GetString() == "NL91 •••• 4300" && e.Data.GetProperty("source").GetString() == "erp");
        events.ShouldContain(e => e.Type == "collection_day.changed" && e.Data.GetProperty("collectionDay").GetInt32() == 25
            && e.Data.GetProperty("nextCollectionDate").GetString() == "2026-12-28");
        (await (await api.GetAsync("/api/v1/customers/C-1/direct-debit")).JsonAsync()).GetProperty("nextCollection").GetProperty("date")
            .GetString().ShouldBe("2026-12-28");
    }

    [Theory]
    [InlineData("""{"iban":"NL91 ABNA 0417 1643 01","accountHolder":"S. de Vries","signatureDate":"2026-11-01","mandateReference":"M-2","collectionDay":25}""", "iban")]
    [InlineData("""{"iban":"NL91 ABNA 0417 1643 00","accountHolder":"","signatureDate":"2026-11-01","mandateReference":"M-2","collectionDay":25}""", "accountHolder")]
    [InlineData("""{"iban":"NL91 ABNA 0417 1643 00","accountHolder":"S. de Vries","signatureDate":"2026-12-01","mandateReference":"M-2","collectionDay":25}""", "signatureDate")]
    [InlineData("""{"iban":"NL91 ABNA 0417 1643 00","accountHolder":"S. de Vries","signatureDate":"1-11-2026","mandateReference":"M-2","collectionDay":25}""", "signatureDate")]
    [InlineData("""{"iban":"NL91 ABNA 0417 1643 00","accountHolder":"S. de Vries","signatureDate":"2026-11-01","mandateReference":"M_2","collectionDay":25}""", "mandateReference")]
    [InlineData("""{"iban":"NL91 ABNA 0417 1643 00","accountHolder":"S. de Vries","signatureDate":"2026-11-01","mandateReference":"M-2","collectionDay":0}""", "collectionDay")]
    public async Task AMandateThatBreaksARule_Is422NamingTheField_AndNothingIsStored(string body, string field)
    {
        var (organisation, api) = await OrganisationAsync();
        var response = await api.PostAsync("/api/v1/customers/C-1/mandates", ApiJson.Raw(body));
        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await response.JsonAsync()).GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue();
        (await factory.WithScopeAsync(sp => sp.GetRequiredService<PortalDbContext>().Mandates.CountAsync(m => m.OrganisationId == organisation.Id))).ShouldBe(0);
        (await EventsAsync(api)).ShouldNotContain(e => e.Type == "mandate.created");
    }

    [Fact]
    public async Task AReferenceUsedBefore_Is422_AndAnUnknownCustomerIs404()
    {
        var (_, api) = await OrganisationAsync();
        (await api.PostAsync("/api/v1/customers/C-1/mandates", ApiJson.Raw(Signed))).StatusCode.ShouldBe(HttpStatusCode.Created);
        var again = await api.PostAsync("/api/v1/customers/C-1/mandates", ApiJson.Raw(Signed));
        again.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await again.JsonAsync()).GetProperty("errors").GetProperty("mandateReference")[0].GetString()!.ShouldContain("already used");
        (await api.PostAsync("/api/v1/customers/C-404/mandates", ApiJson.Raw(Signed))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await api.GetAsync("/api/v1/customers/C-404/direct-debit")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task EndingTheMandate_RevokesItAtMollie_AndTheErpHearsIt()
    {
        var (organisation, api) = await OrganisationAsync();
        (await api.PostAsync("/api/v1/customers/C-1/mandates", ApiJson.Raw(Signed))).EnsureSuccessStatusCode();
        (await api.DeleteAsync("/api/v1/customers/C-1/mandates")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await api.DeleteAsync("/api/v1/customers/C-1/mandates")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var view = await (await api.GetAsync("/api/v1/customers/C-1/direct-debit")).JsonAsync();
        view.GetProperty("mandate").ValueKind.ShouldBe(JsonValueKind.Null);
        view.GetProperty("nextCollection").ValueKind.ShouldBe(JsonValueKind.Null);
        (await EventsAsync(api)).ShouldContain(e => e.Type == "mandate.revoked" && e.Data.GetProperty("reason").GetString() == "ended by the organisation");

        var stored = await factory.WithScopeAsync(sp => sp.GetRequiredService<PortalDbContext>().Mandates.AsNoTracking()
            .SingleAsync(m => m.OrganisationId == organisation.Id));
        var atMollie = await factory.WithScopeAsync(sp => sp.GetRequiredService<Portal.Infrastructure.Payments.Mollie.MollieClient>()
            .GetMandateAsync(stored.MollieCustomerId!, stored.MollieMandateId!));
        atMollie.IsValid.ShouldBeFalse("no collection may be made on a mandate the customer or organisation ended");
    }

    [Fact]
    public async Task ANewMandate_ReplacesTheOldOne()
    {
        var (_, api) = await OrganisationAsync();
        (await api.PostAsync("/api/v1/customers/C-1/mandates", ApiJson.Raw(Signed))).EnsureSuccessStatusCode();
        var second = Signed.Replace("ERP-M-1", "ERP-M-2").Replace("\"collectionDay\":25", "\"collectionDay\":1");
        var view = await (await api.PostAsync("/api/v1/customers/C-1/mandates", ApiJson.Raw(second))).JsonAsync();
        view.GetProperty("mandate").GetProperty("reference").GetString().ShouldBe("ERP-M-2");
        view.GetProperty("collectionDay").GetInt32().ShouldBe(1);
        (await EventsAsync(api)).ShouldContain(e => e.Type == "mandate.revoked" && e.Data.GetProperty("mandateReference").GetString() == "ERP-M-1"
            && e.Data.GetProperty("reason").GetString() == "replaced");
    }
}
