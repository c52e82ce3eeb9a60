using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Customers;
using Portal.Domain.DirectDebit;
using Portal.Domain.Organisations;

namespace Portal.Infrastructure.Database.Configurations;

public class MandateConfiguration : IEntityTypeConfiguration<Mandate>
{
    public void Configure(EntityTypeBuilder<Mandate> b)
    {
        b.Property(m => m.Source).HasConversion<string>().HasMaxLength(20);
        b.Property(m => m.Status).HasConversion<string>().HasMaxLength(10);
        b.Property(m => m.Reference).HasMaxLength(MandateReference.MaxLength);
        b.Property(m => m.IbanMasked).HasMaxLength(20);
        b.Property(m => m.AccountHolder).HasMaxLength(Mandate.MaxAccountHolderLength);
        b.Property(m => m.MollieCustomerId).HasMaxLength(40);
        b.Property(m => m.MollieMandateId).HasMaxLength(40);
        b.Property(m => m.RevokedReason).HasMaxLength(100);
        b.HasIndex(m => new { m.OrganisationId, m.Reference }).IsUnique();
        b.HasIndex(m => new { m.CustomerId, m.Status });
        b.HasIndex(m => m.FirstPaymentId);
        b.HasOne<Organisation>().WithMany().HasForeignKey(m => m.OrganisationId);
        b.HasOne<Customer>().WithMany().HasForeignKey(m => m.CustomerId);
    }
}

public class CollectionConfiguration : IEntityTypeConfiguration<Collection>
{
    public void Configure(EntityTypeBuilder<Collection> b)
    {
        b.Property(c => c.Status).HasConversion<string>().HasMaxLength(12);
        b.Property(c => c.Currency).HasMaxLength(3);
        b.Property(c => c.BankReasonCode).HasMaxLength(20);
        b.Ignore(c => c.IsOpen);
        b.HasIndex(c => new { c.InvoiceId, c.Date }).IsUnique();
        b.HasIndex(c => new { c.Status, c.Date });
        b.HasIndex(c => c.PaymentId);
        b.HasIndex(c => new { c.CustomerId, c.Date });
        b.HasOne<Organisation>().WithMany().HasForeignKey(c => c.OrganisationId);
        b.HasOne<Customer>().WithMany().HasForeignKey(c => c.CustomerId);
        b.HasOne<Mandate>().WithMany().HasForeignKey(c => c.MandateId);
        b.HasOne<Portal.Domain.Invoices.Invoice>().WithMany().HasForeignKey(c => c.InvoiceId);
    }
}
