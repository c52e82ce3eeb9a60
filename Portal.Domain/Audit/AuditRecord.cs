using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Portal.Domain.Audit;

/// <summary>
/// One state change: who did what to which object, and how it ended. Records are append-only and
/// hash-chained per organisation: each hash covers the record and the hash before it.
/// </summary>
public class AuditRecord
{
    private AuditRecord() { }

    public AuditRecord(long? organisationId, DateTime occurredAtUtc, string actor, string action,
        string objectType, string objectId, string outcome, string? correlationId, string previousHash)
    {
        OrganisationId = organisationId;
        // Whole microseconds in UTC: what every database stores, so the hash survives the round trip.
        OccurredAtUtc = DateTime.SpecifyKind(new DateTime(occurredAtUtc.Ticks - occurredAtUtc.Ticks % 10), DateTimeKind.Utc);
        Actor = actor;
        Action = action;
        ObjectType = objectType;
        ObjectId = objectId;
        Outcome = outcome;
        CorrelationId = correlationId;
        PreviousHash = previousHash;
        Hash = ComputeHash();
    }

    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

    public long Id { get; private set; }
    public long? OrganisationId { get; private set; }
    public DateTime OccurredAtUtc { get; private set; }
    public string Actor { get; private set; } = "";
    public string Action { get; private set; } = "";
    public string ObjectType { get; private set; } = "";
    public string ObjectId { get; private set; } = "";
    public string Outcome { get; private set; } = "";
    public string? CorrelationId { get; private set; }
    public string PreviousHash { get; private set; } = GenesisHash;
    public string Hash { get; private set; } = "";

    /// <summary>Links this record to the one before it; done when it is stored, under the chain's lock.</summary>
    public void ChainTo(string previousHash)
    {
        PreviousHash = previousHash;
        Hash = ComputeHash();
    }

    public string ComputeHash()
    {
        var text = string.Join('\n', PreviousHash, OrganisationId?.ToString(CultureInfo.InvariantCulture) ?? "",
            DateTime.SpecifyKind(OccurredAtUtc, DateTimeKind.Utc).ToString("O", CultureInfo.InvariantCulture), Actor, Action, ObjectType, ObjectId, Outcome, CorrelationId ?? "");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>Finds the first record in a chain (oldest first) whose hash or link does not hold.</summary>
    public static AuditRecord? FirstBroken(IEnumerable<AuditRecord> chainOldestFirst)
    {
        var previous = GenesisHash;
        foreach (var record in chainOldestFirst)
        {
            if (record.PreviousHash != previous || record.ComputeHash() != record.Hash) return record;
            previous = record.Hash;
        }
        return null;
    }
}
