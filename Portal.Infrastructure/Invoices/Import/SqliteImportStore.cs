using System.Data.Common;
using Portal.Domain.Invoices;
using Portal.Infrastructure.Database;

namespace Portal.Infrastructure.Invoices.Import;

/// <summary>
/// SQLite: one prepared statement per kind of row, its parameters set again for each row, all in the one
/// transaction (which holds SQLite's single write lock, so nothing else interleaves). SQLite answers such statements
/// in microseconds, so a round trip per row costs less than building set-based SQL would.
/// </summary>
internal sealed class SqliteImportStore(PortalDbContext db) : ImportStore(db)
{
    public override async Task<Dictionary<string, UpsertOutcome>> UpsertCustomersAsync(long organisationId,
        IReadOnlyList<InvoiceImportService.CustomerItem> customers, DateTime nowUtc, CancellationToken ct)
    {
        var changed = new Dictionary<string, UpsertOutcome>(StringComparer.Ordinal);
        if (customers.Count == 0) return changed;
        await using var select = Prepared($"""SELECT {CustomerColumns} FROM "Customers" WHERE "OrganisationId" = @org AND "CustomerRef" = @ref""",
            organisationId, "ref");
        await using var insert = Prepared($"""
            INSERT INTO "Customers" ("OrganisationId", "CustomerRef", {CustomerColumns}, "CreatedAtUtc", "UpdatedAtUtc")
            VALUES (@org, @ref, @name, @email, @phone, @language, @line1, @line2, @postal, @city, @country, @now, @now)
            """, organisationId, "ref", "name", "email", "phone", "language", "line1", "line2", "postal", "city", "country", "now");
        await using var update = Prepared("""
            UPDATE "Customers" SET "Name" = @name, "Email" = @email, "Phone" = @phone, "Language" = @language, "AddressLine1" = @line1,
                "AddressLine2" = @line2, "AddressPostalCode" = @postal, "AddressCity" = @city, "AddressCountry" = @country, "UpdatedAtUtc" = @now
            WHERE "OrganisationId" = @org AND "CustomerRef" = @ref
            """, organisationId, "ref", "name", "email", "phone", "language", "line1", "line2", "postal", "city", "country", "now");
        foreach (var (customerRef, details) in customers)
        {
            Set(select, "ref", customerRef);
            Portal.Domain.Customers.CustomerDetails? stored = null;
            await using (var reader = await select.ExecuteReaderAsync(ct))
            {
                if (await reader.ReadAsync(ct)) stored = CustomerDetailsAt(reader, 0);
            }
            if (stored == details) continue;
            var write = stored is null ? insert : update;
            Set(write, "ref", customerRef);
            Set(write, "name", details.Name);
            Set(write, "email", details.Email);
            Set(write, "phone", details.Phone);
            Set(write, "language", details.Language);
            Set(write, "line1", details.Address?.Line1);
            Set(write, "line2", details.Address?.Line2);
            Set(write, "postal", details.Address?.PostalCode);
            Set(write, "city", details.Address?.City);
            Set(write, "country", details.Address?.Country);
            Set(write, "now", nowUtc);
            await write.ExecuteNonQueryAsync(ct);
            changed[customerRef] = stored is null ? UpsertOutcome.Created : UpsertOutcome.Updated;
        }
        return changed;
    }

    public override async Task<Dictionary<string, long>> CustomerIdsAsync(long organisationId, IReadOnlyList<string> customerRefs, CancellationToken ct)
    {
        var ids = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var select = Prepared("""SELECT "Id" FROM "Customers" WHERE "OrganisationId" = @org AND "CustomerRef" = @ref""", organisationId, "ref");
        foreach (var customerRef in customerRefs)
        {
            Set(select, "ref", customerRef);
            if (await select.ExecuteScalarAsync(ct) is { } id) ids[customerRef] = Convert.ToInt64(id, System.Globalization.CultureInfo.InvariantCulture);
        }
        return ids;
    }

    public override async Task<Dictionary<string, StoredInvoice>> LockInvoicesAsync(long organisationId, IReadOnlyList<string> invoiceNumbers,
        CancellationToken ct)
    {
        var stored = new Dictionary<string, StoredInvoice>(StringComparer.Ordinal);
        await using var select = Prepared($"""SELECT {InvoiceColumns} FROM "Invoices" WHERE "OrganisationId" = @org AND "InvoiceNumber" = @number""",
            organisationId, "number");
        await using var selectLines = Prepared($"""SELECT {LineColumns} FROM "InvoiceLines" WHERE "InvoiceId" = @id ORDER BY "Position" """, null, "id");
        foreach (var number in invoiceNumbers)
        {
            Set(select, "number", number);
            List<InvoiceLineDetails> lines;
            await using (var reader = await select.ExecuteReaderAsync(ct))
            {
                if (!await reader.ReadAsync(ct)) continue;
                (_, var invoice, lines) = InvoiceAt(reader);
                stored[number] = invoice;
            }
            Set(selectLines, "id", stored[number].Id);
            await using var lineReader = await selectLines.ExecuteReaderAsync(ct);
            while (await lineReader.ReadAsync(ct)) lines.Add(LineAt(lineReader, 0));
        }
        return stored;
    }

