using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Portal.Infrastructure.Database.Migrations;

/// <summary>Call-backs: the organisation's slots (one JSON text) and the customers' requests.</summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261206100000_Callbacks")]
public class Callbacks : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.AddColumn<string>("CallbackSettingsJson", "Organisations", nullable: true);

        m.CreateTable("CallbackRequests", t => new
        {
            Id = Initial.Identity(t),
            PublicId = t.Column<Guid>(),
            OrganisationId = t.Column<long>(),
            CustomerId = t.Column<long>(),
            Status = t.Column<string>(maxLength: 12),
            Topic = t.Column<string>(maxLength: 12),
            Phone = t.Column<string>(maxLength: 20),
            Language = t.Column<string>(maxLength: 2, nullable: true),
            SlotStartUtc = t.Column<DateTime>(),
            SlotEndUtc = t.Column<DateTime>(),
            Outcome = t.Column<string>(maxLength: 500, nullable: true),
            CreatedAtUtc = t.Column<DateTime>(),
            EndedAtUtc = t.Column<DateTime>(nullable: true),
        }, constraints: c =>
        {
            c.PrimaryKey("PK_CallbackRequests", x => x.Id);
            c.ForeignKey("FK_CallbackRequests_Organisations_OrganisationId", x => x.OrganisationId, "Organisations", "Id", onDelete: ReferentialAction.Cascade);
            c.ForeignKey("FK_CallbackRequests_Customers_CustomerId", x => x.CustomerId, "Customers", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_CallbackRequests_PublicId", "CallbackRequests", "PublicId", unique: true);
        m.CreateIndex("IX_CallbackRequests_OrganisationId_SlotStartUtc", "CallbackRequests", ["OrganisationId", "SlotStartUtc"]);
        m.CreateIndex("IX_CallbackRequests_CustomerId_Status", "CallbackRequests", ["CustomerId", "Status"]);
    }

    protected override void Down(MigrationBuilder m)
    {
        m.DropTable("CallbackRequests");
        m.DropColumn("CallbackSettingsJson", "Organisations");
    }
}
