using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Infrastructure.Customers;
using Portal.Infrastructure.Database;
using Portal.Infrastructure.PayLinks;
using Portal.Tests.Support;
using Shouldly;

namespace Portal.Tests.Infrastructure;

/// <summary>The customer services serve a scope, whoever hands it out: a pay link now, a staff page later.</summary>
public class CustomerScopeTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task APayLinkForChosenInvoices_ShowsOnlyThose_AScopeWithoutALink_ShowsAllOfTheCustomers_NeverAnothers()
    {
        var organisation = await factory.CreateOrganisationAsync();
        await organisation.AddCustomerAsync("C-1");
        await organisation.AddCustomerAsync("C-2", "Piet Bakker");
        await organisation.AddInvoiceAsync("F-1", "C-1", 1000, new DateOnly(2026, 12, 1));
        await organisation.AddInvoiceAsync("F-2", "C-1", 2000, new DateOnly(2026, 12, 2));
        await organisation.AddInvoiceAsync("F-3", "C-2", 3000, new DateOnly(2026, 12, 3));
        var chosen = await organisation.CreatePayLinkAsync("C-1", ["F-2"]);

        var (linkScope, staffScope) = await factory.WithScopeAsync(async sp =>
        {
            var link = await sp.GetRequiredService<PayLinkService>().ResolveAsync(chosen.Token);
            var customerId = await sp.GetRequiredService<PortalDbContext>().Customers
                .Where(c => c.OrganisationId == organisation.Id && c.CustomerRef == "C-1").Select(c => c.Id).SingleAsync();
            return (CustomerScope.Of(link), new CustomerScope(organisation.Id, customerId, null, "staff:test"));
        });
        linkScope.Actor.ShouldBe($"customer:{linkScope.PayLinkId}");

        async Task<List<string>> OpenInvoices(CustomerScope scope) => await factory.WithScopeAsync(async sp =>
        {
            var accounts = sp.GetRequiredService<CustomerAccountService>();
            var brand = (await accounts.GetBrandAsync(scope.OrganisationId))!;
            return (await accounts.GetAccountAsync(scope, brand))!.OpenInvoices.Select(i => i.InvoiceNumber).ToList();
        });
        (await OpenInvoices(linkScope)).ShouldBe(["F-2"]);
        (await OpenInvoices(staffScope)).ShouldBe(["F-1", "F-2"]);
        (await factory.WithScopeAsync(sp => sp.GetRequiredService<CustomerAccountService>().GetInvoiceAsync(staffScope, "F-3"))).ShouldBeNull();
    }
}
