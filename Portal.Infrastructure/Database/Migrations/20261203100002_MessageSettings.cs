using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Portal.Infrastructure.Database.Migrations;

/// <summary>The organisation's thank-you after a payment (on by default) and the after-sales block in it.</summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261203100002_MessageSettings")]
public class MessageSettings : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.AddColumn<bool>("SendsThankYou", "Organisations", nullable: false, defaultValue: true);
        m.AddColumn<string>("AfterSalesText", "Organisations", maxLength: 300, nullable: true);
        m.AddColumn<string>("AfterSalesLink", "Organisations", maxLength: 500, nullable: true);
    }

    protected override void Down(MigrationBuilder m)
    {
        m.DropColumn("AfterSalesLink", "Organisations");
        m.DropColumn("AfterSalesText", "Organisations");
        m.DropColumn("SendsThankYou", "Organisations");
    }
}
