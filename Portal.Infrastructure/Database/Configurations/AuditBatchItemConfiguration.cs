using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Audit;

namespace Portal.Infrastructure.Database.Configurations;

/// <summary>Keyed by the object first, so "which batches touched invoice F-1" is one index range.</summary>
public class AuditBatchItemConfiguration : IEntityTypeConfiguration<AuditBatchItem>
{
    public void Configure(EntityTypeBuilder<AuditBatchItem> b)
    {
        b.ToTable("AuditBatchItems");
        b.HasKey(i => new { i.OrganisationId, i.ObjectType, i.ObjectId, i.AuditRecordId });
        b.Property(i => i.ObjectType).HasMaxLength(50);
        b.Property(i => i.ObjectId).HasMaxLength(200);
        b.Property(i => i.Outcome).HasMaxLength(20);
        b.Property(i => i.ContentDigest).HasMaxLength(64);
    }
}
