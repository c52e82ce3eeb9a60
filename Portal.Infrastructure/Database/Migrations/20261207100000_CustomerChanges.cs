using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Portal.Infrastructure.Database.Migrations;

/// <summary>Contact details changed by the customer: what they held before, until the ERP has taken the change over.</summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261207100000_CustomerChanges")]
public class CustomerChanges : Migration
{
    protected override void Up(MigrationBuilder m) => m.AddColumn<string>("CustomerChangeJson", "Customers", nullable: true);

    protected override void Down(MigrationBuilder m) => m.DropColumn("CustomerChangeJson", "Customers");
}
