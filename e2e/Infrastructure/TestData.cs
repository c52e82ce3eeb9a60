using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Infrastructure.ApiKeys;
using Portal.Domain.Customers;
using Portal.Domain.Invoices;
using Portal.Domain.Organisations;
using Portal.Infrastructure;
using Portal.Infrastructure.Customers;
using Portal.Infrastructure.Database;
using Portal.Infrastructure.Invoices;
using Portal.Infrastructure.PayLinks;

namespace Portal.E2E.Infrastructure;

/// <summary>
/// Puts one organisation with an API key, one customer with two open invoices (together € 125,50), an active pay link
/// and a revoked pay link in the database, through the app's own services, as the ERP would; and on request more
/// customers like it for the tests that pay.
/// </summary>
public static class TestData
{
    private const string Actor = "test:e2e";
    public const string CustomerRef = "E2E-1001";

    public static async Task<SeededAccount> SeedAsync(IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        var now = provider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);

        var organisation = new Organisation("Waterbedrijf Oost", "#0B5394", "NL91ABNA0417164300", "Waterbedrijf Oost B.V.", "020 123 45 67", now);
        // Customers may pay part, from € 10: the pay page then asks how much, and every audit sees that question.
        organisation.SetPartialPayments(10_00);
        // Direct debit on the 1st, 15th or 25th: the overview links to it, and the crawl goes through setting it up.
        organisation.SetDirectDebitPolicy(new Portal.Domain.DirectDebit.DirectDebitPolicy(true, [1, 15, 25], 5, 1, "NL57ZZZ999999999999"));
        // A logo, so every page also loads it: a failing logo (it once answered 500 on PostgreSQL) fails each page's audit.
        organisation.SetLogo(System.Text.Encoding.UTF8.GetBytes(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 40 40\"><circle cx=\"20\" cy=\"20\" r=\"18\" fill=\"#FFFFFF\"/></svg>"), "image/svg+xml");
        var db = provider.GetRequiredService<PortalDbContext>();
        db.Organisations.Add(organisation);
        await db.SaveChangesAsync(ct);
        var apiKey = await provider.GetRequiredService<ApiKeyService>().IssueAsync(organisation.Id, "e2e", Actor, ct: ct);

        const string customerName = "Sanne Jansen";
        await AddCustomerAsync(provider, organisation.Id, CustomerRef, customerName, "sanne@example.org", ct);

        var invoices = provider.GetRequiredService<InvoiceService>();
        await AddInvoiceAsync(invoices, organisation.Id, CustomerRef, "E2E-2026-001", today.AddDays(-5), today.AddDays(30), "Water januari", FirstLines, ct);
        await AddInvoiceAsync(invoices, organisation.Id, CustomerRef, "E2E-2026-002", today.AddDays(-2), today.AddDays(45), "Nieuwe aansluiting", SecondLines, ct);

        var payLinks = provider.GetRequiredService<PayLinkService>();
        var active = await CreateLinkAsync(payLinks, organisation.Id, CustomerRef, ct);
        var revoked = await CreateLinkAsync(payLinks, organisation.Id, CustomerRef, ct);
        if (!await payLinks.RevokeAsync(organisation.Id, revoked.Id, Actor, ct))
            throw new InvalidOperationException("The test pay link could not be revoked.");

