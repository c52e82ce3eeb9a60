using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Portal.Infrastructure.Database.Migrations;

/// <summary>Direct-debit collections: one row per invoice and date, unique, so a collection is made once.</summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261204100001_Collections")]
public class Collections : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("Collections", t => new
        {
            Id = Initial.Identity(t),
            OrganisationId = t.Column<long>(),
            CustomerId = t.Column<long>(),
            MandateId = t.Column<long>(),
            InvoiceId = t.Column<long>(),
            Date = t.Column<DateOnly>(),
            AmountMinor = t.Column<long>(),
            Currency = t.Column<string>(maxLength: 3),
            Status = t.Column<string>(maxLength: 12),
            PaymentId = t.Column<Guid>(nullable: true),
            BankReasonCode = t.Column<string>(maxLength: 20, nullable: true),
            RetryAllowed = t.Column<bool>(),
            PlannedAtUtc = t.Column<DateTime>(),
            FinishedAtUtc = t.Column<DateTime>(nullable: true),
        }, constraints: c =>
        {
            c.PrimaryKey("PK_Collections", x => x.Id);
            c.ForeignKey("FK_Collections_Organisations_OrganisationId", x => x.OrganisationId, "Organisations", "Id", onDelete: ReferentialAction.Cascade);
            c.ForeignKey("FK_Collections_Customers_CustomerId", x => x.CustomerId, "Customers", "Id", onDelete: ReferentialAction.Cascade);
            c.ForeignKey("FK_Collections_Mandates_MandateId", x => x.MandateId, "Mandates", "Id", onDelete: ReferentialAction.Cascade);
            c.ForeignKey("FK_Collections_Invoices_InvoiceId", x => x.InvoiceId, "Invoices", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_Collections_InvoiceId_Date", "Collections", ["InvoiceId", "Date"], unique: true);
        m.CreateIndex("IX_Collections_Status_Date", "Collections", ["Status", "Date"]);
        m.CreateIndex("IX_Collections_PaymentId", "Collections", "PaymentId");
        m.CreateIndex("IX_Collections_CustomerId_Date", "Collections", ["CustomerId", "Date"]);
        m.CreateIndex("IX_Collections_MandateId", "Collections", "MandateId");
        m.CreateIndex("IX_Collections_OrganisationId", "Collections", "OrganisationId");
    }

    protected override void Down(MigrationBuilder m) => m.DropTable("Collections");
}
