using Microsoft.EntityFrameworkCore;
using Portal.Domain;
using Portal.Domain.Invoices;
using Portal.Domain.Payments;
using Portal.Infrastructure.Database;
using Portal.Infrastructure.PayLinks;

namespace Portal.Infrastructure.Customers;

/// <summary>What a customer sees within their scope (through a pay link, later a staff page): the organisation, what they owe, and their invoices.</summary>
public class CustomerAccountService(PortalDbContext db, TimeProvider clock, BrandCache brands)
{
    /// <summary>
    /// The overview in one query (<see cref="CustomerQueries.Account"/>): the customer, their credits and their
    /// payable invoices. The organisation comes from the page, which has it from the session's query and <see cref="BrandCache"/>.
    /// </summary>
    public async Task<CustomerAccount?> GetAccountAsync(CustomerScope scope, OrganisationBrand organisation, CancellationToken ct = default)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        CustomerQueries.AccountRow? customer = null;
        var credits = new List<CustomerQueries.AccountRow>();
        var open = new List<OpenInvoice>();
        var terms = new List<CustomerQueries.AccountRow>();
        await foreach (var row in CustomerQueries.Account(db, scope.OrganisationId, scope.CustomerId, scope.PayLinkId).WithCancellation(ct))
        {
            switch (row.Part)
            {
                case 0: customer = row; break;
                case 1: credits.Add(row); break;
                case 3: terms.Add(row); break;
                default:
                    open.Add(new OpenInvoice(row.InvoiceNumber!, row.Description, row.IssueDate!.Value, row.DueDate!.Value,
                        Money.FromMinor(row.AmountMinor, row.Currency!), Money.FromMinor(InvoiceMoney.DueMinor(row.AmountMinor, row.AmountPaidMinor), row.Currency!),
                        row.AmountPaidMinor > 0, InvoiceMoney.IsOverdue(Enum.Parse<InvoiceStatus>(row.Status!), row.DueDate.Value, today)));
                    break;
            }
        }
        if (customer is null) return null;

