using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Customers;
using Portal.Domain.Invoices;
using Portal.Domain.Organisations;
using Portal.Domain.PayLinks;

namespace Portal.Infrastructure.Database.Configurations;

public class PayLinkConfiguration : IEntityTypeConfiguration<PayLink>
{
    public void Configure(EntityTypeBuilder<PayLink> b)
    {
        b.Property(p => p.Id).ValueGeneratedNever();
        b.Property(p => p.TokenHash).HasMaxLength(32);
        b.Property(p => p.ProtectedToken).HasMaxLength(1000);
        b.Ignore(p => p.CoversAllOpenInvoices);
        b.HasIndex(p => p.TokenHash).IsUnique();
        b.Property(p => p.LetterCodeHash).HasMaxLength(32);
        b.HasIndex(p => p.LetterCodeHash).IsUnique();
        b.HasIndex(p => p.CustomerId);
        b.HasOne<Organisation>().WithMany().HasForeignKey(p => p.OrganisationId);
        b.HasOne<Customer>().WithMany().HasForeignKey(p => p.CustomerId);
        b.HasMany(p => p.Invoices).WithOne().HasForeignKey(i => i.PayLinkId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(p => p.Invoices).HasField("_invoices").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

public class PayLinkInvoiceConfiguration : IEntityTypeConfiguration<PayLinkInvoice>
{
    public void Configure(EntityTypeBuilder<PayLinkInvoice> b)
    {
        b.HasKey(i => new { i.PayLinkId, i.InvoiceId });
        b.HasOne<Invoice>().WithMany().HasForeignKey(i => i.InvoiceId).OnDelete(DeleteBehavior.Cascade);
    }
}

public class LetterCodeAttemptConfiguration : IEntityTypeConfiguration<LetterCodeAttempt>
{
    public void Configure(EntityTypeBuilder<LetterCodeAttempt> b)
    {
        b.Property(a => a.ClientKey).HasMaxLength(64);
        b.HasIndex(a => new { a.ClientKey, a.AttemptedAtUtc });
        b.HasIndex(a => a.AttemptedAtUtc);
    }
}
