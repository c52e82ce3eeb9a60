using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Portal.Infrastructure.Database.Migrations;

/// <summary>Questions and disputes about invoices, with the files customers sent.</summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261206100001_Questions")]
public class Questions : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("Questions", t => new
        {
            Id = Initial.Identity(t),
            PublicId = t.Column<Guid>(),
            OrganisationId = t.Column<long>(),
            CustomerId = t.Column<long>(),
            InvoiceId = t.Column<long>(),
            Reason = t.Column<string>(maxLength: 12),
            Text = t.Column<string>(maxLength: 2000),
            Dispute = t.Column<bool>(),
            Status = t.Column<string>(maxLength: 10),
            Reply = t.Column<string>(maxLength: 2000, nullable: true),
            Upheld = t.Column<bool>(nullable: true),
            CreatedAtUtc = t.Column<DateTime>(),
            AnsweredAtUtc = t.Column<DateTime>(nullable: true),
            ResolvedAtUtc = t.Column<DateTime>(nullable: true),
        }, constraints: c =>
        {
            c.PrimaryKey("PK_Questions", x => x.Id);
            c.ForeignKey("FK_Questions_Organisations_OrganisationId", x => x.OrganisationId, "Organisations", "Id", onDelete: ReferentialAction.Cascade);
            c.ForeignKey("FK_Questions_Customers_CustomerId", x => x.CustomerId, "Customers", "Id", onDelete: ReferentialAction.Cascade);
            c.ForeignKey("FK_Questions_Invoices_InvoiceId", x => x.InvoiceId, "Invoices", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_Questions_PublicId", "Questions", "PublicId", unique: true);
        m.CreateIndex("IX_Questions_OrganisationId_Status", "Questions", ["OrganisationId", "Status"]);
        m.CreateIndex("IX_Questions_InvoiceId", "Questions", "InvoiceId");
        m.CreateIndex("IX_Questions_CustomerId", "Questions", "CustomerId");

        m.CreateTable("QuestionFiles", t => new
        {
            Id = Initial.Identity(t),
            PublicId = t.Column<Guid>(),
            QuestionId = t.Column<long>(),
            ContentType = t.Column<string>(maxLength: 20),
            Size = t.Column<long>(),
            Sha256 = t.Column<string>(maxLength: 64),
            Content = t.Column<byte[]>(),
        }, constraints: c =>
        {
            c.PrimaryKey("PK_QuestionFiles", x => x.Id);
            c.ForeignKey("FK_QuestionFiles_Questions_QuestionId", x => x.QuestionId, "Questions", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_QuestionFiles_PublicId", "QuestionFiles", "PublicId", unique: true);
        m.CreateIndex("IX_QuestionFiles_QuestionId", "QuestionFiles", "QuestionId");
    }

    protected override void Down(MigrationBuilder m)
    {
        m.DropTable("QuestionFiles");
        m.DropTable("Questions");
    }
}
