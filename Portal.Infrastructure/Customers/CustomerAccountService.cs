using Microsoft.EntityFrameworkCore;
using Portal.Domain;
using Portal.Domain.Invoices;
using Portal.Domain.Payments;
using Portal.Infrastructure.Database;
using Portal.Infrastructure.PayLinks;

namespace Portal.Infrastructure.Customers;

/// <summary>What a customer sees within their scope (through a pay link, later a staff page): the organisation, what they owe, and their invoices.</summary>
public class CustomerAccountService(PortalDbContext db, TimeProvider clock)
{
    public async Task<CustomerAccount?> GetAccountAsync(CustomerScope scope, CancellationToken ct = default)
    {
        var found = await db.Organisations.AsNoTracking().Where(o => o.Id == scope.OrganisationId)
            .Select(o => new
            {
                Brand = new OrganisationBrand(o.Id, o.Name, o.BrandColour, o.Logo != null, o.Phone, o.Iban, o.AccountHolder, o.Languages),
                o.PartialPaymentMinimumMinor,
            })
            .FirstOrDefaultAsync(ct);
        var customer = await db.Customers.AsNoTracking().Where(c => c.Id == scope.CustomerId)
            .Select(c => new
            {
                c.Name, c.Language,
                Credits = db.CustomerCredits.Where(k => k.CustomerId == c.Id && k.Status != CreditStatus.Refunded)
                    .Select(k => new { k.AmountMinor, k.Currency, k.Status }).ToList(),
            }).FirstOrDefaultAsync(ct);
        if (found is null || customer is null) return null;
        var (organisation, partialMinimum) = (found.Brand, found.PartialPaymentMinimumMinor);

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var invoices = await InScope(scope).Where(InvoiceMoney.Payable)
            .OrderBy(i => i.DueDate).ThenBy(i => i.InvoiceNumber)
            .Select(i => new { i.InvoiceNumber, i.Description, i.IssueDate, i.DueDate, i.Currency, i.TotalMinor, i.AmountPaidMinor, i.Status })
            .ToListAsync(ct);
        var open = invoices.Select(i => new OpenInvoice(i.InvoiceNumber, i.Description, i.IssueDate, i.DueDate,
            Money.FromMinor(i.TotalMinor, i.Currency), Money.FromMinor(InvoiceMoney.DueMinor(i.TotalMinor, i.AmountPaidMinor), i.Currency),
            i.AmountPaidMinor > 0, InvoiceMoney.IsOverdue(i.Status, i.DueDate, today))).ToList();
        var totals = open.GroupBy(i => i.AmountDue.Currency)
            .Select(g => g.Aggregate(Money.Zero(g.Key), (sum, i) => sum + i.AmountDue)).ToList();
        var credits = customer.Credits.GroupBy(k => k.Currency)
            .Select(g => new CustomerCreditSummary(Money.FromMinor(g.Sum(k => k.AmountMinor), g.Key), g.All(k => k.Status == CreditStatus.Refunding)))
            .ToList();
        return new CustomerAccount(organisation, customer.Name, customer.Language, open, totals,
            open.Count > 0 ? open.Min(i => i.DueDate) : null, open.Any(i => i.IsOverdue), partialMinimum, credits);
    }

    public async Task<InvoiceDetail?> GetInvoiceAsync(CustomerScope scope, string invoiceNumber, CancellationToken ct = default)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var invoice = await InScope(scope).Where(i => i.InvoiceNumber == invoiceNumber)
            .Select(i => new
            {
                i.InvoiceNumber, i.Description, i.IssueDate, i.DueDate, i.Currency, i.TotalMinor, i.AmountPaidMinor, i.Status,
                Lines = i.Lines.OrderBy(l => l.Position).Select(l => new { l.Description, l.Quantity, l.UnitPriceMinor, l.AmountMinor, l.VatRate }).ToList(),
            }).FirstOrDefaultAsync(ct);
        if (invoice is null) return null;
        var lines = invoice.Lines.Select(l => new InvoiceDetailLine(l.Description, l.Quantity,
            l.UnitPriceMinor is null ? null : Money.FromMinor(l.UnitPriceMinor.Value, invoice.Currency),
            Money.FromMinor(l.AmountMinor, invoice.Currency), l.VatRate)).ToList();
        return new InvoiceDetail(invoice.InvoiceNumber, invoice.Description, invoice.IssueDate, invoice.DueDate, invoice.Status,
            Money.FromMinor(invoice.TotalMinor, invoice.Currency), Money.FromMinor(invoice.AmountPaidMinor, invoice.Currency),
            Money.FromMinor(InvoiceMoney.DueMinor(invoice.TotalMinor, invoice.AmountPaidMinor), invoice.Currency),
            InvoiceMoney.IsOverdue(invoice.Status, invoice.DueDate, today), lines);
    }

    /// <summary>Projected to an anonymous type first: Npgsql cannot materialise a nullable value tuple (it answered 500 on PostgreSQL).</summary>
    public async Task<(byte[] Logo, string ContentType)?> GetLogoAsync(long organisationId, CancellationToken ct = default)
    {
        var found = await db.Organisations.AsNoTracking().Where(o => o.Id == organisationId && o.Logo != null)
            .Select(o => new { o.Logo, o.LogoContentType }).FirstOrDefaultAsync(ct);
        return found is null ? null : (found.Logo!, found.LogoContentType!);
    }

    public Task<string?> GetLanguageAsync(long customerId, CancellationToken ct = default) =>
        db.Customers.AsNoTracking().Where(c => c.Id == customerId).Select(c => c.Language).FirstOrDefaultAsync(ct);

    public Task<OrganisationBrand?> GetBrandAsync(long organisationId, CancellationToken ct = default) =>
        db.Organisations.AsNoTracking().Where(o => o.Id == organisationId)
            .Select(o => new OrganisationBrand(o.Id, o.Name, o.BrandColour, o.Logo != null, o.Phone, o.Iban, o.AccountHolder, o.Languages))
            .FirstOrDefaultAsync(ct);

    private IQueryable<Invoice> InScope(CustomerScope scope) => scope.Invoices(db).AsNoTracking();
}

/// <param name="Languages">The organisation's offered languages, comma-separated, its default first.</param>
public record OrganisationBrand(long Id, string Name, string BrandColour, bool HasLogo, string Phone, string Iban, string AccountHolder, string Languages)
{
    public IReadOnlyList<string> LanguageCodes => Languages.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

public record CustomerAccount(OrganisationBrand Organisation, string CustomerName, string? Language, IReadOnlyList<OpenInvoice> OpenInvoices,
    IReadOnlyList<Money> TotalsDue, DateOnly? PayBefore, bool AnyOverdue, long? PartialPaymentMinimumMinor = null,
    IReadOnlyList<CustomerCreditSummary>? Credits = null);

/// <summary>Money paid too much, not refunded yet; <paramref name="BeingRefunded"/> when all of it is on its way back.</summary>
public record CustomerCreditSummary(Money Amount, bool BeingRefunded);

public record OpenInvoice(string InvoiceNumber, string? Description, DateOnly IssueDate, DateOnly DueDate, Money Total, Money AmountDue,
    bool PartlyPaid, bool IsOverdue);

public record InvoiceDetail(string InvoiceNumber, string? Description, DateOnly IssueDate, DateOnly DueDate, InvoiceStatus Status,
    Money Total, Money AmountPaid, Money AmountDue, bool IsOverdue, IReadOnlyList<InvoiceDetailLine> Lines);

public record InvoiceDetailLine(string Description, decimal? Quantity, Money? UnitPrice, Money Amount, decimal? VatRate);
