using Microsoft.EntityFrameworkCore;
using System.Globalization;
using Npgsql;
using Portal.Domain.Audit;
using Portal.Domain.Customers;
using Portal.Domain.Invoices;
using Portal.Infrastructure.Audit;
using Portal.Infrastructure.Database;
using Portal.Infrastructure.Invoices.Import;

namespace Portal.Infrastructure.Invoices;

/// <summary>
/// Bulk upsert of customers and invoices for nightly ERP loads, in one transaction; a bad item only fails itself.
/// The rules are the ones of a PUT, decided here over plain values read in a few set-based statements; an
/// <see cref="ImportStore"/> reads and writes them without the change tracker. Two imports of one organisation run
/// side by side and wait for each other only on an invoice or customer both send. The whole batch is one audit
/// record whose digest covers every item it created or changed (<see cref="AuditBatchItem"/>).
/// </summary>
public class InvoiceImportService(PortalDbContext db, TimeProvider clock, AuditTrail audit)
{
    public const int MaxItems = 10_000;
    private const int Attempts = 3;

    public record CustomerItem(string CustomerRef, CustomerDetails Details);

    public record ItemResult(string Key, UpsertOutcome Outcome, IReadOnlyList<RuleViolation> Errors, string? Conflict);

    public record ImportResult(IReadOnlyList<ItemResult> Customers, IReadOnlyList<ItemResult> Invoices);

