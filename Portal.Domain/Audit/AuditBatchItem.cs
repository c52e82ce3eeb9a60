using System.Security.Cryptography;
using System.Text;

namespace Portal.Domain.Audit;

/// <summary>
/// One item a batch created or changed, under the batch's single chained <see cref="AuditRecord"/>. The record's
/// <see cref="AuditRecord.ObjectId"/> holds <see cref="Digest"/> of all its items, so the chain covers the list: an
/// item added, removed or changed afterwards no longer matches, and <c>audit verify</c> says so. The table is keyed
/// by the object, so the history of one invoice finds the batches that touched it.
/// </summary>
public class AuditBatchItem
{
    /// <summary>The action of a batch's record; its object type is <see cref="ObjectTypeOfBatch"/>.</summary>
    public const string BatchAction = "batch.imported";
    public const string ObjectTypeOfBatch = "batch";
    private const string DigestPrefix = "sha256:";

    private AuditBatchItem() { }

    public AuditBatchItem(long organisationId, long auditRecordId, string objectType, string objectId, string outcome, string contentDigest)
    {
        OrganisationId = organisationId;
        AuditRecordId = auditRecordId;
        ObjectType = objectType;
        ObjectId = objectId;
        Outcome = outcome;
        ContentDigest = contentDigest;
    }

    public long OrganisationId { get; private set; }
    public string ObjectType { get; private set; } = "";
    public string ObjectId { get; private set; } = "";
    public long AuditRecordId { get; private set; }
    /// <summary>created or updated.</summary>
    public string Outcome { get; private set; } = "";
    /// <summary>SHA-256 (hex) of what the item was stored as, so the record also proves the content.</summary>
    public string ContentDigest { get; private set; } = "";

    /// <summary>
    /// The value a batch record holds for its items: SHA-256 over their "type:id:outcome:content" lines in ordinal
    /// order, so it does not depend on the order a database returns them in.
    /// </summary>
    public static string Digest(IEnumerable<(string ObjectType, string ObjectId, string Outcome, string ContentDigest)> items)
    {
        var lines = items.Select(i => $"{i.ObjectType}:{i.ObjectId}:{i.Outcome}:{i.ContentDigest}").ToList();
        lines.Sort(StringComparer.Ordinal);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var line in lines)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(line));
            hash.AppendData("\n"u8);
        }
        return DigestPrefix + Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>SHA-256 (hex) of an item's fields, each prefixed with its length (a null is "-"), so no two contents share a text.</summary>
    public static string DigestOfContent(IEnumerable<string?> fields)
    {
        var text = new StringBuilder();
        foreach (var field in fields) text.Append(field is null ? "-" : $"{field.Length}:{field}").Append('\n');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
