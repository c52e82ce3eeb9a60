using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Arrangements;
using Portal.Domain.Customers;
using Portal.Domain.Invoices;
using Portal.Domain.Organisations;

namespace Portal.Infrastructure.Database.Configurations;

public class ArrangementConfiguration : IEntityTypeConfiguration<Arrangement>
{
    public void Configure(EntityTypeBuilder<Arrangement> b)
    {
        b.HasIndex(a => a.PublicId).IsUnique();
        b.Property(a => a.Status).HasConversion<string>().HasMaxLength(12);
        b.Property(a => a.PaidBy).HasConversion<string>().HasMaxLength(12);
        b.Property(a => a.Currency).HasMaxLength(3);
        b.Property(a => a.OutsidePolicy).HasMaxLength(200);
        b.Property(a => a.Reason).HasMaxLength(ArrangementLimits.MaxReason);
        b.Ignore(a => a.IsPausing);
        b.HasMany(a => a.Terms).WithOne().HasForeignKey(t => t.ArrangementId);
        b.HasMany(a => a.Invoices).WithOne().HasForeignKey(i => i.ArrangementId);
        b.Navigation(a => a.Terms).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Navigation(a => a.Invoices).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasIndex(a => new { a.CustomerId, a.Status });
        b.HasIndex(a => new { a.OrganisationId, a.Status });
        b.HasOne<Organisation>().WithMany().HasForeignKey(a => a.OrganisationId);
        b.HasOne<Customer>().WithMany().HasForeignKey(a => a.CustomerId);
    }
}

public class ArrangementTermConfiguration : IEntityTypeConfiguration<ArrangementTerm>
{
    public void Configure(EntityTypeBuilder<ArrangementTerm> b)
    {
        b.Property(t => t.Status).HasConversion<string>().HasMaxLength(8);
        b.HasIndex(t => new { t.ArrangementId, t.Number }).IsUnique();
    }
}

public class ArrangementInvoiceConfiguration : IEntityTypeConfiguration<ArrangementInvoice>
{
    public void Configure(EntityTypeBuilder<ArrangementInvoice> b)
    {
        b.HasKey(i => new { i.ArrangementId, i.InvoiceId });
        b.HasIndex(i => i.InvoiceId);
        b.HasOne<Invoice>().WithMany().HasForeignKey(i => i.InvoiceId);
    }
}