    public async Task<ImportResult> ImportAsync(long organisationId, IReadOnlyList<CustomerItem> customerItems,
        IReadOnlyList<InvoiceInput> invoiceItems, string actor, CancellationToken ct = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await ImportOnceAsync(organisationId, customerItems, invoiceItems, actor, ct);
            }
            // Rows are locked in key order, but a number two imports both created can still cross a third; PostgreSQL
            // then cancels one of them, which starts again and finds the others' rows.
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DeadlockDetected && attempt < Attempts)
            {
                db.ChangeTracker.Clear(); // the audit record of the attempt that was rolled back is not saved with the next
            }
        }
    }

    private async Task<ImportResult> ImportOnceAsync(long organisationId, IReadOnlyList<CustomerItem> customerItems,
        IReadOnlyList<InvoiceInput> invoiceItems, string actor, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.BeginImportAsync(organisationId, ct);
        var store = ImportStore.For(db);
        var audited = new List<ImportedItem>();

        var customerResults = new ItemResult[customerItems.Count];
        var firstCustomers = FirstOfEach(customerItems, c => c.CustomerRef, customerResults, "customerRef");
        var (sent, protectedNow) = await MeetCustomerChangesAsync(organisationId, firstCustomers.Select(i => customerItems[i]).ToList(), ct);
        var changedCustomers = await store.UpsertCustomersAsync(organisationId,
            sent.OrderBy(c => c.CustomerRef, StringComparer.Ordinal).ToList(), now, ct);
        foreach (var (id, json) in protectedNow)
            await db.Customers.Where(c => c.Id == id).ExecuteUpdateAsync(u => u.SetProperty(c => c.CustomerChangeJson, json), ct);
        foreach (var i in firstCustomers)
        {
            var item = customerItems[i];
            var outcome = changedCustomers.GetValueOrDefault(item.CustomerRef, UpsertOutcome.Unchanged);
            customerResults[i] = new ItemResult(item.CustomerRef, outcome, [], null);
            if (outcome != UpsertOutcome.Unchanged) audited.Add(Audited("customer", item.CustomerRef, outcome, CustomerContent(item)));
        }

        var invoiceResults = new ItemResult[invoiceItems.Count];
        var firstInvoices = FirstOfEach(invoiceItems, i => i.InvoiceNumber, invoiceResults, "invoiceNumber");
        var customerIds = await store.CustomerIdsAsync(organisationId,
            firstInvoices.Select(i => invoiceItems[i].CustomerRef).Distinct(StringComparer.Ordinal).ToList(), ct);
        var pending = new List<(int Index, InvoiceDetails Details)>();
        foreach (var i in firstInvoices)
        {
            var item = invoiceItems[i];
            if (!customerIds.TryGetValue(item.CustomerRef, out var customerId))
            {
                invoiceResults[i] = new ItemResult(item.InvoiceNumber, UpsertOutcome.Rejected,
                    [new("customerRef", $"There is no customer '{item.CustomerRef}'. Send it in 'customers' or PUT it first.")], null);
                continue;
            }
            var details = item.ToDetails(customerId);
            var violations = InvoiceRules.Check(details);
            if (violations.Count > 0) invoiceResults[i] = new ItemResult(item.InvoiceNumber, UpsertOutcome.Rejected, violations, null);
            else pending.Add((i, details));
        }

        // A new invoice that another import stored meanwhile comes back once, to be decided as a stored one.
        while (pending.Count > 0)
        {
            pending.Sort((a, b) => string.CompareOrdinal(invoiceItems[a.Index].InvoiceNumber, invoiceItems[b.Index].InvoiceNumber));
            var stored = await store.LockInvoicesAsync(organisationId, pending.Select(p => invoiceItems[p.Index].InvoiceNumber).ToList(), ct);
            var writes = new List<InvoiceWrite>();
            var decided = new List<(int Index, InvoiceDetails Details, InvoiceUpsertResult Result)>();
            foreach (var (index, details) in pending)
            {
                var number = invoiceItems[index].InvoiceNumber;
                if (!stored.TryGetValue(number, out var current))
                {
                    writes.Add(new InvoiceWrite(null, number, details, InvoiceChange.StatusOf(null, 0, details.TotalMinor)));
                    decided.Add((index, details, InvoiceUpsertResult.Done(UpsertOutcome.Created)));
                    continue;
                }
                var change = InvoiceChange.Check(current.Details, current.Status, current.AmountPaidMinor, details);
                if (change == InvoiceUpdateOutcome.Updated)
                {
                    writes.Add(new InvoiceWrite(current.Id, number, details, InvoiceChange.StatusOf(null, current.AmountPaidMinor, details.TotalMinor)));
                    decided.Add((index, details, InvoiceUpsertResult.Done(UpsertOutcome.Updated)));
                }
                else decided.Add((index, details, InvoiceUpsertResult.NotUpdated(change, number, current.AmountPaidMinor, current.Details.Currency)));
            }
            var lost = await store.WriteInvoicesAsync(organisationId, writes, now, ct);
            var again = new List<(int Index, InvoiceDetails Details)>();
            foreach (var (index, details, result) in decided)
            {
                var item = invoiceItems[index];
                if (lost.Contains(item.InvoiceNumber))
                {
                    again.Add((index, details));
                    continue;
                }
                invoiceResults[index] = new ItemResult(item.InvoiceNumber, result.Outcome, result.Errors, result.Conflict);
                if (result.Outcome is UpsertOutcome.Created or UpsertOutcome.Updated)
                    audited.Add(Audited("invoice", item.InvoiceNumber, result.Outcome, InvoiceContent(item)));
            }
            pending = again;
        }

        if (audited.Count > 0)
            await store.AppendAuditAsync(audit.BatchRecord(organisationId, actor, AuditBatchItem.Digest(audited.Select(a => (a.ObjectType, a.ObjectId, a.Outcome, a.ContentDigest))),
                $"ok: {audited.Count} item(s)"), audited, ct);
        await transaction.CommitAsync(ct);
        return new ImportResult(customerResults, invoiceResults);
    }

    /// <summary>
    /// The rule of a PUT for customers who changed their own contact details since the ERP last took them over
    /// (<see cref="CustomerChange.Meet"/>): one read of just those customers, the items to store with the customer's
    /// values kept where the ERP still sends the old ones, and what each such customer's protection becomes.
    /// </summary>
    private async Task<(List<CustomerItem> Items, List<(long Id, string? Json)> Protection)> MeetCustomerChangesAsync(long organisationId,
        List<CustomerItem> items, CancellationToken ct)
    {
        if (items.Count == 0) return (items, []);
        var refs = items.Select(i => i.CustomerRef).ToList();
        var changed = await db.Customers.AsNoTracking()
            .Where(c => c.OrganisationId == organisationId && c.CustomerChangeJson != null && refs.Contains(c.CustomerRef))
            .Select(c => new { c.Id, c.CustomerRef, c.CustomerChangeJson, c.Email, c.Phone, c.Address, c.Language, c.PreferredChannel })
            .ToDictionaryAsync(c => c.CustomerRef, StringComparer.Ordinal, ct);
        if (changed.Count == 0) return (items, []);
        var protection = new List<(long, string?)>();
        var result = items.Select(item =>
        {
            if (!changed.TryGetValue(item.CustomerRef, out var c)) return item;
            var (details, _, remaining) = CustomerChange.Meet(item.Details, null,
                new ContactDetails(c.Email, c.Phone, c.Address, c.Language, c.PreferredChannel), CustomerChange.FromJson(c.CustomerChangeJson));
            var json = CustomerChange.ToJson(remaining);
            if (json != c.CustomerChangeJson) protection.Add((c.Id, json));
            return item with { Details = details };
        }).ToList();
        return (result, protection);
    }

    /// <summary>The indexes of the first item with each key; a later one with the same key gets its rejection in <paramref name="results"/>.</summary>
    private static List<int> FirstOfEach<T>(IReadOnlyList<T> items, Func<T, string> key, ItemResult[] results, string field)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var first = new List<int>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var k = key(items[i]);
            if (seen.Add(k)) first.Add(i);
            else results[i] = new(k, UpsertOutcome.Rejected, [new(field, $"'{k}' appears more than once in this batch; only the first counts.")], null);
        }
        return first;
    }

    private static ImportedItem Audited(string objectType, string key, UpsertOutcome outcome, IEnumerable<string?> content) =>
        new(objectType, key, outcome == UpsertOutcome.Created ? "created" : "updated", AuditBatchItem.DigestOfContent(content));

    private static IEnumerable<string?> CustomerContent(CustomerItem item)
    {
        var d = item.Details;
        return [item.CustomerRef, d.Name, d.Email, d.Phone, d.Language, d.Address?.Line1, d.Address?.Line2, d.Address?.PostalCode, d.Address?.City, d.Address?.Country];
    }

    private static IEnumerable<string?> InvoiceContent(InvoiceInput item)
    {
        string? Text<T>(T? value) where T : struct, IFormattable => value?.ToString(null, CultureInfo.InvariantCulture);
        yield return item.InvoiceNumber;
        yield return item.CustomerRef;
        yield return item.IssueDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        yield return item.DueDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        yield return item.Currency;
        yield return Text<long>(item.TotalMinor);
        yield return item.Description;
        foreach (var line in item.Lines)
        {
            yield return line.Description;
            yield return Text<long>(line.AmountMinor);
            yield return Text(line.Quantity);
            yield return Text(line.UnitPriceMinor);
            yield return Text(line.VatRate);
        }
    }
}
