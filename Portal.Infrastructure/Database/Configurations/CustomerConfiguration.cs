using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Customers;
using Portal.Domain.Organisations;

namespace Portal.Infrastructure.Database.Configurations;

public class CustomerConfiguration : IEntityTypeConfiguration<Customer>
{
    public void Configure(EntityTypeBuilder<Customer> b)
    {
        b.Property(c => c.CustomerRef).HasMaxLength(100);
        b.Property(c => c.Name).HasMaxLength(200);
        b.Property(c => c.Email).HasMaxLength(320);
        b.Property(c => c.Phone).HasMaxLength(40);
        b.Property(c => c.Language).HasMaxLength(8);
        b.Property(c => c.PreferredChannel).HasConversion<string>().HasMaxLength(10);
        b.Ignore(c => c.Details);
        b.Ignore(c => c.Contact);
        b.Ignore(c => c.PendingChange);
        b.HasIndex(c => new { c.OrganisationId, c.CustomerRef }).IsUnique();
        b.HasOne<Organisation>().WithMany().HasForeignKey(c => c.OrganisationId);
        b.OwnsOne(c => c.Address, a =>
        {
            a.Property(x => x.Line1).HasColumnName("AddressLine1").HasMaxLength(200);
            a.Property(x => x.Line2).HasColumnName("AddressLine2").HasMaxLength(200);
            a.Property(x => x.PostalCode).HasColumnName("AddressPostalCode").HasMaxLength(20);
            a.Property(x => x.City).HasColumnName("AddressCity").HasMaxLength(100);
            a.Property(x => x.Country).HasColumnName("AddressCountry").HasMaxLength(2);
        });
    }
}
