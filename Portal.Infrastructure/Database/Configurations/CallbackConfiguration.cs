using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Callbacks;
using Portal.Domain.Customers;
using Portal.Domain.Organisations;

namespace Portal.Infrastructure.Database.Configurations;

public class CallbackRequestConfiguration : IEntityTypeConfiguration<CallbackRequest>
{
    public void Configure(EntityTypeBuilder<CallbackRequest> b)
    {
        b.HasIndex(c => c.PublicId).IsUnique();
        b.Property(c => c.Status).HasConversion<string>().HasMaxLength(12);
        b.Property(c => c.Topic).HasConversion<string>().HasMaxLength(12);
        b.Property(c => c.Phone).HasMaxLength(20);
        b.Property(c => c.Language).HasMaxLength(2);
        b.Property(c => c.Outcome).HasMaxLength(CallbackRequest.MaxOutcome);
        // A slot's count, the list's filter by day, and "the one this customer has waiting".
        b.HasIndex(c => new { c.OrganisationId, c.SlotStartUtc });
        b.HasIndex(c => new { c.CustomerId, c.Status });
        b.HasOne<Organisation>().WithMany().HasForeignKey(c => c.OrganisationId);
        b.HasOne<Customer>().WithMany().HasForeignKey(c => c.CustomerId);
    }
}
