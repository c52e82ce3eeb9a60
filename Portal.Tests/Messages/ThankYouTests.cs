using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Messages;
using Portal.Infrastructure.Database;
using Portal.Infrastructure.Messages;
using Portal.Tests.Support;
using Shouldly;

namespace Portal.Tests.Messages;

/// <summary>After a payment the customer hears thank you, with the organisation's after-sales block when it set one, unless switched off.</summary>
public class ThankYouTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private async Task<(TestOrganisation Organisation, HttpClient Api)> PaidAsync(object? settings)
    {
        var organisation = await factory.CreateOrganisationAsync();
        var api = factory.CreateApiClient(organisation.ApiKey);
        if (settings is not null) (await api.PutJsonAsync("/api/v1/message-settings", settings)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await api.PutJsonAsync("/api/v1/customers/C-1", new { name = "Sanne de Vries", email = "sanne@example.nl" })).EnsureSuccessStatusCode();
        await organisation.AddInvoiceAsync("F-1", "C-1", 12550, new DateOnly(2026, 12, 1));
        await organisation.AddInvoiceAsync("F-2", "C-1", 4000, new DateOnly(2026, 12, 20));
        var browser = await organisation.OpenAsCustomerAsync("C-1");
        var start = await PayJourney.PostPayAsync(browser, null, "F-1");
        (await browser.GetAsync(await PayJourney.ChooseAtCheckoutAsync(browser, start.Headers.Location!, "paid"))).EnsureSuccessStatusCode();
        return (organisation, api);
    }

    private Task<List<MessageTexts>> ThankYousAsync(TestOrganisation organisation) => factory.WithScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<PortalDbContext>();
        var messages = await db.Messages.AsNoTracking().Where(m => m.OrganisationId == organisation.Id && m.Kind == MessageKind.ThankYou).ToListAsync();
        return messages.Select(sp.GetRequiredService<MessageService>().Content).ToList();
    });

    [Fact]
    public async Task APaidPayment_SendsTheThankYou_WithTheAfterSalesBlock_AndWhatIsLeft()
    {
        var (organisation, api) = await PaidAsync(new { thankYou = true, afterSales = new { text = "Geef uw meterstand online door.", link = "https://example.nl/meterstand" } });
        var thanks = (await ThankYousAsync(organisation)).ShouldHaveSingleItem();
        thanks.Subject.ShouldBe("Bedankt voor uw betaling");
        thanks.Text.ShouldContain("Geef uw meterstand online door.\nhttps://example.nl/meterstand");
        thanks.Html!.ShouldContain(">https://example.nl/meterstand</a>");
        var settings = await (await api.GetAsync("/api/v1/message-settings")).JsonAsync();
        settings.GetProperty("afterSales").GetProperty("link").GetString().ShouldBe("https://example.nl/meterstand");
    }

    [Fact]
    public async Task ByDefault_TheThankYouHasNoAfterSalesBlock()
    {
        var (organisation, _) = await PaidAsync(null);
        var thanks = (await ThankYousAsync(organisation)).ShouldHaveSingleItem();
        thanks.Text.ShouldContain("Bedankt! Wij hebben uw betaling gekregen.\n\nWilt u zien wat u nog moet betalen?");
    }

    [Fact]
    public async Task SwitchedOff_NoThankYou()
    {
        var (organisation, _) = await PaidAsync(new { thankYou = false, afterSales = (object?)null });
        (await ThankYousAsync(organisation)).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("""{"afterSales":null}""", "thankYou")]
    [InlineData("""{"thankYou":true,"afterSales":{"text":""}}""", "afterSales.text")]
    [InlineData("""{"thankYou":true,"afterSales":{"text":"Tip","link":"http://example.nl"}}""", "afterSales.link")]
    [InlineData("""{"thankYou":true,"afterSales":{"text":"Tip","link":"javascript:alert(1)"}}""", "afterSales.link")]
    public async Task PutSettings_BadInput_Is422NamingTheField(string body, string field)
    {
        var organisation = await factory.CreateOrganisationAsync();
        var response = await factory.CreateApiClient(organisation.ApiKey).PutAsync("/api/v1/message-settings", ApiJson.Raw(body));
        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await response.JsonAsync()).GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue();
    }
}
