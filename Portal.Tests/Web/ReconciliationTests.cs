using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Infrastructure.Database;
using Portal.Infrastructure.Payments;
using Portal.Tests.Support;
using Shouldly;

namespace Portal.Tests.Web;

public class ReconciliationTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task LostWebhook_IsRepairedByReconciliation_Once()
    {
        var organisation = await factory.CreateOrganisationAsync();
        await organisation.AddCustomerAsync("C-1");
        await organisation.AddInvoiceAsync("F-1", "C-1", 12550, new DateOnly(2026, 12, 1));
        var browser = await organisation.OpenAsCustomerAsync("C-1");
        var start = await PayJourney.PostPayAsync(browser, null, "F-1");
        var providerId = start.Headers.Location!.AbsolutePath.Split('/')[^1];

        // The bank says paid, but the webhook never arrives.
        using var control = factory.CreateClient();
        (await control.PostAsync($"/mollie-sandbox/__control/payments/{providerId}/status/paid?webhook=false", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var api = factory.CreateApiClient(organisation.ApiKey);
        (await (await api.GetAsync("/api/v1/invoices/F-1")).JsonAsync()).GetProperty("status").GetString().ShouldBe("open");

        Task<int> Reconcile() => factory.WithScopeAsync(sp => sp.GetRequiredService<PaymentReconciliation>().RunAsync(TimeSpan.Zero));
        (await Reconcile()).ShouldBe(1);
        (await Reconcile()).ShouldBe(0);

        (await (await api.GetAsync("/api/v1/invoices/F-1")).JsonAsync()).GetProperty("status").GetString().ShouldBe("paid");
        var events = (await (await api.GetAsync("/api/v1/events")).JsonAsync()).GetProperty("items").EnumerateArray()
            .Select(e => e.GetProperty("type").GetString()).ToList();
        events.ShouldBe(["payment.paid", "invoice.paid"], ignoreOrder: true);
    }

    [Fact]
    public async Task APaymentTheProviderDoesNotKnow_IsRecorded_AndDoesNotStopTheOthers()
    {
        var organisation = await factory.CreateOrganisationAsync();
        await organisation.AddCustomerAsync("C-1");
        await organisation.AddInvoiceAsync("F-1", "C-1", 12550, new DateOnly(2026, 12, 1));
        await organisation.AddInvoiceAsync("F-2", "C-1", 4000, new DateOnly(2026, 12, 15));
        var browser = await organisation.OpenAsCustomerAsync("C-1");
        var lost = await PayJourney.PostPayAsync(browser, null, "F-1");
        factory.Clock.Advance(TimeSpan.FromSeconds(1));
        var good = await PayJourney.PostPayAsync(browser, null, "F-2");
        // The first payment's provider id is one the provider answers 404 for; it is the older, so it comes first.
        var lostId = lost.Headers.Location!.AbsolutePath.Split('/')[^1];
        await factory.WithScopeAsync(sp => sp.GetRequiredService<PortalDbContext>().Payments.Where(p => p.ProviderPaymentId == lostId)
            .ExecuteUpdateAsync(u => u.SetProperty(p => p.ProviderPaymentId, "tr_forgotten")));
        using var control = factory.CreateClient();
        var goodId = good.Headers.Location!.AbsolutePath.Split('/')[^1];
        (await control.PostAsync($"/mollie-sandbox/__control/payments/{goodId}/status/paid?webhook=false", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        for (var run = 0; run < 2; run++)
            await factory.WithScopeAsync(sp => sp.GetRequiredService<PaymentReconciliation>().RunAsync(TimeSpan.Zero));

        var api = factory.CreateApiClient(organisation.ApiKey);
        (await (await api.GetAsync("/api/v1/invoices/F-2")).JsonAsync()).GetProperty("status").GetString().ShouldBe("paid");
        var recorded = await factory.WithScopeAsync(sp => sp.GetRequiredService<PortalDbContext>().Payments.AsNoTracking()
            .SingleAsync(p => p.ProviderPaymentId == "tr_forgotten"));
        recorded.Status.ShouldBe(Portal.Domain.Payments.PaymentStatus.Open);
        recorded.LastSyncError.ShouldNotBeNull().ShouldContain("404");
        recorded.LastSyncErrorAtUtc.ShouldNotBeNull();
    }
}
