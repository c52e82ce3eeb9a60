using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Customers;
using Portal.Domain.Invoices;
using Portal.Domain.Organisations;

namespace Portal.Infrastructure.Database.Configurations;

public class InvoiceConfiguration : IEntityTypeConfiguration<Invoice>
{
    public void Configure(EntityTypeBuilder<Invoice> b)
    {
        b.Property(i => i.InvoiceNumber).HasMaxLength(100);
        b.Property(i => i.Currency).HasMaxLength(3);
        b.Property(i => i.Description).HasMaxLength(500);
        b.Property(i => i.Status).HasConversion<string>().HasMaxLength(20);
        b.Ignore(i => i.Total);
        b.Ignore(i => i.AmountPaid);
        b.Ignore(i => i.AmountDue);
        b.Ignore(i => i.IsPayable);
        b.Ignore(i => i.Details);
        b.HasIndex(i => new { i.OrganisationId, i.InvoiceNumber }).IsUnique();
        b.HasIndex(i => new { i.OrganisationId, i.ChangedAtUtc, i.Id });
        b.HasIndex(i => i.CustomerId);
        b.HasOne<Organisation>().WithMany().HasForeignKey(i => i.OrganisationId);
        b.HasOne<Customer>().WithMany().HasForeignKey(i => i.CustomerId);
        b.HasMany(i => i.Lines).WithOne().HasForeignKey(l => l.InvoiceId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(i => i.Lines).HasField("_lines").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

public class InvoiceLineConfiguration : IEntityTypeConfiguration<InvoiceLine>
{
    public void Configure(EntityTypeBuilder<InvoiceLine> b)
    {
        b.Property(l => l.Description).HasMaxLength(500);
        b.Property(l => l.Quantity).HasPrecision(18, 4);
        b.Property(l => l.VatRate).HasPrecision(5, 2);
        b.Ignore(l => l.Details);
    }
}
