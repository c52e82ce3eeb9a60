using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Portal.Infrastructure.Database.Migrations;

/// <summary>One-time codes: a salted hash of each, its tries and when it was verified and used.</summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261203100001_OneTimeCodes")]
public class OneTimeCodes : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("OneTimeCodes", t => new
        {
            Id = Initial.Identity(t),
            OrganisationId = t.Column<long>(),
            CustomerId = t.Column<long>(),
            PayLinkId = t.Column<Guid>(),
            Purpose = t.Column<string>(maxLength: 40),
            Channel = t.Column<string>(maxLength: 10),
            Recipient = t.Column<string>(maxLength: 320),
            Salt = t.Column<byte[]>(),
            CodeHash = t.Column<byte[]>(),
            CreatedAtUtc = t.Column<DateTime>(),
            ExpiresAtUtc = t.Column<DateTime>(),
            FailedTries = t.Column<int>(),
            VerifiedAtUtc = t.Column<DateTime>(nullable: true),
            UsedAtUtc = t.Column<DateTime>(nullable: true),
        }, constraints: c =>
        {
            c.PrimaryKey("PK_OneTimeCodes", x => x.Id);
            c.ForeignKey("FK_OneTimeCodes_Organisations_OrganisationId", x => x.OrganisationId, "Organisations", "Id", onDelete: ReferentialAction.Cascade);
            c.ForeignKey("FK_OneTimeCodes_Customers_CustomerId", x => x.CustomerId, "Customers", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_OneTimeCodes_PayLinkId_Purpose_CreatedAtUtc", "OneTimeCodes", ["PayLinkId", "Purpose", "CreatedAtUtc"]);
        m.CreateIndex("IX_OneTimeCodes_CustomerId_CreatedAtUtc", "OneTimeCodes", ["CustomerId", "CreatedAtUtc"]);
    }

    protected override void Down(MigrationBuilder m) => m.DropTable("OneTimeCodes");
}
