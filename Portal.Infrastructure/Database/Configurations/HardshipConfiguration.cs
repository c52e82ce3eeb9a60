using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Customers;
using Portal.Domain.Hardship;
using Portal.Domain.Organisations;

namespace Portal.Infrastructure.Database.Configurations;

public class HardshipRegistrationConfiguration : IEntityTypeConfiguration<HardshipRegistration>
{
    public void Configure(EntityTypeBuilder<HardshipRegistration> b)
    {
        b.HasIndex(h => h.PublicId).IsUnique();
        b.Property(h => h.Role).HasConversion<string>().HasMaxLength(16);
        b.Property(h => h.Status).HasConversion<string>().HasMaxLength(8);
        b.Property(h => h.HelperName).HasMaxLength(HardshipRegistration.MaxName);
        b.Property(h => h.HelperOrganisation).HasMaxLength(HardshipRegistration.MaxName);
        b.Property(h => h.HelperContact).HasMaxLength(HardshipRegistration.MaxContact);
        b.Property(h => h.EndReason).HasMaxLength(HardshipRegistration.MaxReason);
        // "Does someone handle this customer's money": every collection, reminder and invoice read asks it.
        b.HasIndex(h => new { h.CustomerId, h.Status });
        b.HasIndex(h => new { h.OrganisationId, h.Status });
        b.HasOne<Organisation>().WithMany().HasForeignKey(h => h.OrganisationId);
        b.HasOne<Customer>().WithMany().HasForeignKey(h => h.CustomerId);
    }
}
