using Portal.Domain.Invoices;

namespace Portal.Infrastructure.Invoices.Import;

/// <summary>An invoice's stored columns and lines as an import reads them: plain values, not a tracked entity.</summary>
internal sealed record StoredInvoice(long Id, InvoiceDetails Details, long AmountPaidMinor, InvoiceStatus Status);

/// <summary>What an import writes for one invoice: a new one (<see cref="ExistingId"/> null) or a change of a stored one.</summary>
internal sealed record InvoiceWrite(long? ExistingId, string InvoiceNumber, InvoiceDetails Details, InvoiceStatus Status);

/// <summary>One line of a batch's audit record: an object it created or updated, and the digest of what was stored.</summary>
internal readonly record struct ImportedItem(string ObjectType, string ObjectId, string Outcome, string ContentDigest);
