using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Portal.Infrastructure.Database.Migrations;

/// <summary>The organisations' webhook endpoints and the deliveries of events to them.</summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261122130000_Webhooks")]
public class Webhooks : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("WebhookEndpoints", t => new
        {
            Id = t.Column<Guid>(),
            OrganisationId = t.Column<long>(),
            Url = t.Column<string>(maxLength: 2000),
            ProtectedSecret = t.Column<string>(maxLength: 1000),
            LastQueuedEventId = t.Column<long>(),
            CreatedAtUtc = t.Column<DateTime>(),
            DeletedAtUtc = t.Column<DateTime>(nullable: true),
        }, constraints: c =>
        {
            c.PrimaryKey("PK_WebhookEndpoints", x => x.Id);
            c.ForeignKey("FK_WebhookEndpoints_Organisations_OrganisationId", x => x.OrganisationId, "Organisations", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_WebhookEndpoints_OrganisationId", "WebhookEndpoints", "OrganisationId");

        m.CreateTable("WebhookDeliveries", t => new
        {
            Id = Initial.Identity(t),
            EndpointId = t.Column<Guid>(),
            EventId = t.Column<long>(),
            WebhookId = t.Column<string>(maxLength: 50),
            Attempts = t.Column<int>(),
            CreatedAtUtc = t.Column<DateTime>(),
            NextAttemptAtUtc = t.Column<DateTime>(nullable: true),
            DeliveredAtUtc = t.Column<DateTime>(nullable: true),
            GaveUpAtUtc = t.Column<DateTime>(nullable: true),
            LastResult = t.Column<string>(maxLength: 200, nullable: true),
        }, constraints: c =>
        {
            c.PrimaryKey("PK_WebhookDeliveries", x => x.Id);
            c.ForeignKey("FK_WebhookDeliveries_WebhookEndpoints_EndpointId", x => x.EndpointId, "WebhookEndpoints", "Id", onDelete: ReferentialAction.Cascade);
            c.ForeignKey("FK_WebhookDeliveries_OutboxEvents_EventId", x => x.EventId, "OutboxEvents", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_WebhookDeliveries_NextAttemptAtUtc", "WebhookDeliveries", "NextAttemptAtUtc");
        m.CreateIndex("IX_WebhookDeliveries_EndpointId_EventId", "WebhookDeliveries", ["EndpointId", "EventId"], unique: true);
        m.CreateIndex("IX_WebhookDeliveries_EventId", "WebhookDeliveries", "EventId");
    }

    protected override void Down(MigrationBuilder m)
    {
        m.DropTable("WebhookDeliveries");
        m.DropTable("WebhookEndpoints");
    }
}
