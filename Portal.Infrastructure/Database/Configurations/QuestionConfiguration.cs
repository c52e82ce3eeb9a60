using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Customers;
using Portal.Domain.Invoices;
using Portal.Domain.Organisations;
using Portal.Domain.Questions;

namespace Portal.Infrastructure.Database.Configurations;

public class QuestionConfiguration : IEntityTypeConfiguration<Question>
{
    public void Configure(EntityTypeBuilder<Question> b)
    {
        b.HasIndex(q => q.PublicId).IsUnique();
        b.Property(q => q.Reason).HasConversion<string>().HasMaxLength(12);
        b.Property(q => q.Status).HasConversion<string>().HasMaxLength(10);
        b.Property(q => q.Text).HasMaxLength(Question.MaxText);
        b.Property(q => q.Reply).HasMaxLength(Question.MaxReply);
        b.HasMany(q => q.Files).WithOne().HasForeignKey(f => f.QuestionId);
        b.Navigation(q => q.Files).UsePropertyAccessMode(PropertyAccessMode.Field);
        // The list by status, and "is this invoice disputed" for every reminder, collection and invoice read.
        b.HasIndex(q => new { q.OrganisationId, q.Status });
        b.HasIndex(q => q.InvoiceId);
        b.HasIndex(q => q.CustomerId);
        b.HasOne<Organisation>().WithMany().HasForeignKey(q => q.OrganisationId);
        b.HasOne<Customer>().WithMany().HasForeignKey(q => q.CustomerId);
        b.HasOne<Invoice>().WithMany().HasForeignKey(q => q.InvoiceId);
    }
}

public class QuestionFileConfiguration : IEntityTypeConfiguration<QuestionFile>
{
    public void Configure(EntityTypeBuilder<QuestionFile> b)
    {
        b.ToTable("QuestionFiles");
        b.HasIndex(f => f.PublicId).IsUnique();
        b.Property(f => f.ContentType).HasMaxLength(20);
        b.Property(f => f.Sha256).HasMaxLength(64);
    }
}
