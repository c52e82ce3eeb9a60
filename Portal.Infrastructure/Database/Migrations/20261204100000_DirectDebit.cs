using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Portal.Infrastructure.Database.Migrations;

/// <summary>Direct debit: the organisation's rules, the customer's collection day, and mandates.</summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261204100000_DirectDebit")]
public class DirectDebit : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.AddColumn<bool>("DirectDebitEnabled", "Organisations", nullable: false, defaultValue: false);
        m.AddColumn<string>("CollectionDays", "Organisations", maxLength: 100, nullable: false, defaultValue: "1,15,25");
        m.AddColumn<int>("PreNotificationLeadDays", "Organisations", nullable: false, defaultValue: 5);
        m.AddColumn<long>("FirstPaymentMinor", "Organisations", nullable: false, defaultValue: 1L);
        m.AddColumn<string>("CreditorId", "Organisations", maxLength: 35, nullable: true);
        m.AddColumn<int>("CollectionDay", "Customers", nullable: true);

        m.CreateTable("Mandates", t => new
        {
            Id = Initial.Identity(t),
            OrganisationId = t.Column<long>(),
            CustomerId = t.Column<long>(),
            Source = t.Column<string>(maxLength: 20),
            Status = t.Column<string>(maxLength: 10),
            Reference = t.Column<string>(maxLength: 35),
            IbanMasked = t.Column<string>(maxLength: 20),
            AccountHolder = t.Column<string>(maxLength: 70),
            SignatureDate = t.Column<DateOnly>(),
            Evidence = t.Column<string>(),
            MollieCustomerId = t.Column<string>(maxLength: 40, nullable: true),
            MollieMandateId = t.Column<string>(maxLength: 40, nullable: true),
            CreatedAtUtc = t.Column<DateTime>(),
            RevokedAtUtc = t.Column<DateTime>(nullable: true),
            RevokedReason = t.Column<string>(maxLength: 100, nullable: true),
        }, constraints: c =>
        {
            c.PrimaryKey("PK_Mandates", x => x.Id);
            c.ForeignKey("FK_Mandates_Organisations_OrganisationId", x => x.OrganisationId, "Organisations", "Id", onDelete: ReferentialAction.Cascade);
            c.ForeignKey("FK_Mandates_Customers_CustomerId", x => x.CustomerId, "Customers", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_Mandates_OrganisationId_Reference", "Mandates", ["OrganisationId", "Reference"], unique: true);
        m.CreateIndex("IX_Mandates_CustomerId_Status", "Mandates", ["CustomerId", "Status"]);
    }

    protected override void Down(MigrationBuilder m)
    {
        m.DropTable("Mandates");
        m.DropColumn("CollectionDay", "Customers");
        m.DropColumn("CreditorId", "Organisations");
        m.DropColumn("FirstPaymentMinor", "Organisations");
        m.DropColumn("PreNotificationLeadDays", "Organisations");
        m.DropColumn("CollectionDays", "Organisations");
        m.DropColumn("DirectDebitEnabled", "Organisations");
    }
}
