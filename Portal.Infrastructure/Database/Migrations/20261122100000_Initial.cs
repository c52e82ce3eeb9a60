using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations.Builders;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace Portal.Infrastructure.Database.Migrations;

/// <summary>
/// Hand-written (the EF design-time package cannot be had here). Column types are left to the
/// provider's type mapping, so the same migration runs on SQLite and on PostgreSQL.
/// </summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261122100000_Initial")]
public partial class Initial : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        CreateIdentityTables(m);

        m.CreateTable("Organisations", t => new
        {
            Id = Identity(t),
            Name = t.Column<string>(maxLength: 200),
            BrandColour = t.Column<string>(maxLength: 7),
            Logo = t.Column<byte[]>(nullable: true),
            LogoContentType = t.Column<string>(maxLength: 50, nullable: true),
            Languages = t.Column<string>(maxLength: 50),
            Iban = t.Column<string>(maxLength: 34),
            AccountHolder = t.Column<string>(maxLength: 200),
            Phone = t.Column<string>(maxLength: 40),
            CreatedAtUtc = t.Column<DateTime>(),
        }, constraints: c => c.PrimaryKey("PK_Organisations", x => x.Id));

        m.CreateTable("ApiKeys", t => new
        {
            Id = Identity(t),
            OrganisationId = t.Column<long>(),
            Name = t.Column<string>(maxLength: 100),
            Hint = t.Column<string>(maxLength: 20),
            KeyHash = t.Column<byte[]>(),
            CreatedAtUtc = t.Column<DateTime>(),
            RevokedAtUtc = t.Column<DateTime>(nullable: true),
        }, constraints: c =>
        {
            c.PrimaryKey("PK_ApiKeys", x => x.Id);
            c.ForeignKey("FK_ApiKeys_Organisations_OrganisationId", x => x.OrganisationId, "Organisations", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_ApiKeys_KeyHash", "ApiKeys", "KeyHash", unique: true);
        m.CreateIndex("IX_ApiKeys_OrganisationId", "ApiKeys", "OrganisationId");

        m.CreateTable("Customers", t => new
        {
            Id = Identity(t),
            OrganisationId = t.Column<long>(),
            CustomerRef = t.Column<string>(maxLength: 100),
            Name = t.Column<string>(maxLength: 200),
            Email = t.Column<string>(maxLength: 320, nullable: true),
            Phone = t.Column<string>(maxLength: 40, nullable: true),
            Language = t.Column<string>(maxLength: 8, nullable: true),
            AddressLine1 = t.Column<string>(maxLength: 200, nullable: true),
            AddressLine2 = t.Column<string>(maxLength: 200, nullable: true),
            AddressPostalCode = t.Column<string>(maxLength: 20, nullable: true),
            AddressCity = t.Column<string>(maxLength: 100, nullable: true),
            AddressCountry = t.Column<string>(maxLength: 2, nullable: true),
            CreatedAtUtc = t.Column<DateTime>(),
            UpdatedAtUtc = t.Column<DateTime>(),
        }, constraints: c =>
        {
            c.PrimaryKey("PK_Customers", x => x.Id);
            c.ForeignKey("FK_Customers_Organisations_OrganisationId", x => x.OrganisationId, "Organisations", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_Customers_OrganisationId_CustomerRef", "Customers", ["OrganisationId", "CustomerRef"], unique: true);

        m.CreateTable("Invoices", t => new
        {
            Id = Identity(t),
            OrganisationId = t.Column<long>(),
            InvoiceNumber = t.Column<string>(maxLength: 100),
            CustomerId = t.Column<long>(),
            IssueDate = t.Column<DateOnly>(),
            DueDate = t.Column<DateOnly>(),
            Currency = t.Column<string>(maxLength: 3),
            TotalMinor = t.Column<long>(),
            AmountPaidMinor = t.Column<long>(),
            Description = t.Column<string>(maxLength: 500, nullable: true),
            Status = t.Column<string>(maxLength: 20),
            CancelledAtUtc = t.Column<DateTime>(nullable: true),
            CreatedAtUtc = t.Column<DateTime>(),
            ChangedAtUtc = t.Column<DateTime>(),
        }, constraints: c =>
        {
            c.PrimaryKey("PK_Invoices", x => x.Id);
            c.ForeignKey("FK_Invoices_Organisations_OrganisationId", x => x.OrganisationId, "Organisations", "Id", onDelete: ReferentialAction.Cascade);
            c.ForeignKey("FK_Invoices_Customers_CustomerId", x => x.CustomerId, "Customers", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_Invoices_OrganisationId_InvoiceNumber", "Invoices", ["OrganisationId", "InvoiceNumber"], unique: true);
        m.CreateIndex("IX_Invoices_OrganisationId_ChangedAtUtc_Id", "Invoices", ["OrganisationId", "ChangedAtUtc", "Id"]);
        m.CreateIndex("IX_Invoices_CustomerId", "Invoices", "CustomerId");

        m.CreateTable("InvoiceLines", t => new
        {
            Id = Identity(t),
            InvoiceId = t.Column<long>(),
            Position = t.Column<int>(),
            Description = t.Column<string>(maxLength: 500),
            AmountMinor = t.Column<long>(),
            Quantity = t.Column<decimal>(precision: 18, scale: 4, nullable: true),
            UnitPriceMinor = t.Column<long>(nullable: true),
            VatRate = t.Column<decimal>(precision: 5, scale: 2, nullable: true),
        }, constraints: c =>
        {
            c.PrimaryKey("PK_InvoiceLines", x => x.Id);
            c.ForeignKey("FK_InvoiceLines_Invoices_InvoiceId", x => x.InvoiceId, "Invoices", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_InvoiceLines_InvoiceId", "InvoiceLines", "InvoiceId");

        m.CreateTable("PayLinks", t => new
        {
            Id = t.Column<Guid>(),
            OrganisationId = t.Column<long>(),
            CustomerId = t.Column<long>(),
            TokenHash = t.Column<byte[]>(maxLength: 32),
            ProtectedToken = t.Column<string>(maxLength: 1000),
            CreatedAtUtc = t.Column<DateTime>(),
            ExpiresAtUtc = t.Column<DateTime>(),
            RevokedAtUtc = t.Column<DateTime>(nullable: true),
        }, constraints: c =>
        {
            c.PrimaryKey("PK_PayLinks", x => x.Id);
            c.ForeignKey("FK_PayLinks_Organisations_OrganisationId", x => x.OrganisationId, "Organisations", "Id", onDelete: ReferentialAction.Cascade);
            c.ForeignKey("FK_PayLinks_Customers_CustomerId", x => x.CustomerId, "Customers", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_PayLinks_TokenHash", "PayLinks", "TokenHash", unique: true);
        m.CreateIndex("IX_PayLinks_CustomerId", "PayLinks", "CustomerId");
        m.CreateIndex("IX_PayLinks_OrganisationId", "PayLinks", "OrganisationId");

        m.CreateTable("PayLinkInvoice", t => new
        {
            PayLinkId = t.Column<Guid>(),
            InvoiceId = t.Column<long>(),
        }, constraints: c =>
        {
            c.PrimaryKey("PK_PayLinkInvoice", x => new { x.PayLinkId, x.InvoiceId });
            c.ForeignKey("FK_PayLinkInvoice_PayLinks_PayLinkId", x => x.PayLinkId, "PayLinks", "Id", onDelete: ReferentialAction.Cascade);
            c.ForeignKey("FK_PayLinkInvoice_Invoices_InvoiceId", x => x.InvoiceId, "Invoices", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_PayLinkInvoice_InvoiceId", "PayLinkInvoice", "InvoiceId");

        m.CreateTable("AuditRecords", t => new
        {
            Id = Identity(t),
            OrganisationId = t.Column<long>(nullable: true),
            OccurredAtUtc = t.Column<DateTime>(),
            Actor = t.Column<string>(maxLength: 200),
            Action = t.Column<string>(maxLength: 100),
            ObjectType = t.Column<string>(maxLength: 50),
            ObjectId = t.Column<string>(maxLength: 200),
            Outcome = t.Column<string>(maxLength: 100),
            CorrelationId = t.Column<string>(maxLength: 100, nullable: true),
            PreviousHash = t.Column<string>(maxLength: 64),
            Hash = t.Column<string>(maxLength: 64),
        }, constraints: c => c.PrimaryKey("PK_AuditRecords", x => x.Id));
        m.CreateIndex("IX_AuditRecords_OrganisationId_Id", "AuditRecords", ["OrganisationId", "Id"]);

        m.CreateTable("DataProtectionKeys", t => new
        {
            Id = Identity(t),
            FriendlyName = t.Column<string>(maxLength: 200),
            Xml = t.Column<string>(),
        }, constraints: c => c.PrimaryKey("PK_DataProtectionKeys", x => x.Id));
    }

    protected override void Down(MigrationBuilder m)
    {
        foreach (var table in new[]
                 {
                     "DataProtectionKeys", "AuditRecords", "PayLinkInvoice", "PayLinks", "InvoiceLines", "Invoices",
                     "Customers", "ApiKeys", "Organisations", "AspNetUserTokens", "AspNetUserRoles", "AspNetUserLogins",
                     "AspNetUserClaims", "AspNetRoleClaims", "AspNetUsers", "AspNetRoles",
                 })
        {
            m.DropTable(table);
        }
    }

    /// <summary>An auto-numbered key on either provider; each provider ignores the other's annotation.</summary>
    internal static OperationBuilder<Microsoft.EntityFrameworkCore.Migrations.Operations.AddColumnOperation> Identity<T>(ColumnsBuilder t) =>
        t.Column<T>().Annotation("Sqlite:Autoincrement", true)
            .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn);

    internal static OperationBuilder<Microsoft.EntityFrameworkCore.Migrations.Operations.AddColumnOperation> Identity(ColumnsBuilder t) =>
        Identity<long>(t);
}
