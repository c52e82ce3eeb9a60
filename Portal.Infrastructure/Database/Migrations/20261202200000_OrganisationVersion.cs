using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Portal.Infrastructure.Database.Migrations;

/// <summary>
/// A stamp on the organisation that changes with every change to it, so customer pages can keep the brand in
/// memory and check only the stamp, in the same query that checks the session.
/// </summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261202200000_OrganisationVersion")]
public class OrganisationVersion : Migration
{
    protected override void Up(MigrationBuilder m) =>
        m.AddColumn<long>("Version", "Organisations", nullable: false, defaultValue: 0L);

    protected override void Down(MigrationBuilder m) => m.DropColumn("Version", "Organisations");
}
