using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using Portal.Infrastructure.Database;

namespace Portal.Infrastructure.Invoices.Import;

/// <summary>
/// PostgreSQL: each kind of row goes in with one binary COPY into a temporary table that lives until the commit, then
/// one set-based statement applies it. Rows are locked in the order of their key, so two imports that share rows wait
/// for each other only there and cannot deadlock over them.
/// </summary>
internal sealed class PostgresImportStore(PortalDbContext db) : ImportStore(db)
{
    private bool _invoiceTablesExist;

    private NpgsqlConnection Connection => (NpgsqlConnection)Db.Database.GetDbConnection();

    public override async Task<Dictionary<string, UpsertOutcome>> UpsertCustomersAsync(long organisationId,
        IReadOnlyList<InvoiceImportService.CustomerItem> customers, DateTime nowUtc, CancellationToken ct)
    {
        var changed = new Dictionary<string, UpsertOutcome>(StringComparer.Ordinal);
        // A customer sent as it is stored is left alone, unlocked: ERPs send a batch's customers with every batch, and
        // two imports that share customers should not wait for each other over rows neither changes.
        var stored = await CustomerDetailsAsync(organisationId, customers, ct);
        customers = customers.Where(c => stored.GetValueOrDefault(c.CustomerRef) != c.Details).ToList();
        if (customers.Count == 0) return changed;
        await ExecuteAsync("""
            CREATE TEMP TABLE portal_import_customers ("CustomerRef" text, "Name" text, "Email" text, "Phone" text, "Language" text,
                "AddressLine1" text, "AddressLine2" text, "AddressPostalCode" text, "AddressCity" text, "AddressCountry" text) ON COMMIT DROP
            """, ct);
        await using (var copy = await Connection.BeginBinaryImportAsync(
            $"COPY portal_import_customers (\"CustomerRef\", {CustomerColumns}) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var (customerRef, d) in customers)
            {
                ct.ThrowIfCancellationRequested();
                copy.StartRow();
                Text(copy, customerRef);
                Text(copy, d.Name);
                Text(copy, d.Email);
                Text(copy, d.Phone);
                Text(copy, d.Language);
                Text(copy, d.Address?.Line1);
                Text(copy, d.Address?.Line2);
                Text(copy, d.Address?.PostalCode);
                Text(copy, d.Address?.City);
                Text(copy, d.Address?.Country);
            }
            await copy.CompleteAsync(ct);
        }
        // Only a customer whose details differ is updated; a new row has xmax 0, an updated one the updating transaction's id.
        await using var upsert = Command($"""
            INSERT INTO "Customers" ("OrganisationId", "CustomerRef", {CustomerColumns}, "CreatedAtUtc", "UpdatedAtUtc")
            SELECT @org, "CustomerRef", {CustomerColumns}, @now, @now FROM portal_import_customers ORDER BY "CustomerRef"
            ON CONFLICT ("OrganisationId", "CustomerRef") DO UPDATE SET "Name" = EXCLUDED."Name", "Email" = EXCLUDED."Email",
                "Phone" = EXCLUDED."Phone", "Language" = EXCLUDED."Language", "AddressLine1" = EXCLUDED."AddressLine1",
                "AddressLine2" = EXCLUDED."AddressLine2", "AddressPostalCode" = EXCLUDED."AddressPostalCode",
                "AddressCity" = EXCLUDED."AddressCity", "AddressCountry" = EXCLUDED."AddressCountry", "UpdatedAtUtc" = EXCLUDED."UpdatedAtUtc"
            WHERE ("Customers"."Name", "Customers"."Email", "Customers"."Phone", "Customers"."Language", "Customers"."AddressLine1",
                   "Customers"."AddressLine2", "Customers"."AddressPostalCode", "Customers"."AddressCity", "Customers"."AddressCountry")
                IS DISTINCT FROM (EXCLUDED."Name", EXCLUDED."Email", EXCLUDED."Phone", EXCLUDED."Language", EXCLUDED."AddressLine1",
                   EXCLUDED."AddressLine2", EXCLUDED."AddressPostalCode", EXCLUDED."AddressCity", EXCLUDED."AddressCountry")
            RETURNING "CustomerRef", xmax = 0
            """);
        Add(upsert, "org", organisationId);
        Add(upsert, "now", nowUtc);
        await using var reader = await upsert.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) changed[reader.GetString(0)] = reader.GetBoolean(1) ? UpsertOutcome.Created : UpsertOutcome.Updated;
        return changed;
    }

