using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Portal.Infrastructure.Database.Migrations;

/// <summary>Promises to pay: the organisation's rules and the customers' promises.</summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261206100003_Promises")]
public class Promises : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.AddColumn<bool>("PromisesEnabled", "Organisations", nullable: false, defaultValue: false);
        m.AddColumn<int>("PromiseMaximumDays", "Organisations", nullable: false, defaultValue: 14);
        m.AddColumn<int>("PromiseGraceDays", "Organisations", nullable: false, defaultValue: 3);

        m.CreateTable("PaymentPromises", t => new
        {
            Id = Initial.Identity(t),
            PublicId = t.Column<Guid>(),
            OrganisationId = t.Column<long>(),
            CustomerId = t.Column<long>(),
            PromisedDate = t.Column<DateOnly>(),
            AmountMinor = t.Column<long>(),
            Currency = t.Column<string>(maxLength: 3),
            Status = t.Column<string>(maxLength: 8),
            CreatedAtUtc = t.Column<DateTime>(),
            EndedAtUtc = t.Column<DateTime>(nullable: true),
        }, constraints: c =>
        {
            c.PrimaryKey("PK_PaymentPromises", x => x.Id);
            c.ForeignKey("FK_PaymentPromises_Organisations_OrganisationId", x => x.OrganisationId, "Organisations", "Id", onDelete: ReferentialAction.Cascade);
            c.ForeignKey("FK_PaymentPromises_Customers_CustomerId", x => x.CustomerId, "Customers", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_PaymentPromises_PublicId", "PaymentPromises", "PublicId", unique: true);
        m.CreateIndex("IX_PaymentPromises_CustomerId_Status", "PaymentPromises", ["CustomerId", "Status"]);
        m.CreateIndex("IX_PaymentPromises_Status_PromisedDate", "PaymentPromises", ["Status", "PromisedDate"]);
    }

    protected override void Down(MigrationBuilder m)
    {
        m.DropTable("PaymentPromises");
        foreach (var column in new[] { "PromisesEnabled", "PromiseMaximumDays", "PromiseGraceDays" }) m.DropColumn(column, "Organisations");
    }
}
