using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Portal.Infrastructure.Database.Migrations;

/// <summary>Customers who cannot pay: the organisation's help text, and who handles a customer's money.</summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261206100002_Hardship")]
public class Hardship : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.AddColumn<string>("HardshipHelpJson", "Organisations", nullable: true);

        m.CreateTable("HardshipRegistrations", t => new
        {
            Id = Initial.Identity(t),
            PublicId = t.Column<Guid>(),
            OrganisationId = t.Column<long>(),
            CustomerId = t.Column<long>(),
            Role = t.Column<string>(maxLength: 16),
            HelperName = t.Column<string>(maxLength: 200),
            HelperOrganisation = t.Column<string>(maxLength: 200, nullable: true),
            HelperContact = t.Column<string>(maxLength: 200),
            Status = t.Column<string>(maxLength: 8),
            EndReason = t.Column<string>(maxLength: 500, nullable: true),
            CreatedAtUtc = t.Column<DateTime>(),
            EndedAtUtc = t.Column<DateTime>(nullable: true),
        }, constraints: c =>
        {
            c.PrimaryKey("PK_HardshipRegistrations", x => x.Id);
            c.ForeignKey("FK_HardshipRegistrations_Organisations_OrganisationId", x => x.OrganisationId, "Organisations", "Id", onDelete: ReferentialAction.Cascade);
            c.ForeignKey("FK_HardshipRegistrations_Customers_CustomerId", x => x.CustomerId, "Customers", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_HardshipRegistrations_PublicId", "HardshipRegistrations", "PublicId", unique: true);
        m.CreateIndex("IX_HardshipRegistrations_CustomerId_Status", "HardshipRegistrations", ["CustomerId", "Status"]);
        m.CreateIndex("IX_HardshipRegistrations_OrganisationId_Status", "HardshipRegistrations", ["OrganisationId", "Status"]);
    }

    protected override void Down(MigrationBuilder m)
    {
        m.DropTable("HardshipRegistrations");
        m.DropColumn("HardshipHelpJson", "Organisations");
    }
}
