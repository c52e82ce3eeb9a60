using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Portal.Infrastructure.Database.Migrations;

/// <summary>
/// Money no invoice needed any more becomes a credit on the customer (and may be refunded); a payment remembers why
/// the provider could not be asked about it.
/// </summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261201100000_CustomerCredits")]
public class CustomerCredits : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.AddColumn<bool>("RefundOverpayments", "Organisations", defaultValue: false);
        m.AddColumn<string>("LastSyncError", "Payments", maxLength: 500, nullable: true);
        m.AddColumn<DateTime>("LastSyncErrorAtUtc", "Payments", nullable: true);

        m.CreateTable("CustomerCredits", t => new
        {
            Id = Initial.Identity(t),
            OrganisationId = t.Column<long>(),
            CustomerId = t.Column<long>(),
            PaymentId = t.Column<Guid>(),
            InvoiceId = t.Column<long>(),
            AmountMinor = t.Column<long>(),
            Currency = t.Column<string>(maxLength: 3),
            Reason = t.Column<string>(maxLength: 30),
            Status = t.Column<string>(maxLength: 20),
            ProviderRefundId = t.Column<string>(maxLength: 100, nullable: true),
            RefundError = t.Column<string>(maxLength: 500, nullable: true),
            CreatedAtUtc = t.Column<DateTime>(),
            RefundedAtUtc = t.Column<DateTime>(nullable: true),
        }, constraints: c =>
        {
            c.PrimaryKey("PK_CustomerCredits", x => x.Id);
            c.ForeignKey("FK_CustomerCredits_Organisations_OrganisationId", x => x.OrganisationId, "Organisations", "Id", onDelete: ReferentialAction.Cascade);
            c.ForeignKey("FK_CustomerCredits_Customers_CustomerId", x => x.CustomerId, "Customers", "Id", onDelete: ReferentialAction.Cascade);
            c.ForeignKey("FK_CustomerCredits_Payments_PaymentId", x => x.PaymentId, "Payments", "Id", onDelete: ReferentialAction.Cascade);
            c.ForeignKey("FK_CustomerCredits_Invoices_InvoiceId", x => x.InvoiceId, "Invoices", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_CustomerCredits_PaymentId_InvoiceId", "CustomerCredits", ["PaymentId", "InvoiceId"], unique: true);
        m.CreateIndex("IX_CustomerCredits_CustomerId_Status", "CustomerCredits", ["CustomerId", "Status"]);
        m.CreateIndex("IX_CustomerCredits_Status", "CustomerCredits", "Status");
        m.CreateIndex("IX_CustomerCredits_OrganisationId", "CustomerCredits", "OrganisationId");
        m.CreateIndex("IX_CustomerCredits_InvoiceId", "CustomerCredits", "InvoiceId");
    }

    protected override void Down(MigrationBuilder m)
    {
        m.DropTable("CustomerCredits");
        m.DropColumn("LastSyncErrorAtUtc", "Payments");
        m.DropColumn("LastSyncError", "Payments");
        m.DropColumn("RefundOverpayments", "Organisations");
    }
}
