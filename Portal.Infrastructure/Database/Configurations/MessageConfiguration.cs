using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Customers;
using Portal.Domain.Messages;
using Portal.Domain.Organisations;

namespace Portal.Infrastructure.Database.Configurations;

public class MessageConfiguration : IEntityTypeConfiguration<Message>
{
    public void Configure(EntityTypeBuilder<Message> b)
    {
        b.Property(m => m.Kind).HasConversion<string>().HasMaxLength(40);
        b.Property(m => m.Channel).HasConversion<string>().HasMaxLength(10);
        b.Property(m => m.Status).HasConversion<string>().HasMaxLength(10);
        b.Property(m => m.Language).HasMaxLength(8);
        b.Property(m => m.Recipient).HasMaxLength(320);
        b.Property(m => m.CauseKey).HasMaxLength(100);
        b.Property(m => m.Failure).HasMaxLength(300);
        b.HasIndex(m => m.NextAttemptAtUtc);
        b.HasIndex(m => new { m.OrganisationId, m.CustomerId, m.CreatedAtUtc });
        b.HasIndex(m => new { m.OrganisationId, m.CauseKey }).IsUnique();
        b.HasOne<Organisation>().WithMany().HasForeignKey(m => m.OrganisationId);
        b.HasOne<Customer>().WithMany().HasForeignKey(m => m.CustomerId);
    }
}

public class MessageAttemptConfiguration : IEntityTypeConfiguration<MessageAttempt>
{
    public void Configure(EntityTypeBuilder<MessageAttempt> b)
    {
        b.Property(a => a.Result).HasMaxLength(300);
        b.HasIndex(a => new { a.MessageId, a.Number }).IsUnique();
        b.HasOne<Message>().WithMany().HasForeignKey(a => a.MessageId);
    }
}

public class MessageTemplateConfiguration : IEntityTypeConfiguration<MessageTemplate>
{
    public void Configure(EntityTypeBuilder<MessageTemplate> b)
    {
        b.Property(t => t.Kind).HasConversion<string>().HasMaxLength(40);
        b.Property(t => t.Channel).HasConversion<string>().HasMaxLength(10);
        b.Property(t => t.Language).HasMaxLength(8);
        b.Property(t => t.Subject).HasMaxLength(500);
        b.Ignore(t => t.Texts);
        b.HasIndex(t => new { t.OrganisationId, t.Kind, t.Channel, t.Language }).IsUnique();
        b.HasOne<Organisation>().WithMany().HasForeignKey(t => t.OrganisationId);
    }
}

public class OneTimeCodeConfiguration : IEntityTypeConfiguration<Portal.Domain.Verification.OneTimeCode>
{
    public void Configure(EntityTypeBuilder<Portal.Domain.Verification.OneTimeCode> b)
    {
        b.Property(c => c.Purpose).HasMaxLength(40);
        b.Property(c => c.Channel).HasConversion<string>().HasMaxLength(10);
        b.Property(c => c.Recipient).HasMaxLength(320);
        b.Ignore(c => c.TriesLeft);
        b.HasIndex(c => new { c.PayLinkId, c.Purpose, c.CreatedAtUtc });
        b.HasIndex(c => new { c.CustomerId, c.CreatedAtUtc });
        b.HasOne<Organisation>().WithMany().HasForeignKey(c => c.OrganisationId);
        b.HasOne<Customer>().WithMany().HasForeignKey(c => c.CustomerId);
    }
}
