using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.ApiKeys;
using Portal.Domain.Organisations;

namespace Portal.Infrastructure.Database.Configurations;

public class OrganisationConfiguration : IEntityTypeConfiguration<Organisation>
{
    public void Configure(EntityTypeBuilder<Organisation> b)
    {
        b.Property(o => o.Name).HasMaxLength(200);
        b.Property(o => o.BrandColour).HasMaxLength(7);
        b.Property(o => o.LogoContentType).HasMaxLength(50);
        b.Property(o => o.Languages).HasMaxLength(50);
        b.Property(o => o.Iban).HasMaxLength(34);
        b.Property(o => o.AccountHolder).HasMaxLength(200);
        b.Property(o => o.Phone).HasMaxLength(40);
        b.Property(o => o.SenderName).HasMaxLength(OrganisationProfile.MaxSenderName);
        b.Property(o => o.AfterSalesText).HasMaxLength(300);
        b.Property(o => o.AfterSalesLink).HasMaxLength(500);
        b.Property(o => o.CollectionDays).HasMaxLength(100);
        b.Property(o => o.CreditorId).HasMaxLength(35);
        b.Ignore(o => o.LanguageList);
        b.Ignore(o => o.CallbackSettings);
        b.Ignore(o => o.HardshipHelp);
    }
}

public class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> b)
    {
        b.Property(k => k.Name).HasMaxLength(ApiKey.MaxName);
        b.Ignore(k => k.IsActive);
        b.Property(k => k.Hint).HasMaxLength(20);
        b.HasIndex(k => k.KeyHash).IsUnique();
        b.HasOne<Organisation>().WithMany().HasForeignKey(k => k.OrganisationId);
    }
}
