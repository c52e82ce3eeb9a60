using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Portal.Infrastructure.Database.Migrations;

/// <summary>A mandate waiting for its first iDEAL payment: that payment, and the day the customer chose.</summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261204100002_FirstPaymentMandates")]
public class FirstPaymentMandates : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.AddColumn<Guid>("FirstPaymentId", "Mandates", nullable: true);
        m.AddColumn<int>("ChosenDay", "Mandates", nullable: true);
        m.CreateIndex("IX_Mandates_FirstPaymentId", "Mandates", "FirstPaymentId");
    }

    protected override void Down(MigrationBuilder m)
    {
        m.DropIndex("IX_Mandates_FirstPaymentId", "Mandates");
        m.DropColumn("ChosenDay", "Mandates");
        m.DropColumn("FirstPaymentId", "Mandates");
    }
}
