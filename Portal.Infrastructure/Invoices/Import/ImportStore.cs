using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Portal.Domain.Audit;
using Portal.Domain.Customers;
using Portal.Domain.Invoices;
using Portal.Infrastructure.Database;

namespace Portal.Infrastructure.Invoices.Import;

/// <summary>
/// The database side of a bulk import, in the import's transaction, without the change tracker: each provider
/// writes the way it is fast (<see cref="PostgresImportStore"/>: binary COPY and set-based SQL;
/// <see cref="SqliteImportStore"/>: prepared statements). What to write is decided by
/// <see cref="InvoiceImportService"/>, the same for both.
/// </summary>
internal abstract class ImportStore(PortalDbContext db)
{
    protected PortalDbContext Db { get; } = db;

    public static ImportStore For(PortalDbContext db) => db.Database.IsNpgsql() ? new PostgresImportStore(db) : new SqliteImportStore(db);

    /// <summary>Creates or updates the customers (distinct references); returns those created or updated, the rest were unchanged.</summary>
    public abstract Task<Dictionary<string, UpsertOutcome>> UpsertCustomersAsync(long organisationId,
        IReadOnlyList<InvoiceImportService.CustomerItem> customers, DateTime nowUtc, CancellationToken ct);

    /// <summary>The ids of the customers with these references that exist.</summary>
    public abstract Task<Dictionary<string, long>> CustomerIdsAsync(long organisationId, IReadOnlyList<string> customerRefs, CancellationToken ct);

    /// <summary>The stored invoices with these numbers, locked until the commit (in the order of their numbers).</summary>
    public abstract Task<Dictionary<string, StoredInvoice>> LockInvoicesAsync(long organisationId, IReadOnlyList<string> invoiceNumbers, CancellationToken ct);

    /// <summary>
    /// Inserts the new invoices and changes the others, lines replaced. Returns the numbers of new ones that another
    /// import stored first: they were not written, and are to be decided again as stored invoices.
    /// </summary>
    public abstract Task<IReadOnlySet<string>> WriteInvoicesAsync(long organisationId, IReadOnlyList<InvoiceWrite> invoices, DateTime nowUtc, CancellationToken ct);

    /// <summary>Stores the items of an audit record that was just inserted.</summary>
    protected abstract Task InsertAuditItemsAsync(long organisationId, long auditRecordId, IReadOnlyList<ImportedItem> items, CancellationToken ct);

    /// <summary>
    /// Appends the batch's one record to the organisation's chain (chained and locked by <see cref="PortalDbContext"/>
    /// like every record), then its items. Done last, just before the commit: the chain's head is held only from here to there.
    /// </summary>
    public async Task AppendAuditAsync(AuditRecord record, IReadOnlyList<ImportedItem> items, CancellationToken ct)
    {
        Db.AuditRecords.Add(record);
        await Db.SaveChangesAsync(ct);
        await InsertAuditItemsAsync(record.OrganisationId!.Value, record.Id, items, ct);
    }

    /// <summary>A command in the import's transaction.</summary>
    protected DbCommand Command(string sql)
    {
        var command = Db.Database.GetDbConnection().CreateCommand();
        command.Transaction = Db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("An import runs in the transaction of PortalDbContext.BeginImportAsync.");
        command.CommandText = sql;
        return command;
    }

    protected static DbParameter Add(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return parameter;
    }

    protected static T? Nullable<T>(DbDataReader reader, int ordinal) where T : struct =>
        reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<T>(ordinal);

    protected static string? NullableString(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    /// <summary>The columns <c>Name</c> … <c>AddressCountry</c> from <paramref name="first"/> on, as the customer's details.</summary>
    protected static CustomerDetails CustomerDetailsAt(DbDataReader reader, int first)
    {
        var line1 = NullableString(reader, first + 4);
        var address = line1 is null ? null
            : new Address(line1, NullableString(reader, first + 5), reader.GetString(first + 6), reader.GetString(first + 7), reader.GetString(first + 8));
        return new CustomerDetails(reader.GetString(first), NullableString(reader, first + 1), NullableString(reader, first + 2),
            NullableString(reader, first + 3), address);
    }

    /// <summary>An invoice line from the columns <c>Description</c> … <c>VatRate</c> from <paramref name="first"/> on.</summary>
    protected static InvoiceLineDetails LineAt(DbDataReader reader, int first) =>
        new(reader.GetString(first), reader.GetInt64(first + 1), Nullable<decimal>(reader, first + 2), Nullable<long>(reader, first + 3),
            Nullable<decimal>(reader, first + 4));

    public const string CustomerColumns =
        "\"Name\", \"Email\", \"Phone\", \"Language\", \"AddressLine1\", \"AddressLine2\", \"AddressPostalCode\", \"AddressCity\", \"AddressCountry\"";

    public const string InvoiceColumns =
        "\"Id\", \"InvoiceNumber\", \"CustomerId\", \"IssueDate\", \"DueDate\", \"Currency\", \"TotalMinor\", \"AmountPaidMinor\", \"Description\", \"Status\"";

    public const string LineColumns = "\"Description\", \"AmountMinor\", \"Quantity\", \"UnitPriceMinor\", \"VatRate\"";

    /// <summary>Reads a row of <see cref="InvoiceColumns"/>; the caller adds the lines to the list it also gets.</summary>
    protected static (string Number, StoredInvoice Invoice, List<InvoiceLineDetails> Lines) InvoiceAt(DbDataReader reader)
    {
        var lines = new List<InvoiceLineDetails>();
        var details = new InvoiceDetails(reader.GetInt64(2), reader.GetFieldValue<DateOnly>(3), reader.GetFieldValue<DateOnly>(4), reader.GetString(5),
            reader.GetInt64(6), lines, NullableString(reader, 8));
        return (reader.GetString(1), new StoredInvoice(reader.GetInt64(0), details, reader.GetInt64(7), Enum.Parse<InvoiceStatus>(reader.GetString(9))), lines);
    }
}
