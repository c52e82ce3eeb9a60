using Microsoft.EntityFrameworkCore;
using Portal.Domain.Customers;
using Portal.Domain.Invoices;
using Portal.Infrastructure.Audit;
using Portal.Infrastructure.Database;

namespace Portal.Infrastructure.Invoices;

/// <summary>
/// Bulk upsert of customers and invoices for nightly ERP loads. Reads what exists in a few set-based
/// queries, applies every item in memory, and saves in one transaction; a bad item only fails itself.
/// </summary>
public class InvoiceImportService(PortalDbContext db, TimeProvider clock, AuditTrail audit, InvoiceService invoices)
{
    public const int MaxItems = 10_000;
    private const int ChunkSize = 1_000;

    public record CustomerItem(string CustomerRef, CustomerDetails Details);

    public record ItemResult(string Key, UpsertOutcome Outcome, IReadOnlyList<RuleViolation> Errors, string? Conflict);

    public record ImportResult(IReadOnlyList<ItemResult> Customers, IReadOnlyList<ItemResult> Invoices);

    public async Task<ImportResult> ImportAsync(long organisationId, IReadOnlyList<CustomerItem> customerItems,
        IReadOnlyList<InvoiceInput> invoiceItems, string actor, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.BeginWriteAsync(organisationId, ct);

        var customers = await LoadCustomersAsync(organisationId,
            customerItems.Select(c => c.CustomerRef).Concat(invoiceItems.Select(i => i.CustomerRef)), ct);
        var customerResults = new List<ItemResult>(customerItems.Count);
        var seenCustomers = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in customerItems)
        {
            if (!seenCustomers.Add(item.CustomerRef))
            {
                customerResults.Add(Duplicate(item.CustomerRef, "customerRef"));
                continue;
            }
            UpsertOutcome outcome;
            if (customers.TryGetValue(item.CustomerRef, out var customer))
            {
                outcome = customer.Update(item.Details, now) ? UpsertOutcome.Updated : UpsertOutcome.Unchanged;
            }
            else
            {
                customers[item.CustomerRef] = customer = new Customer(organisationId, item.CustomerRef, item.Details, now);
                db.Customers.Add(customer);
                outcome = UpsertOutcome.Created;
            }
            if (outcome != UpsertOutcome.Unchanged)
                audit.Append(organisationId, actor, outcome == UpsertOutcome.Created ? "customer.created" : "customer.updated",
                    "customer", item.CustomerRef, "ok");
            customerResults.Add(new ItemResult(item.CustomerRef, outcome, [], null));
        }
        // New customers need their ids before invoices can point at them.
        await db.SaveChangesAsync(ct);

        var existing = await LoadInvoicesAsync(organisationId, invoiceItems.Select(i => i.InvoiceNumber), ct);
        var invoiceResults = new List<ItemResult>(invoiceItems.Count);
        var seenInvoices = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in invoiceItems)
        {
            if (!seenInvoices.Add(item.InvoiceNumber))
            {
                invoiceResults.Add(Duplicate(item.InvoiceNumber, "invoiceNumber"));
                continue;
            }
            if (!customers.TryGetValue(item.CustomerRef, out var customer))
            {
                invoiceResults.Add(new ItemResult(item.InvoiceNumber, UpsertOutcome.Rejected,
                    [new("customerRef", $"There is no customer '{item.CustomerRef}'. Send it in 'customers' or PUT it first.")], null));
                continue;
            }
            var details = item.ToDetails(customer.Id);
            var violations = InvoiceRules.Check(details);
            var result = violations.Count > 0
                ? InvoiceUpsertResult.Invalid(violations)
                : invoices.Apply(organisationId, item.InvoiceNumber, details, existing.GetValueOrDefault(item.InvoiceNumber));
            if (result.Outcome is UpsertOutcome.Created or UpsertOutcome.Updated)
                audit.Append(organisationId, actor, result.Outcome == UpsertOutcome.Created ? "invoice.created" : "invoice.updated",
                    "invoice", item.InvoiceNumber, "ok");
            invoiceResults.Add(new ItemResult(item.InvoiceNumber, result.Outcome, result.Errors, result.Conflict));
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new ImportResult(customerResults, invoiceResults);
    }

    private static ItemResult Duplicate(string key, string field) =>
        new(key, UpsertOutcome.Rejected, [new(field, $"'{key}' appears more than once in this batch; only the first counts.")], null);

    private async Task<Dictionary<string, Customer>> LoadCustomersAsync(long organisationId, IEnumerable<string> refs, CancellationToken ct)
    {
        var result = new Dictionary<string, Customer>(StringComparer.Ordinal);
        foreach (var chunk in refs.Distinct().Chunk(ChunkSize))
        {
            var found = await db.Customers.Where(c => c.OrganisationId == organisationId && chunk.Contains(c.CustomerRef)).ToListAsync(ct);
            foreach (var c in found) result[c.CustomerRef] = c;
        }
        return result;
    }

    private async Task<Dictionary<string, Invoice>> LoadInvoicesAsync(long organisationId, IEnumerable<string> numbers, CancellationToken ct)
    {
        var result = new Dictionary<string, Invoice>(StringComparer.Ordinal);
        foreach (var chunk in numbers.Distinct().Chunk(ChunkSize))
        {
            var found = await db.Invoices.Include(i => i.Lines)
                .Where(i => i.OrganisationId == organisationId && chunk.Contains(i.InvoiceNumber)).AsSplitQuery().ToListAsync(ct);
            foreach (var i in found) result[i.InvoiceNumber] = i;
        }
        return result;
    }
}
