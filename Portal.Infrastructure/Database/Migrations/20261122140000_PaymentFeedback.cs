using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Portal.Infrastructure.Database.Migrations;

/// <summary>The customer's "how easy was this" after paying.</summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261122140000_PaymentFeedback")]
public class PaymentFeedback : Migration
{
    protected override void Up(MigrationBuilder m) =>
        m.CreateTable("PaymentFeedback", t => new
        {
            PaymentId = t.Column<Guid>(),
            OrganisationId = t.Column<long>(),
            Score = t.Column<int>(nullable: true),
            Comment = t.Column<string>(maxLength: 1000, nullable: true),
            CreatedAtUtc = t.Column<DateTime>(),
        }, constraints: c =>
        {
            c.PrimaryKey("PK_PaymentFeedback", x => x.PaymentId);
            c.ForeignKey("FK_PaymentFeedback_Payments_PaymentId", x => x.PaymentId, "Payments", "Id", onDelete: ReferentialAction.Cascade);
        });

    protected override void Down(MigrationBuilder m) => m.DropTable("PaymentFeedback");
}
