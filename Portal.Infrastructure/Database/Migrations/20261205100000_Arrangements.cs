using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Portal.Infrastructure.Database.Migrations;

/// <summary>Payment plans: the organisation's policy, the plans, their terms and their invoices.</summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261205100000_Arrangements")]
public class Arrangements : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.AddColumn<bool>("PlansEnabled", "Organisations", nullable: false, defaultValue: false);
        m.AddColumn<long>("PlanMinimumTermMinor", "Organisations", nullable: false, defaultValue: 2500L);
        m.AddColumn<int>("PlanMaximumTerms", "Organisations", nullable: false, defaultValue: 12);
        m.AddColumn<int>("PlanMaximumMonths", "Organisations", nullable: false, defaultValue: 12);
        m.AddColumn<long>("PlanMaximumTotalMinor", "Organisations", nullable: false, defaultValue: 500000L);
        m.AddColumn<int>("PlanMinimumDownPaymentPercent", "Organisations", nullable: false, defaultValue: 0);
        m.AddColumn<int>("PlanNoneAfterBrokenMonths", "Organisations", nullable: false, defaultValue: 6);
        m.AddColumn<bool>("PlanApproveWithinPolicy", "Organisations", nullable: false, defaultValue: true);
        m.AddColumn<int>("PlanGraceDays", "Organisations", nullable: false, defaultValue: 14);
        m.AddColumn<int>("PlanMissedTermsToBreak", "Organisations", nullable: false, defaultValue: 2);

        m.CreateTable("Arrangements", t => new
        {
            Id = Initial.Identity(t),
            PublicId = t.Column<Guid>(),
            OrganisationId = t.Column<long>(),
            CustomerId = t.Column<long>(),
            Status = t.Column<string>(maxLength: 12),
            PaidBy = t.Column<string>(maxLength: 12),
            CollectionDay = t.Column<int>(nullable: true),
            Currency = t.Column<string>(maxLength: 3),
            TotalMinor = t.Column<long>(),
            OutsidePolicy = t.Column<string>(maxLength: 200),
            AwaitingCustomer = t.Column<bool>(),
            Reason = t.Column<string>(maxLength: 500, nullable: true),
            Evidence = t.Column<string>(),
            AcceptedEvidence = t.Column<string>(nullable: true),
            CreatedAtUtc = t.Column<DateTime>(),
            AgreedAtUtc = t.Column<DateTime>(nullable: true),
            EndedAtUtc = t.Column<DateTime>(nullable: true),
        }, constraints: c =>
        {
            c.PrimaryKey("PK_Arrangements", x => x.Id);
            c.ForeignKey("FK_Arrangements_Organisations_OrganisationId", x => x.OrganisationId, "Organisations", "Id", onDelete: ReferentialAction.Cascade);
            c.ForeignKey("FK_Arrangements_Customers_CustomerId", x => x.CustomerId, "Customers", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_Arrangements_CustomerId_Status", "Arrangements", ["CustomerId", "Status"]);
        m.CreateIndex("IX_Arrangements_OrganisationId_Status", "Arrangements", ["OrganisationId", "Status"]);
        m.CreateIndex("IX_Arrangements_PublicId", "Arrangements", "PublicId", unique: true);

        m.CreateTable("ArrangementTerms", t => new
        {
            Id = Initial.Identity(t),
            ArrangementId = t.Column<long>(),
            Number = t.Column<int>(),
            DueDate = t.Column<DateOnly>(),
            AmountMinor = t.Column<long>(),
            DownPayment = t.Column<bool>(),
            Status = t.Column<string>(maxLength: 8),
            PaidAtUtc = t.Column<DateTime>(nullable: true),
            MissedAtUtc = t.Column<DateTime>(nullable: true),
        }, constraints: c =>
        {
            c.PrimaryKey("PK_ArrangementTerms", x => x.Id);
            c.ForeignKey("FK_ArrangementTerms_Arrangements_ArrangementId", x => x.ArrangementId, "Arrangements", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_ArrangementTerms_ArrangementId_Number", "ArrangementTerms", ["ArrangementId", "Number"], unique: true);

        m.CreateTable("ArrangementInvoices", t => new
        {
            ArrangementId = t.Column<long>(),
            InvoiceId = t.Column<long>(),
            OpenMinor = t.Column<long>(),
            PaidBeforeMinor = t.Column<long>(),
        }, constraints: c =>
        {
            c.PrimaryKey("PK_ArrangementInvoices", x => new { x.ArrangementId, x.InvoiceId });
            c.ForeignKey("FK_ArrangementInvoices_Arrangements_ArrangementId", x => x.ArrangementId, "Arrangements", "Id", onDelete: ReferentialAction.Cascade);
            c.ForeignKey("FK_ArrangementInvoices_Invoices_InvoiceId", x => x.InvoiceId, "Invoices", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_ArrangementInvoices_InvoiceId", "ArrangementInvoices", "InvoiceId");
    }

    protected override void Down(MigrationBuilder m)
    {
        m.DropTable("ArrangementInvoices");
        m.DropTable("ArrangementTerms");
        m.DropTable("Arrangements");
        foreach (var column in new[] { "PlansEnabled", "PlanMinimumTermMinor", "PlanMaximumTerms", "PlanMaximumMonths", "PlanMaximumTotalMinor",
                     "PlanMinimumDownPaymentPercent", "PlanNoneAfterBrokenMonths", "PlanApproveWithinPolicy", "PlanGraceDays", "PlanMissedTermsToBreak" })
            m.DropColumn(column, "Organisations");
    }
}
