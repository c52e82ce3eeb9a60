using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Customers;
using Portal.Domain.Organisations;
using Portal.Domain.Promises;

namespace Portal.Infrastructure.Database.Configurations;

public class PaymentPromiseConfiguration : IEntityTypeConfiguration<PaymentPromise>
{
    public void Configure(EntityTypeBuilder<PaymentPromise> b)
    {
        b.HasIndex(p => p.PublicId).IsUnique();
        b.Property(p => p.Status).HasConversion<string>().HasMaxLength(8);
        b.Property(p => p.Currency).HasMaxLength(3);
        b.HasIndex(p => new { p.CustomerId, p.Status });
        b.HasIndex(p => new { p.Status, p.PromisedDate });
        b.HasOne<Organisation>().WithMany().HasForeignKey(p => p.OrganisationId);
        b.HasOne<Customer>().WithMany().HasForeignKey(p => p.CustomerId);
    }
}
