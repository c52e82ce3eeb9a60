using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Api.Events;
using Portal.Domain.Events;
using Portal.Infrastructure.Database;
using Portal.Tests.Support;
using Shouldly;

namespace Portal.Tests.Api;

/// <summary>Every event type Portal writes is in the catalogue, and the ERP's documentation lists each with its data.</summary>
public class EventCatalogueTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static string RepositoryFile(string relative)
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "Portal.sln"))) return Path.Combine(folder.FullName, relative);
        throw new InvalidOperationException("The repository (Portal.sln) was not found above " + AppContext.BaseDirectory);
    }

    [Fact]
    public void TheCatalogue_HasEveryTypeOnce()
    {
        EventCatalogue.All.Count.ShouldBeGreaterThanOrEqualTo(8);
        EventCatalogue.All.Select(t => t.Name).ShouldBeUnique();
        EventCatalogue.All.ShouldContain(EventCatalogue.FeedbackReceived);
    }

    [Fact]
    public void DocsApi_ListsEveryType_WithEachFieldOfItsData()
    {
        var rows = File.ReadAllLines(RepositoryFile("docs/api.md")).Where(l => l.StartsWith("| `", StringComparison.Ordinal)).ToList();
        foreach (var type in EventCatalogue.All)
        {
            var row = rows.SingleOrDefault(r => r.StartsWith($"| `{type.Name}` |", StringComparison.Ordinal));
            row.ShouldNotBeNull($"docs/api.md has no row for {type.Name}");
            foreach (var field in EventEndpoints.EventDataFields(type))
                row.ShouldContain($"`{field}`", customMessage: $"docs/api.md's row for {type.Name} does not name its field {field}");
        }
    }

    [Fact]
    public async Task TheFeedsOpenApiDescription_ListsEveryType()
    {
        var document = await (await factory.CreateClient().GetAsync("/openapi/v1.json")).JsonAsync();
        var feed = document.GetProperty("paths").GetProperty("/api/v1/events").GetProperty("get");
        var description = feed.GetProperty("description").GetString()!;
        foreach (var type in EventCatalogue.All) description.ShouldContain($"`{type.Name}`");
    }

    [Fact]
    public async Task WhatAPaymentWrites_IsInTheCatalogue_WithTheFieldsItNames()
    {
        var organisation = await factory.CreateOrganisationAsync();
        await organisation.AddCustomerAsync("C-1");
        await organisation.AddInvoiceAsync("F-1", "C-1", 12550, new DateOnly(2026, 12, 1));
        var browser = await organisation.OpenAsCustomerAsync("C-1");
        var start = await PayJourney.PostPayAsync(browser, null, "F-1");
        (await browser.GetAsync(await PayJourney.ChooseAtCheckoutAsync(browser, start.Headers.Location!, "paid"))).EnsureSuccessStatusCode();

        var written = await factory.WithScopeAsync(sp => sp.GetRequiredService<PortalDbContext>().OutboxEvents.AsNoTracking()
            .Where(e => e.OrganisationId == organisation.Id).Select(e => new { e.Type, e.PayloadJson }).ToListAsync());
        written.Select(e => e.Type).ShouldBe(["payment.paid", "invoice.paid"], ignoreOrder: true);
        foreach (var e in written)
        {
            var type = EventCatalogue.All.SingleOrDefault(t => t.Name == e.Type).ShouldNotBeNull($"{e.Type} is written but not in the catalogue");
            JsonDocument.Parse(e.PayloadJson).RootElement.EnumerateObject().Select(p => p.Name).ShouldBe(EventEndpoints.EventDataFields(type), ignoreOrder: true);
        }
    }
}
