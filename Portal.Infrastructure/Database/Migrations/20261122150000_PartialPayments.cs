using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Portal.Infrastructure.Database.Migrations;

/// <summary>An organisation may let customers pay part of what they owe, above a minimum.</summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261122150000_PartialPayments")]
public class PartialPayments : Migration
{
    protected override void Up(MigrationBuilder m) =>
        m.AddColumn<long>("PartialPaymentMinimumMinor", "Organisations", nullable: true);

    protected override void Down(MigrationBuilder m) => m.DropColumn("PartialPaymentMinimumMinor", "Organisations");
}
