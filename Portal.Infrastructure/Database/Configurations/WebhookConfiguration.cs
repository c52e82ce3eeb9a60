using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Events;
using Portal.Domain.Organisations;

namespace Portal.Infrastructure.Database.Configurations;

public class WebhookEndpointConfiguration : IEntityTypeConfiguration<WebhookEndpoint>
{
    public void Configure(EntityTypeBuilder<WebhookEndpoint> b)
    {
        b.Property(e => e.Id).ValueGeneratedNever();
        b.Property(e => e.Url).HasMaxLength(2000);
        b.Property(e => e.ProtectedSecret).HasMaxLength(1000);
        b.HasIndex(e => e.OrganisationId);
        b.HasOne<Organisation>().WithMany().HasForeignKey(e => e.OrganisationId);
    }
}

public class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> b)
    {
        b.Property(d => d.WebhookId).HasMaxLength(50);
        b.Property(d => d.LastResult).HasMaxLength(200);
        b.HasIndex(d => d.NextAttemptAtUtc);
        b.HasIndex(d => new { d.EndpointId, d.EventId }).IsUnique();
        b.HasOne<WebhookEndpoint>().WithMany().HasForeignKey(d => d.EndpointId);
        b.HasOne<OutboxEvent>().WithMany().HasForeignKey(d => d.EventId);
    }
}
