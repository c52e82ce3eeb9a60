using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Portal.Infrastructure.Database.Migrations;

/// <summary>
/// An organisation maintains itself through the API: the name its e-mails come from, and when each API key was last
/// used, so it can tell which key it may retire.
/// </summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261201500000_OrganisationSelfService")]
public class OrganisationSelfService : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.AddColumn<string>("SenderName", "Organisations", maxLength: 100, nullable: true);
        m.AddColumn<DateTime>("LastUsedAtUtc", "ApiKeys", nullable: true);
    }

    protected override void Down(MigrationBuilder m)
    {
        m.DropColumn("SenderName", "Organisations");
        m.DropColumn("LastUsedAtUtc", "ApiKeys");
    }
}