    public override async Task<IReadOnlySet<string>> WriteInvoicesAsync(long organisationId, IReadOnlyList<InvoiceWrite> invoices, DateTime nowUtc,
        CancellationToken ct)
    {
        string[] fields = ["customer", "issue", "due", "currency", "total", "description", "status", "now"];
        await using var insert = Prepared("""
            INSERT INTO "Invoices" ("OrganisationId", "InvoiceNumber", "CustomerId", "IssueDate", "DueDate", "Currency", "TotalMinor",
                "AmountPaidMinor", "Description", "Status", "CreatedAtUtc", "ChangedAtUtc")
            VALUES (@org, @number, @customer, @issue, @due, @currency, @total, 0, @description, @status, @now, @now) RETURNING "Id"
            """, organisationId, [.. fields, "number"]);
        await using var update = Prepared("""
            UPDATE "Invoices" SET "CustomerId" = @customer, "IssueDate" = @issue, "DueDate" = @due, "Currency" = @currency, "TotalMinor" = @total,
                "Description" = @description, "Status" = @status, "ChangedAtUtc" = @now
            WHERE "Id" = @id
            """, null, [.. fields, "id"]);
        await using var deleteLines = Prepared("""DELETE FROM "InvoiceLines" WHERE "InvoiceId" = @id""", null, "id");
        await using var insertLine = Prepared($"""
            INSERT INTO "InvoiceLines" ("InvoiceId", "Position", {LineColumns})
            VALUES (@id, @position, @description, @amount, @quantity, @price, @vat)
            """, null, "id", "position", "description", "amount", "quantity", "price", "vat");
        foreach (var invoice in invoices)
        {
            var d = invoice.Details;
            var write = invoice.ExistingId is null ? insert : update;
            Set(write, "customer", d.CustomerId);
            Set(write, "issue", d.IssueDate);
            Set(write, "due", d.DueDate);
            Set(write, "currency", d.Currency);
            Set(write, "total", d.TotalMinor);
            Set(write, "description", d.Description);
            Set(write, "status", invoice.Status.ToString());
            Set(write, "now", nowUtc);
            long id;
            if (invoice.ExistingId is { } existing)
            {
                Set(write, "id", id = existing);
                await write.ExecuteNonQueryAsync(ct);
                Set(deleteLines, "id", id);
                await deleteLines.ExecuteNonQueryAsync(ct);
            }
            else
            {
                Set(write, "number", invoice.InvoiceNumber);
                id = Convert.ToInt64(await write.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
            }
            for (var i = 0; i < d.Lines.Count; i++)
            {
                var line = d.Lines[i];
                Set(insertLine, "id", id);
                Set(insertLine, "position", i + 1);
                Set(insertLine, "description", line.Description);
                Set(insertLine, "amount", line.AmountMinor);
                Set(insertLine, "quantity", line.Quantity);
                Set(insertLine, "price", line.UnitPriceMinor);
                Set(insertLine, "vat", line.VatRate);
                await insertLine.ExecuteNonQueryAsync(ct);
            }
        }
        // SQLite has one writer: no other import can have stored one of these meanwhile.
        return new HashSet<string>();
    }

    protected override async Task InsertAuditItemsAsync(long organisationId, long auditRecordId, IReadOnlyList<ImportedItem> items, CancellationToken ct)
    {
        await using var insert = Prepared("""
            INSERT INTO "AuditBatchItems" ("OrganisationId", "ObjectType", "ObjectId", "AuditRecordId", "Outcome", "ContentDigest")
            VALUES (@org, @type, @id, @record, @outcome, @digest)
            """, organisationId, "type", "id", "record", "outcome", "digest");
        Set(insert, "record", auditRecordId);
        foreach (var item in items)
        {
            Set(insert, "type", item.ObjectType);
            Set(insert, "id", item.ObjectId);
            Set(insert, "outcome", item.Outcome);
            Set(insert, "digest", item.ContentDigest);
            await insert.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>A statement with <c>@org</c> bound (when given) and the other parameters to set per row.</summary>
    private DbCommand Prepared(string sql, long? organisationId, params string[] parameters)
    {
        var command = Command(sql);
        if (organisationId is { } org) Add(command, "org", org);
        foreach (var name in parameters) Add(command, name, null);
        command.Prepare();
        return command;
    }

    private static void Set(DbCommand command, string name, object? value) => command.Parameters[name].Value = value ?? DBNull.Value;
}