        var totals = open.GroupBy(i => i.AmountDue.Currency)
            .Select(g => g.Aggregate(Money.Zero(g.Key), (sum, i) => sum + i.AmountDue)).ToList();
        var creditSummaries = credits.GroupBy(k => k.Currency!)
            .Select(g => new CustomerCreditSummary(Money.FromMinor(g.Sum(k => k.AmountMinor), g.Key), g.All(k => k.CreditStatus == nameof(CreditStatus.Refunding))))
            .ToList();
        return new CustomerAccount(organisation, customer.Name!, customer.Language, open, totals,
            open.Count > 0 ? open.Min(i => i.DueDate) : null, open.Any(i => i.IsOverdue), organisation.PartialPaymentMinimumMinor, creditSummaries,
            terms.Count == 0 ? null : new PlanSummary(Enum.Parse<Domain.Arrangements.ArrangementStatus>(terms[0].CreditStatus!), terms[0].InvoiceNumber == "customer",
                [.. terms.Select(t => (t.DueDate!.Value, Money.FromMinor(t.AmountMinor, t.Currency!), Enum.Parse<Domain.Arrangements.TermStatus>(t.Status!)))]));
    }

    public async Task<InvoiceDetail?> GetInvoiceAsync(CustomerScope scope, string invoiceNumber, CancellationToken ct = default)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        CustomerQueries.InvoiceLineRow? invoice = null;
        var lines = new List<InvoiceDetailLine>();
        await foreach (var row in CustomerQueries.Invoice(db, scope.OrganisationId, scope.CustomerId, scope.PayLinkId, invoiceNumber).WithCancellation(ct))
        {
            invoice ??= row;
            if (row.LineAmountMinor is { } amountMinor)
                lines.Add(new InvoiceDetailLine(row.LineDescription ?? "", row.LineQuantity,
                    row.LineUnitPriceMinor is null ? null : Money.FromMinor(row.LineUnitPriceMinor.Value, row.Currency),
                    Money.FromMinor(amountMinor, row.Currency), row.LineVatRate));
        }
        if (invoice is null) return null;
        return new InvoiceDetail(invoice.InvoiceNumber, invoice.Description, invoice.IssueDate, invoice.DueDate, invoice.Status,
            Money.FromMinor(invoice.TotalMinor, invoice.Currency), Money.FromMinor(invoice.AmountPaidMinor, invoice.Currency),
            Money.FromMinor(InvoiceMoney.DueMinor(invoice.TotalMinor, invoice.AmountPaidMinor), invoice.Currency),
            InvoiceMoney.IsOverdue(invoice.Status, invoice.DueDate, today), lines);
    }

    /// <summary>Projected to a record: Npgsql cannot materialise a nullable value tuple (it answered 500 on PostgreSQL).</summary>
    public Task<BrandLogo?> GetLogoAsync(long organisationId, CancellationToken ct = default) =>
        db.Organisations.AsNoTracking().Where(o => o.Id == organisationId && o.Logo != null)
            .Select(o => new BrandLogo(o.Logo!, o.LogoContentType!, o.Version)).FirstOrDefaultAsync(ct);

    public Task<string?> GetLanguageAsync(long customerId, CancellationToken ct = default) =>
        db.Customers.AsNoTracking().Where(c => c.Id == customerId).Select(c => c.Language).FirstOrDefaultAsync(ct);

    /// <summary>
    /// The organisation as its customers' pages show it: the kept copy when <paramref name="version"/> (read with the
    /// session) says it is current, otherwise read, and kept for the next page.
    /// </summary>
    public async Task<OrganisationBrand?> GetBrandAsync(long organisationId, long? version = null, CancellationToken ct = default)
    {
        if (version is { } stamp && brands.Find(organisationId, stamp) is { } kept) return kept;
        var row = await db.Organisations.AsNoTracking().Where(o => o.Id == organisationId)
            .Select(o => new
            {
                Brand = new OrganisationBrand(o.Id, o.Name, o.BrandColour, o.Logo != null, o.Phone, o.Iban, o.AccountHolder, o.Languages,
                    o.PartialPaymentMinimumMinor, o.Version, o.DirectDebitEnabled),
                Plans = new Domain.Arrangements.ArrangementPolicy(o.PlansEnabled, o.PlanMinimumTermMinor, o.PlanMaximumTerms, o.PlanMaximumMonths,
                    o.PlanMaximumTotalMinor, o.PlanMinimumDownPaymentPercent, o.PlanNoneAfterBrokenMonths, o.PlanApproveWithinPolicy, o.PlanGraceDays,
                    o.PlanMissedTermsToBreak),
                o.CollectionDays, o.PreNotificationLeadDays, o.FirstPaymentMinor, o.CreditorId, o.CallbackSettingsJson, o.HardshipHelpJson, o.PromisesEnabled, o.PromiseMaximumDays, o.PromiseGraceDays,
            })
            .FirstOrDefaultAsync(ct);
        if (row is null) return null;
        var brand = row.Brand with
        {
            Plans = row.Plans,
            Callbacks = Domain.Callbacks.CallbackSettings.FromJson(row.CallbackSettingsJson),
            Help = Domain.Hardship.HardshipHelp.FromJson(row.HardshipHelpJson),
            Promises = new Domain.Promises.PromisePolicy(row.PromisesEnabled, row.PromiseMaximumDays, row.PromiseGraceDays),
            DirectDebitRules = new Domain.DirectDebit.DirectDebitPolicy(row.Brand.DirectDebit,
                [.. row.CollectionDays.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(d => int.Parse(d, System.Globalization.CultureInfo.InvariantCulture))],
                row.PreNotificationLeadDays, row.FirstPaymentMinor, row.CreditorId),
        };
        brands.Keep(brand);
        return brand;
    }
}

