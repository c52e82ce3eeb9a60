using System.Reflection;
using Portal.Domain.Audit;
using Shouldly;

namespace Portal.Tests.Domain;

public class AuditRecordTests
{
    private static List<AuditRecord> Chain(int length)
    {
        var records = new List<AuditRecord>();
        var previous = AuditRecord.GenesisHash;
        for (var i = 0; i < length; i++)
        {
            var record = new AuditRecord(1, new DateTime(2026, 11, 22, 9, i, 0, DateTimeKind.Utc), "api:pk_ab…", "invoice.created",
                "invoice", $"F-{i}", "ok", "trace", previous);
            records.Add(record);
            previous = record.Hash;
        }
        return records;
    }

    [Fact]
    public void FirstBroken_IntactChain_IsNull() => AuditRecord.FirstBroken(Chain(5)).ShouldBeNull();

    [Fact]
    public void FirstBroken_ChangedRecord_IsFound()
    {
        var chain = Chain(5);
        typeof(AuditRecord).GetProperty(nameof(AuditRecord.Outcome))!.SetValue(chain[2], "failed");
        AuditRecord.FirstBroken(chain).ShouldBeSameAs(chain[2]);
    }

    [Fact]
    public void FirstBroken_RemovedRecord_IsFound()
    {
        var chain = Chain(5);
        chain.RemoveAt(1);
        AuditRecord.FirstBroken(chain).ShouldBeSameAs(chain[1]);
    }
}
