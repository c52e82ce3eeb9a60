using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Customers;
using Portal.Domain.Events;
using Portal.Domain.Invoices;
using Portal.Domain.Organisations;
using Portal.Domain.Payments;

namespace Portal.Infrastructure.Database.Configurations;

public class PaymentConfiguration : IEntityTypeConfiguration<Payment>
{
    public void Configure(EntityTypeBuilder<Payment> b)
    {
        b.Property(p => p.Id).ValueGeneratedNever();
        b.Property(p => p.Method).HasMaxLength(20);
        b.Property(p => p.Currency).HasMaxLength(3);
        b.Property(p => p.SelectionKey).HasMaxLength(2000);
        b.Property(p => p.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(p => p.ProviderPaymentId).HasMaxLength(100);
        b.Property(p => p.CheckoutUrl).HasMaxLength(2000);
        b.Property(p => p.LastSyncError).HasMaxLength(Payment.MaxSyncError);
        b.Ignore(p => p.Amount);
        b.Ignore(p => p.IsFinal);
        b.HasIndex(p => p.ProviderPaymentId).IsUnique();
        b.HasIndex(p => new { p.CustomerId, p.Status });
        b.HasOne<Organisation>().WithMany().HasForeignKey(p => p.OrganisationId);
        b.HasOne<Customer>().WithMany().HasForeignKey(p => p.CustomerId);
        b.HasMany(p => p.Allocations).WithOne().HasForeignKey(a => a.PaymentId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(p => p.Allocations).HasField("_allocations").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

public class PaymentAllocationConfiguration : IEntityTypeConfiguration<PaymentAllocation>
{
    public void Configure(EntityTypeBuilder<PaymentAllocation> b)
    {
        b.HasKey(a => new { a.PaymentId, a.InvoiceId });
        b.HasOne<Invoice>().WithMany().HasForeignKey(a => a.InvoiceId);
    }
}

public class OutboxEventConfiguration : IEntityTypeConfiguration<OutboxEvent>
{
    public void Configure(EntityTypeBuilder<OutboxEvent> b)
    {
        b.Property(e => e.Type).HasMaxLength(50);
        b.HasIndex(e => new { e.OrganisationId, e.Id });
        b.HasOne<Organisation>().WithMany().HasForeignKey(e => e.OrganisationId);
    }
}

public class PaymentFeedbackConfiguration : IEntityTypeConfiguration<PaymentFeedback>
{
    public void Configure(EntityTypeBuilder<PaymentFeedback> b)
    {
        b.HasKey(f => f.PaymentId);
        b.Property(f => f.Comment).HasMaxLength(PaymentFeedback.MaxComment);
        b.HasOne<Payment>().WithOne().HasForeignKey<PaymentFeedback>(f => f.PaymentId);
    }
}

public class CustomerCreditConfiguration : IEntityTypeConfiguration<CustomerCredit>
{
    public void Configure(EntityTypeBuilder<CustomerCredit> b)
    {
        b.Property(c => c.Currency).HasMaxLength(3);
        b.Property(c => c.Reason).HasConversion<string>().HasMaxLength(30);
        b.Property(c => c.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(c => c.ProviderRefundId).HasMaxLength(100);
        b.Property(c => c.RefundError).HasMaxLength(CustomerCredit.MaxRefundError);
        b.Ignore(c => c.Amount);
        b.Ignore(c => c.IsOutstanding);
        // One credit per invoice of a payment: a replayed "paid" can never book the same money twice.
        b.HasIndex(c => new { c.PaymentId, c.InvoiceId }).IsUnique();
        b.HasIndex(c => new { c.CustomerId, c.Status });
        b.HasIndex(c => c.Status);
        b.HasOne<Organisation>().WithMany().HasForeignKey(c => c.OrganisationId);
        b.HasOne<Customer>().WithMany().HasForeignKey(c => c.CustomerId);
        b.HasOne<Payment>().WithMany().HasForeignKey(c => c.PaymentId);
        b.HasOne<Invoice>().WithMany().HasForeignKey(c => c.InvoiceId);
    }
}
