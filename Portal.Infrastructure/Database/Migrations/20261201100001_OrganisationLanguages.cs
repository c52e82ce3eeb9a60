using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Portal.Infrastructure.Database.Migrations;

/// <summary>
/// An organisation's languages now decide what its customers are offered. Every organisation so far carried the
/// never-read default "nl,en" while its customers were offered all five; they keep all five.
/// </summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261201100001_OrganisationLanguages")]
public class OrganisationLanguages : Migration
{
    protected override void Up(MigrationBuilder m) =>
        m.Sql("UPDATE \"Organisations\" SET \"Languages\" = 'nl,en,tr,pl,ar' WHERE \"Languages\" = 'nl,en'");

    protected override void Down(MigrationBuilder m)
    {
    }
}