        return new SeededAccount(organisation.Id, organisation.Name, customerName, active.Token, revoked.Token,
            "E2E-2026-001", "E2E-2026-002", 12550, today.AddDays(30), FirstLines, apiKey);
    }

    /// <summary>The digits of the newest one-time code sent to the organisation's customers, as the customer reads them.</summary>
    public static async Task<string> LatestCodeAsync(IServiceProvider services, long organisationId)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var message = await db.Messages.AsNoTracking().Where(m => m.OrganisationId == organisationId && m.Kind == Portal.Domain.Messages.MessageKind.OneTimeCode)
            .OrderByDescending(m => m.Id).FirstAsync();
        var text = scope.ServiceProvider.GetRequiredService<Portal.Infrastructure.Messages.MessageService>().Content(message).Text;
        return System.Text.RegularExpressions.Regex.Match(text, @"\b\d{6}\b").Value;
    }

    /// <summary>
    /// Another customer of the organisation with two open invoices like the first one's (€ 80,50 and € 45,00) and a pay
    /// link, under keys of its own, for a test that pays and must not see what other tests paid.
    /// </summary>
    public static async Task<PayingCustomer> AddPayingCustomerAsync(IServiceProvider services, long organisationId, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        var today = DateOnly.FromDateTime(provider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);
        var unique = Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var customerRef = "E2E-P" + unique;
        await AddCustomerAsync(provider, organisationId, customerRef, "Daan de Vries", "daan@example.org", ct);

        var invoices = provider.GetRequiredService<InvoiceService>();
        (string Number, long AmountMinor)[] added = [($"P{unique}-1", FirstLines.Sum(l => l.AmountMinor)), ($"P{unique}-2", SecondLines.Sum(l => l.AmountMinor))];
        await AddInvoiceAsync(invoices, organisationId, customerRef, added[0].Number, today.AddDays(-5), today.AddDays(30), "Water januari", FirstLines, ct);
        await AddInvoiceAsync(invoices, organisationId, customerRef, added[1].Number, today.AddDays(-2), today.AddDays(45), "Nieuwe aansluiting", SecondLines, ct);
        var link = await CreateLinkAsync(provider.GetRequiredService<PayLinkService>(), organisationId, customerRef, ct);
        return new PayingCustomer(customerRef, link.Token, added);
    }

    /// <summary>
    /// A customer with € 1.250 open (two invoices, € 1.000 overdue and € 250 due in 20 days) at an organisation whose
    /// payment plans are on with the usual rules (terms of at least € 25, at most 12 in 12 months, agreed at once).
    /// </summary>
    public static async Task<PayingCustomer> AddPlanCustomerAsync(IServiceProvider services, long organisationId, int missedTermsToBreak = 1,
        CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        await provider.GetRequiredService<Portal.Infrastructure.Arrangements.ArrangementService>().SetPolicyAsync(organisationId,
            Portal.Domain.Arrangements.ArrangementPolicy.Default with { Enabled = true, MissedTermsToBreak = missedTermsToBreak }, Actor, ct);
        var today = DateOnly.FromDateTime(provider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);
        var unique = Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var customerRef = "E2E-A" + unique;
        await AddCustomerAsync(provider, organisationId, customerRef, "Daan de Vries", "daan@example.org", ct);
        var invoices = provider.GetRequiredService<InvoiceService>();
        (string Number, long AmountMinor)[] added = [($"A{unique}-1", 1_000_00), ($"A{unique}-2", 250_00)];
        await AddInvoiceAsync(invoices, organisationId, customerRef, added[0].Number, today.AddDays(-40), today.AddDays(-10), "Energie oktober", [("Stroom", 1_000_00)], ct);
        await AddInvoiceAsync(invoices, organisationId, customerRef, added[1].Number, today.AddDays(-10), today.AddDays(20), "Energie november", [("Stroom", 250_00)], ct);
        var link = await CreateLinkAsync(provider.GetRequiredService<PayLinkService>(), organisationId, customerRef, ct);
        return new PayingCustomer(customerRef, link.Token, added);
    }

    /// <summary>
    /// A paying customer (number on file 06-12345678) at an organisation that calls back every day from 08:00 to 20:00
    /// in half hours, two per slot, without lead time: whatever the day the suite runs, there are slots to book.
    /// </summary>
    public static async Task<PayingCustomer> AddCallbackCustomerAsync(IServiceProvider services, long organisationId, CancellationToken ct = default)
    {
        await using (var scope = services.CreateAsyncScope())
        {
            IReadOnlyList<Portal.Domain.Callbacks.OpeningPeriod> day = [new(new TimeOnly(8, 0), new TimeOnly(20, 0))];
            var settings = new Portal.Domain.Callbacks.CallbackSettings(Enum.GetValues<DayOfWeek>().ToDictionary(d => d, _ => day), 30, 2, 0, [], "Europe/Amsterdam");
            await scope.ServiceProvider.GetRequiredService<Portal.Infrastructure.Callbacks.CallbackService>().SetSettingsAsync(organisationId, settings, Actor, ct);
        }
        return await AddPayingCustomerAsync(services, organisationId, ct);
    }

    /// <summary>The ERP registers the SEPA mandate it holds for the customer, collecting on <paramref name="day"/>.</summary>
    public static async Task RegisterMandateAsync(IServiceProvider services, long organisationId, string customerRef, int day, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        var today = DateOnly.FromDateTime(provider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);
        var result = await provider.GetRequiredService<Portal.Infrastructure.DirectDebit.DirectDebitService>().RegisterAsync(organisationId, customerRef,
            new("NL91ABNA0417164300", "D. de Vries", today.AddDays(-1), "E2E-M-" + customerRef, day), Actor, ct);
        if (result.View is null) throw new InvalidOperationException("The test mandate was not registered: " + string.Join("; ", result.Errors));
    }

    /// <summary>A new pay link for the test customer, as the ERP would ask for one; answers its id and token.</summary>
    public static async Task<PayLinkService.Issued> IssueLinkAsync(IServiceProvider services, long organisationId, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        return await CreateLinkAsync(scope.ServiceProvider.GetRequiredService<PayLinkService>(), organisationId, CustomerRef, ct);
    }

    /// <summary>
    /// A customer whose last direct debit failed (AM04), or came back (a chargeback, MD06), or whose mandate waits for its
    /// first iDEAL payment: the states of the direct-debit page no crawl reaches in a few seconds. Answers the pay link's token.
    /// </summary>
    public static async Task<string> AddDirectDebitCustomerAsync(IServiceProvider services, long organisationId, DirectDebitState state, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        var now = provider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        var customerRef = "DD-" + Guid.NewGuid().ToString("N")[..8];
        await AddCustomerAsync(provider, organisationId, customerRef, "Noor Bakker", "noor@example.org", ct);
        var invoiceNumber = customerRef + "-1";
        await AddInvoiceAsync(provider.GetRequiredService<InvoiceService>(), organisationId, customerRef, invoiceNumber, today.AddDays(-40),
            today.AddDays(-10), "Water december", FirstLines, ct);
        var db = provider.GetRequiredService<PortalDbContext>();
        var customer = await db.Customers.FirstAsync(c => c.OrganisationId == organisationId && c.CustomerRef == customerRef, ct);
        var invoice = await db.Invoices.AsNoTracking().FirstAsync(i => i.OrganisationId == organisationId && i.InvoiceNumber == invoiceNumber, ct);
        var reference = Portal.Domain.DirectDebit.MandateReference.Make(organisationId, customer.Id, 1);
        if (state == DirectDebitState.Waiting)
        {
            db.Mandates.Add(Portal.Domain.DirectDebit.Mandate.AwaitingFirstPayment(organisationId, customer.Id, reference, Guid.NewGuid(), 25, "e2e", now));
        }
        else
        {
            var mandate = new Portal.Domain.DirectDebit.Mandate(organisationId, customer.Id, Portal.Domain.DirectDebit.MandateSource.Iban, reference,
                "NL91ABNA0417164300", "N. Bakker", today.AddDays(-60), "e2e", now);
            db.Mandates.Add(mandate);
            customer.ChooseCollectionDay(25, now);
            await db.SaveChangesAsync(ct);
            var collection = new Portal.Domain.DirectDebit.Collection(organisationId, customer.Id, mandate.Id, invoice.Id, today.AddDays(-3),
                invoice.TotalMinor, "EUR", now.AddDays(-10));
            if (state == DirectDebitState.ChargedBack)
            {
                collection.Finish(Portal.Domain.DirectDebit.CollectionStatus.Paid, null, now.AddDays(-2));
                collection.ChargedBack("MD06", now.AddDays(-1));
            }
            else
            {
                collection.Finish(Portal.Domain.DirectDebit.CollectionStatus.Failed, "AM04", now.AddDays(-2));
            }
            db.Collections.Add(collection);
        }
        await db.SaveChangesAsync(ct);
        return (await CreateLinkAsync(provider.GetRequiredService<PayLinkService>(), organisationId, customerRef, ct)).Token;
    }

    /// <summary>The ERP sends the customer another invoice of € 80,50, due on <paramref name="due"/>.</summary>
    public static async Task AddInvoiceAsync(IServiceProvider services, long organisationId, string customerRef, string number, DateOnly due,
        CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        await AddInvoiceAsync(scope.ServiceProvider.GetRequiredService<InvoiceService>(), organisationId, customerRef, number, due.AddDays(-14), due,
            "Water februari", FirstLines, ct);
    }

    /// <summary>The messages of a kind Portal wrote for the customer, oldest first: when, and the text the customer reads.</summary>
    public static async Task<IReadOnlyList<(DateTime CreatedAtUtc, string Text)>> MessagesAsync(IServiceProvider services, long organisationId,
        string customerRef, Portal.Domain.Messages.MessageKind kind)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var content = scope.ServiceProvider.GetRequiredService<Portal.Infrastructure.Messages.MessageService>();
        var messages = await db.Messages.AsNoTracking()
            .Where(m => m.OrganisationId == organisationId && m.Kind == kind && db.Customers.Any(c => c.Id == m.CustomerId && c.CustomerRef == customerRef))
            .OrderBy(m => m.Id).ToListAsync();
        return [.. messages.Select(m => (m.CreatedAtUtc, content.Content(m).Text))];
    }

    public static async Task RevokeLinkAsync(IServiceProvider services, long organisationId, Guid payLinkId, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        if (!await scope.ServiceProvider.GetRequiredService<PayLinkService>().RevokeAsync(organisationId, payLinkId, Actor, ct))
            throw new InvalidOperationException($"Pay link {payLinkId} could not be revoked.");
    }

    private static readonly (string Description, long AmountMinor)[] FirstLines = [("Drinkwater januari", 5000), ("Vastrecht januari", 3050)];
    private static readonly (string Description, long AmountMinor)[] SecondLines = [("Aansluiting", 4500)];

    private static async Task AddCustomerAsync(IServiceProvider provider, long organisationId, string customerRef, string name, string email,
        CancellationToken ct)
    {
        var details = new CustomerDetails(name, email, "0612345678", "nl",
            new Address("Dorpsstraat 1", null, "1234 AB", "Voorbeeld", "NL"));
        var outcome = await provider.GetRequiredService<CustomerService>().UpsertAsync(organisationId, customerRef, details, Actor, ct);
        if (outcome != UpsertOutcome.Created) throw new InvalidOperationException($"Test customer {customerRef} was not created: {outcome}.");
    }

    private static async Task AddInvoiceAsync(InvoiceService invoices, long organisationId, string customerRef, string number, DateOnly issued,
        DateOnly due, string description, (string Description, long AmountMinor)[] lines, CancellationToken ct)
    {
        var input = new InvoiceInput(number, customerRef, issued, due, "EUR", lines.Sum(l => l.AmountMinor),
            lines.Select(l => new InvoiceLineDetails(l.Description, l.AmountMinor, 1, l.AmountMinor, 9m)).ToList(), description);
        var result = await invoices.UpsertAsync(organisationId, input, Actor, ct);
        if (result.Outcome != UpsertOutcome.Created)
            throw new InvalidOperationException($"Invoice {number} was not created: {result.Conflict} {string.Join("; ", result.Errors)}");
    }

    private static async Task<PayLinkService.Issued> CreateLinkAsync(PayLinkService payLinks, long organisationId, string customerRef, CancellationToken ct)
    {
        var created = await payLinks.CreateAsync(organisationId, customerRef, null, null, Actor, ct);
        return created.Link ?? throw new InvalidOperationException($"The test pay link was not created: {string.Join("; ", created.Errors)}");
    }
}

/// <summary>The direct-debit states <see cref="TestData.AddDirectDebitCustomerAsync"/> can leave a customer in.</summary>
public enum DirectDebitState { Failed, ChargedBack, Waiting }
