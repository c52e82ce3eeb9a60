using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Domain;
using Portal.Domain.ApiKeys;
using Portal.Domain.Customers;
using Portal.Domain.Invoices;
using Portal.Domain.Organisations;
using Portal.Infrastructure.ApiKeys;
using Portal.Infrastructure.Database;
using Portal.Infrastructure.PayLinks;

namespace Portal.Infrastructure.Demo;

/// <summary>Fills an empty database with the demo organisation, and issues fresh demo links at every start.</summary>
public class DemoSeeder(PortalDbContext db, TimeProvider clock, ApiKeyService apiKeys, PayLinkService payLinks,
    DemoLinks demoLinks, IOptions<PortalOptions> options)
{
    public const string OrganisationName = "Energie Zuid";
    private const string Actor = "system:demo";
    private const string DemoKeyName = "demo";

    public async Task RunAsync(CancellationToken ct = default)
    {
        var organisation = await db.Organisations.FirstOrDefaultAsync(o => o.Name == OrganisationName, ct);
        if (organisation is null)
        {
            if (await db.Organisations.AnyAsync(ct)) return; // Only an empty database gets the demo.
            organisation = await SeedAsync(ct);
        }
        demoLinks.ApiKey = await EnsureApiKeyAsync(organisation.Id, ct);
        demoLinks.Links = await LinksAsync(organisation.Id, ct);
    }

    private async Task<Organisation> SeedAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        var organisation = new Organisation(OrganisationName, "#0B5394", "NL91ABNA0417164300", "Energie Zuid B.V.", "020 123 45 67", now);
        organisation.SetLogo(System.Text.Encoding.UTF8.GetBytes(LogoSvg), "image/svg+xml");
        organisation.SetPartialPayments(10_00);
        // Direct debit on the 1st, 15th or 25th, under a made-up creditor id whose check digits hold.
        organisation.SetDirectDebitPolicy(new Portal.Domain.DirectDebit.DirectDebitPolicy(true, [1, 15, 25], 5, 1, "NL57ZZZ999999999999"));
        // Payment plans inside the usual rules (terms of at least € 25, at most 12), agreed at once.
        organisation.SetArrangementPolicy(Portal.Domain.Arrangements.ArrangementPolicy.Default with { Enabled = true });
        // Promises to pay up to 14 days ahead, with 3 days of grace.
        organisation.SetPromisePolicy(Portal.Domain.Promises.PromisePolicy.Default with { Enabled = true });
        // Call-backs on weekdays from 09:00 to 17:00 in half hours, two customers per slot, booked two hours ahead.
        IReadOnlyList<Portal.Domain.Callbacks.OpeningPeriod> officeHours = [new(new TimeOnly(9, 0), new TimeOnly(17, 0))];
        organisation.SetCallbackSettings(Portal.Domain.Callbacks.CallbackSettings.Off with
        {
            OpeningHours = new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday }
                .ToDictionary(d => d, _ => officeHours),
        });
        db.Organisations.Add(organisation);
        await db.SaveChangesAsync(ct);

        var sanne = Customer(organisation.Id, "C-1001", "Sanne de Vries", "nl", now);
        var john = Customer(organisation.Id, "C-1002", "John Smith", "en", now);
        var fatma = Customer(organisation.Id, "C-1003", "Fatma Yilmaz", null, now);
        var daan = Customer(organisation.Id, "C-1004", "Daan Bakker", "nl", now);
        db.Customers.AddRange(sanne, john, fatma, daan);
        await db.SaveChangesAsync(ct);

        db.Invoices.AddRange(
            Invoice(organisation.Id, "2026-0101", sanne.Id, today.AddDays(-20), today.AddDays(9), "Energie november 2026",
                [("Stroom november", 9850), ("Gas november", 2700)], now),
            Invoice(organisation.Id, "2026-0088", sanne.Id, today.AddDays(-45), today.AddDays(-14), "Energie oktober 2026",
                [("Stroom oktober", 4420), ("Vastrecht oktober", 2000)], now));
        var partly = Invoice(organisation.Id, "2026-0102", john.Id, today.AddDays(-10), today.AddDays(20), "Annual settlement 2026",
            [("Electricity settlement", 24000), ("Gas settlement", 6000)], now);
        partly.RegisterPayment(new Money(100m, "EUR"), now);
        var paid = Invoice(organisation.Id, "2026-0050", fatma.Id, today.AddDays(-60), today.AddDays(-30), "Energie september 2026",
            [("Stroom september", 7525)], now);
        paid.RegisterPayment(new Money(75.25m, "EUR"), now);
        var fatmaOpen = Invoice(organisation.Id, "2026-0103", fatma.Id, today.AddDays(-3), today.AddDays(27), "Energie november 2026",
            [("Stroom november", 6150), ("Gas november", 3100)], now);
        // A year's settlement too large to pay at once: the customer to try a payment plan with (ten terms of € 125).
        var settlement = Invoice(organisation.Id, "2026-0090", daan.Id, today.AddDays(-30), today.AddDays(-2), "Jaarafrekening 2026",
            [("Stroom jaarafrekening", 95000), ("Gas jaarafrekening", 30000)], now);
        db.Invoices.AddRange(partly, paid, fatmaOpen, settlement);
        await db.SaveChangesAsync(ct);
        return organisation;
    }

    private async Task<string> EnsureApiKeyAsync(long organisationId, CancellationToken ct)
    {
        var configured = options.Value.Demo.ApiKey;
        if (configured is not null && !ApiKey.IsWellFormed(configured))
            throw new InvalidOperationException($"Portal:Demo:ApiKey must start with '{ApiKey.SecretPrefix}' and be 21 to 199 characters long.");
        var hash = configured is null ? null : ApiKey.Hash(configured);
        var stored = hash is null ? null : await db.ApiKeys.FirstOrDefaultAsync(k => k.KeyHash == hash, ct);
        if (stored is not null && stored.OrganisationId != organisationId)
            throw new InvalidOperationException("Portal:Demo:ApiKey is another organisation's API key. Choose another key.");
        if (stored is { RevokedAtUtc: null }) return configured!;
        // A random demo key is shown once, so a new start issues a new one and retires the old. A configured key that
        // an earlier start without it retired comes back: it cannot be stored twice.
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var old in await db.ApiKeys.Where(k => k.OrganisationId == organisationId && k.Name == DemoKeyName && k.RevokedAtUtc == null).ToListAsync(ct))
            old.Revoke(now);
        await db.SaveChangesAsync(ct);
        if (stored is null) return await apiKeys.IssueAsync(organisationId, DemoKeyName, Actor, configured, ct);
        await apiKeys.ReinstateAsync(stored, Actor, ct);
        return configured!;
    }

    /// <summary>The demo's own customers, as it seeds them; customers an ERP pushes through the demo key are left alone.</summary>
    private static readonly string[] DemoCustomers = ["C-1001", "C-1002", "C-1003", "C-1004"];

    /// <summary>
    /// A working link for each demo customer: the newest one that still works for a day (so the printed links stay the
    /// same from start to start), or a new one. No start issues links for anybody else.
    /// </summary>
    private async Task<IReadOnlyList<DemoLinks.Link>> LinksAsync(long organisationId, CancellationToken ct)
    {
        var stillWorking = clock.GetUtcNow().UtcDateTime.AddDays(1);
        var customers = await db.Customers.AsNoTracking()
            .Where(c => c.OrganisationId == organisationId && DemoCustomers.Contains(c.CustomerRef))
            .OrderBy(c => c.CustomerRef)
            .Select(c => new
            {
                c.CustomerRef, c.Name,
                Reusable = db.PayLinks.Where(p => p.CustomerId == c.Id && p.RevokedAtUtc == null && p.ExpiresAtUtc > stillWorking && !p.Invoices.Any())
                    .OrderByDescending(p => p.CreatedAtUtc).Select(p => (Guid?)p.Id).FirstOrDefault(),
            })
            .ToListAsync(ct);
        var links = new List<DemoLinks.Link>();
        foreach (var customer in customers)
        {
            var token = customer.Reusable is { } id ? await payLinks.RecoverTokenAsync(organisationId, id, ct) : null;
            var linkId = customer.Reusable;
            if (token is null)
            {
                var made = (await payLinks.CreateAsync(organisationId, customer.CustomerRef, null, null, Actor, ct)).Link!;
                (token, linkId) = (made.Token, made.Id);
            }
            // Sanne's link also opens by a letter code and her postcode; a new code at each start, on the same link.
            if (customer.CustomerRef == "C-1001" && await payLinks.NewLetterCodeAsync(organisationId, linkId!.Value, Actor, ct) is { } code)
                demoLinks.LetterCode = new DemoLinks.LetterCodeLink(customer.Name, code, "1234 AB");
            var situation = customer.CustomerRef switch
            {
                "C-1001" => "one invoice open, one overdue (Dutch)",
                "C-1002" => "partly paid (English)",
                "C-1004" => "€ 1.250 open: pay it in parts with a payment plan",
                "C-1003" => "one paid, one open",
                _ => "",
            };
            links.Add(new DemoLinks.Link(customer.Name, situation, "/p/" + token));
        }
        return links;
    }

    private static Customer Customer(long organisationId, string reference, string name, string? language, DateTime now) =>
        new(organisationId, reference, new CustomerDetails(name, $"{reference.ToLowerInvariant()}@example.org", "0612345678", language,
            new Address("Dorpsstraat 1", null, "1234 AB", "Voorbeeld", "NL")), now);

    private static Invoice Invoice(long organisationId, string number, long customerId, DateOnly issued, DateOnly due, string description,
        (string Description, long AmountMinor)[] lines, DateTime now) =>
        new(organisationId, number, new InvoiceDetails(customerId, issued, due, "EUR", lines.Sum(l => l.AmountMinor),
            lines.Select(l => new InvoiceLineDetails(l.Description, l.AmountMinor, 1, l.AmountMinor, 21m)).ToList(), description), now);

    private const string LogoSvg =
        """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 48 48" width="48" height="48" role="img" aria-label="Energie Zuid"><circle cx="24" cy="24" r="22" fill="#FFFFFF"/><path d="M27 6 13 27h10l-3 15 15-22H25z" fill="#0B5394"/></svg>""";
}