    private async Task<Dictionary<string, Portal.Domain.Customers.CustomerDetails>> CustomerDetailsAsync(long organisationId,
        IReadOnlyList<InvoiceImportService.CustomerItem> customers, CancellationToken ct)
    {
        var stored = new Dictionary<string, Portal.Domain.Customers.CustomerDetails>(StringComparer.Ordinal);
        await using var select = Command($"""SELECT "CustomerRef", {CustomerColumns} FROM "Customers" WHERE "OrganisationId" = @org AND "CustomerRef" = ANY(@refs)""");
        Add(select, "org", organisationId);
        Add(select, "refs", customers.Select(c => c.CustomerRef).ToArray());
        await using var reader = await select.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) stored[reader.GetString(0)] = CustomerDetailsAt(reader, 1);
        return stored;
    }

    public override async Task<Dictionary<string, long>> CustomerIdsAsync(long organisationId, IReadOnlyList<string> customerRefs, CancellationToken ct)
    {
        var ids = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var select = Command("""SELECT "CustomerRef", "Id" FROM "Customers" WHERE "OrganisationId" = @org AND "CustomerRef" = ANY(@refs)""");
        Add(select, "org", organisationId);
        Add(select, "refs", customerRefs.ToArray());
        await using var reader = await select.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) ids[reader.GetString(0)] = reader.GetInt64(1);
        return ids;
    }

    public override async Task<Dictionary<string, StoredInvoice>> LockInvoicesAsync(long organisationId, IReadOnlyList<string> invoiceNumbers,
        CancellationToken ct)
    {
        var stored = new Dictionary<string, StoredInvoice>(StringComparer.Ordinal);
        if (invoiceNumbers.Count == 0) return stored;
        var linesById = new Dictionary<long, List<Portal.Domain.Invoices.InvoiceLineDetails>>();
        await using (var select = Command($"""
            SELECT {InvoiceColumns} FROM "Invoices" WHERE "OrganisationId" = @org AND "InvoiceNumber" = ANY(@numbers)
            ORDER BY "InvoiceNumber" FOR UPDATE
            """))
        {
            Add(select, "org", organisationId);
            Add(select, "numbers", invoiceNumbers.ToArray());
            await using var reader = await select.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var (number, invoice, lines) = InvoiceAt(reader);
                stored[number] = invoice;
                linesById[invoice.Id] = lines;
            }
        }
        if (stored.Count == 0) return stored;
        await using (var select = Command($"""
            SELECT "InvoiceId", {LineColumns} FROM "InvoiceLines" WHERE "InvoiceId" = ANY(@ids) ORDER BY "InvoiceId", "Position"
            """))
        {
            Add(select, "ids", linesById.Keys.ToArray());
            await using var reader = await select.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) linesById[reader.GetInt64(0)].Add(LineAt(reader, 1));
        }
        return stored;
    }

    public override async Task<IReadOnlySet<string>> WriteInvoicesAsync(long organisationId, IReadOnlyList<InvoiceWrite> invoices, DateTime nowUtc,
        CancellationToken ct)
    {
        var lost = new HashSet<string>(StringComparer.Ordinal);
        if (invoices.Count == 0) return lost;
        await ExecuteAsync(_invoiceTablesExist ? "TRUNCATE portal_import_invoices, portal_import_lines" : """
            CREATE TEMP TABLE portal_import_invoices ("Id" bigint, "IsNew" boolean, "InvoiceNumber" text, "CustomerId" bigint, "IssueDate" date,
                "DueDate" date, "Currency" text, "TotalMinor" bigint, "Description" text, "Status" text) ON COMMIT DROP;
            CREATE TEMP TABLE portal_import_lines ("InvoiceNumber" text, "Position" integer, "Description" text, "AmountMinor" bigint,
                "Quantity" numeric, "UnitPriceMinor" bigint, "VatRate" numeric) ON COMMIT DROP
            """, ct);
        _invoiceTablesExist = true;
        await CopyInvoicesAsync(invoices, ct);
        await CopyLinesAsync(invoices, ct);

        // New invoices first, in number order; one another import stored meanwhile is skipped and reported back.
        await using var apply = Command($"""
            WITH inserted AS (
                INSERT INTO "Invoices" ("OrganisationId", "InvoiceNumber", "CustomerId", "IssueDate", "DueDate", "Currency", "TotalMinor",
                    "AmountPaidMinor", "Description", "Status", "CreatedAtUtc", "ChangedAtUtc")
                SELECT @org, "InvoiceNumber", "CustomerId", "IssueDate", "DueDate", "Currency", "TotalMinor", 0, "Description", "Status", @now, @now
                FROM portal_import_invoices WHERE "IsNew" ORDER BY "InvoiceNumber"
                ON CONFLICT ("OrganisationId", "InvoiceNumber") DO NOTHING
                RETURNING "Id", "InvoiceNumber")
            UPDATE portal_import_invoices s SET "Id" = inserted."Id" FROM inserted WHERE s."IsNew" AND s."InvoiceNumber" = inserted."InvoiceNumber";
            UPDATE "Invoices" i SET "CustomerId" = s."CustomerId", "IssueDate" = s."IssueDate", "DueDate" = s."DueDate", "Currency" = s."Currency",
                "TotalMinor" = s."TotalMinor", "Description" = s."Description", "Status" = s."Status", "ChangedAtUtc" = @now
            FROM portal_import_invoices s WHERE NOT s."IsNew" AND i."Id" = s."Id";
            DELETE FROM "InvoiceLines" l USING portal_import_invoices s WHERE NOT s."IsNew" AND l."InvoiceId" = s."Id";
            INSERT INTO "InvoiceLines" ("InvoiceId", "Position", {LineColumns})
            SELECT s."Id", l."Position", l."Description", l."AmountMinor", l."Quantity", l."UnitPriceMinor", l."VatRate"
            FROM portal_import_lines l JOIN portal_import_invoices s ON s."InvoiceNumber" = l."InvoiceNumber"
            WHERE s."Id" IS NOT NULL ORDER BY s."Id", l."Position";
            SELECT "InvoiceNumber" FROM portal_import_invoices WHERE "Id" IS NULL
            """);
        Add(apply, "org", organisationId);
        Add(apply, "now", nowUtc);
        await using var reader = await apply.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) lost.Add(reader.GetString(0));
        return lost;
    }

    private async Task CopyInvoicesAsync(IReadOnlyList<InvoiceWrite> invoices, CancellationToken ct)
    {
        await using var copy = await Connection.BeginBinaryImportAsync("""
            COPY portal_import_invoices ("Id", "IsNew", "InvoiceNumber", "CustomerId", "IssueDate", "DueDate", "Currency", "TotalMinor", "Description", "Status")
            FROM STDIN (FORMAT BINARY)
            """, ct);
        foreach (var invoice in invoices)
        {
            var d = invoice.Details;
            ct.ThrowIfCancellationRequested();
            copy.StartRow();
            if (invoice.ExistingId is { } id) copy.Write(id, NpgsqlDbType.Bigint);
            else copy.WriteNull();
            copy.Write(invoice.ExistingId is null, NpgsqlDbType.Boolean);
            copy.Write(invoice.InvoiceNumber, NpgsqlDbType.Text);
            copy.Write(d.CustomerId, NpgsqlDbType.Bigint);
            copy.Write(d.IssueDate, NpgsqlDbType.Date);
            copy.Write(d.DueDate, NpgsqlDbType.Date);
            copy.Write(d.Currency, NpgsqlDbType.Text);
            copy.Write(d.TotalMinor, NpgsqlDbType.Bigint);
            Text(copy, d.Description);
            copy.Write(invoice.Status.ToString(), NpgsqlDbType.Text);
        }
        await copy.CompleteAsync(ct);
    }

    private async Task CopyLinesAsync(IReadOnlyList<InvoiceWrite> invoices, CancellationToken ct)
    {
        await using var copy = await Connection.BeginBinaryImportAsync($"""
            COPY portal_import_lines ("InvoiceNumber", "Position", {LineColumns}) FROM STDIN (FORMAT BINARY)
            """, ct);
        foreach (var invoice in invoices)
        {
            var lines = invoice.Details.Lines;
            for (var i = 0; i < lines.Count; i++)
            {
                var line = lines[i];
                ct.ThrowIfCancellationRequested();
                copy.StartRow();
                copy.Write(invoice.InvoiceNumber, NpgsqlDbType.Text);
                copy.Write(i + 1, NpgsqlDbType.Integer);
                copy.Write(line.Description, NpgsqlDbType.Text);
                copy.Write(line.AmountMinor, NpgsqlDbType.Bigint);
                Value(copy, line.Quantity, NpgsqlDbType.Numeric);
                Value(copy, line.UnitPriceMinor, NpgsqlDbType.Bigint);
                Value(copy, line.VatRate, NpgsqlDbType.Numeric);
            }
        }
        await copy.CompleteAsync(ct);
    }

    protected override async Task InsertAuditItemsAsync(long organisationId, long auditRecordId, IReadOnlyList<ImportedItem> items, CancellationToken ct)
    {
        await using var copy = await Connection.BeginBinaryImportAsync("""
            COPY "AuditBatchItems" ("OrganisationId", "ObjectType", "ObjectId", "AuditRecordId", "Outcome", "ContentDigest") FROM STDIN (FORMAT BINARY)
            """, ct);
        foreach (var item in items)
        {
            ct.ThrowIfCancellationRequested();
            copy.StartRow();
            copy.Write(organisationId, NpgsqlDbType.Bigint);
            copy.Write(item.ObjectType, NpgsqlDbType.Varchar);
            copy.Write(item.ObjectId, NpgsqlDbType.Varchar);
            copy.Write(auditRecordId, NpgsqlDbType.Bigint);
            copy.Write(item.Outcome, NpgsqlDbType.Varchar);
            copy.Write(item.ContentDigest, NpgsqlDbType.Varchar);
        }
        await copy.CompleteAsync(ct);
    }

    private async Task ExecuteAsync(string sql, CancellationToken ct)
    {
        await using var command = Command(sql);
        await command.ExecuteNonQueryAsync(ct);
    }

    // The rows are written with the importer's synchronous calls: a value goes into Npgsql's write buffer, and only a
    // full buffer blocks its thread, until PostgreSQL has read from the socket. The asynchronous calls cost a state
    // machine per value, which on 10,000 invoices with their lines was a tenth of a batch's CPU; the COPY is begun and
    // completed asynchronously, and cancellation is checked at every row.
    private static void Text(NpgsqlBinaryImporter copy, string? value)
    {
        if (value is null) copy.WriteNull();
        else copy.Write(value, NpgsqlDbType.Text);
    }

    private static void Value<T>(NpgsqlBinaryImporter copy, T? value, NpgsqlDbType type) where T : struct
    {
        if (value is { } v) copy.Write(v, type);
        else copy.WriteNull();
    }
}