/// <param name="Languages">The organisation's offered languages, comma-separated, its default first.</param>
/// <param name="PartialPaymentMinimumMinor">Null: invoices are paid in full; otherwise the least part a customer may pay.</param>
/// <param name="Version">The organisation's version stamp this copy was read at (<see cref="BrandCache"/>).</param>
public record OrganisationBrand(long Id, string Name, string BrandColour, bool HasLogo, string Phone, string Iban, string AccountHolder, string Languages,
    long? PartialPaymentMinimumMinor = null, long Version = 0, bool DirectDebit = false)
{
    public IReadOnlyList<string> LanguageCodes => Languages.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The organisation's payment-plan rules (kept with the brand: its stamp changes when they do).</summary>
    public Domain.Arrangements.ArrangementPolicy Plans { get; init; } = Domain.Arrangements.ArrangementPolicy.Default;

    /// <summary>The organisation's direct-debit rules, kept the same way.</summary>
    public Domain.DirectDebit.DirectDebitPolicy DirectDebitRules { get; init; } = Domain.DirectDebit.DirectDebitPolicy.Default;

    /// <summary>When the organisation calls customers back (off without opening hours), kept the same way.</summary>
    public Domain.Callbacks.CallbackSettings Callbacks { get; init; } = Domain.Callbacks.CallbackSettings.Off;

    /// <summary>Where customers who cannot pay find free help (Portal's default when the organisation set none).</summary>
    public Domain.Hardship.HardshipHelp Help { get; init; } = Domain.Hardship.HardshipHelp.Default;

    /// <summary>Whether and how far ahead customers may promise to pay.</summary>
    public Domain.Promises.PromisePolicy Promises { get; init; } = Domain.Promises.PromisePolicy.Default;
}

/// <param name="Version">The organisation's version stamp: a logo asked for with it may be kept for good.</param>
public record BrandLogo(byte[] Logo, string ContentType, long Version);

public record CustomerAccount(OrganisationBrand Organisation, string CustomerName, string? Language, IReadOnlyList<OpenInvoice> OpenInvoices,
    IReadOnlyList<Money> TotalsDue, DateOnly? PayBefore, bool AnyOverdue, long? PartialPaymentMinimumMinor = null,
    IReadOnlyList<CustomerCreditSummary>? Credits = null, PlanSummary? Plan = null);

/// <summary>The customer's payment plan that runs or waits for an answer, as the overview mentions it: its status and terms in order.</summary>
public record PlanSummary(Domain.Arrangements.ArrangementStatus Status, bool AwaitingCustomer,
    IReadOnlyList<(DateOnly DueDate, Money Amount, Domain.Arrangements.TermStatus Status)> Terms)
{
    public (DateOnly DueDate, Money Amount, Domain.Arrangements.TermStatus Status)? Next =>
        Terms.Where(t => t.Status != Domain.Arrangements.TermStatus.Paid).Select(t => ((DateOnly, Money, Domain.Arrangements.TermStatus)?)t).FirstOrDefault();

    public bool AnyMissed => Terms.Any(t => t.Status == Domain.Arrangements.TermStatus.Missed);
}

/// <summary>Money paid too much, not refunded yet; <paramref name="BeingRefunded"/> when all of it is on its way back.</summary>
public record CustomerCreditSummary(Money Amount, bool BeingRefunded);

public record OpenInvoice(string InvoiceNumber, string? Description, DateOnly IssueDate, DateOnly DueDate, Money Total, Money AmountDue,
    bool PartlyPaid, bool IsOverdue);

public record InvoiceDetail(string InvoiceNumber, string? Description, DateOnly IssueDate, DateOnly DueDate, InvoiceStatus Status,
    Money Total, Money AmountPaid, Money AmountDue, bool IsOverdue, IReadOnlyList<InvoiceDetailLine> Lines);

public record InvoiceDetailLine(string Description, decimal? Quantity, Money? UnitPrice, Money Amount, decimal? VatRate);
