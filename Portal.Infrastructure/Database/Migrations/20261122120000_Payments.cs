using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Portal.Infrastructure.Database.Migrations;

/// <summary>Payments with their allocation to invoices, and the outbox of events for the ERP.</summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261122120000_Payments")]
public class Payments : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("Payments", t => new
        {
            Id = t.Column<Guid>(),
            OrganisationId = t.Column<long>(),
            CustomerId = t.Column<long>(),
            Method = t.Column<string>(maxLength: 20),
            Currency = t.Column<string>(maxLength: 3),
            AmountMinor = t.Column<long>(),
            SelectionKey = t.Column<string>(maxLength: 2000),
            Status = t.Column<string>(maxLength: 20),
            ProviderPaymentId = t.Column<string>(maxLength: 100, nullable: true),
            CheckoutUrl = t.Column<string>(maxLength: 2000, nullable: true),
            CreatedAtUtc = t.Column<DateTime>(),
            PaidAtUtc = t.Column<DateTime>(nullable: true),
            FinishedAtUtc = t.Column<DateTime>(nullable: true),
        }, constraints: c =>
        {
            c.PrimaryKey("PK_Payments", x => x.Id);
            c.ForeignKey("FK_Payments_Organisations_OrganisationId", x => x.OrganisationId, "Organisations", "Id", onDelete: ReferentialAction.Cascade);
            c.ForeignKey("FK_Payments_Customers_CustomerId", x => x.CustomerId, "Customers", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_Payments_ProviderPaymentId", "Payments", "ProviderPaymentId", unique: true);
        m.CreateIndex("IX_Payments_CustomerId_Status", "Payments", ["CustomerId", "Status"]);
        m.CreateIndex("IX_Payments_OrganisationId", "Payments", "OrganisationId");

        m.CreateTable("PaymentAllocation", t => new
        {
            PaymentId = t.Column<Guid>(),
            InvoiceId = t.Column<long>(),
            AmountMinor = t.Column<long>(),
        }, constraints: c =>
        {
            c.PrimaryKey("PK_PaymentAllocation", x => new { x.PaymentId, x.InvoiceId });
            c.ForeignKey("FK_PaymentAllocation_Payments_PaymentId", x => x.PaymentId, "Payments", "Id", onDelete: ReferentialAction.Cascade);
            c.ForeignKey("FK_PaymentAllocation_Invoices_InvoiceId", x => x.InvoiceId, "Invoices", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_PaymentAllocation_InvoiceId", "PaymentAllocation", "InvoiceId");

        m.CreateTable("OutboxEvents", t => new
        {
            Id = Initial.Identity(t),
            OrganisationId = t.Column<long>(),
            Type = t.Column<string>(maxLength: 50),
            PayloadJson = t.Column<string>(),
            OccurredAtUtc = t.Column<DateTime>(),
        }, constraints: c =>
        {
            c.PrimaryKey("PK_OutboxEvents", x => x.Id);
            c.ForeignKey("FK_OutboxEvents_Organisations_OrganisationId", x => x.OrganisationId, "Organisations", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_OutboxEvents_OrganisationId_Id", "OutboxEvents", ["OrganisationId", "Id"]);
    }

    protected override void Down(MigrationBuilder m)
    {
        m.DropTable("OutboxEvents");
        m.DropTable("PaymentAllocation");
        m.DropTable("Payments");
    }
}
