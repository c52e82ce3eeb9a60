using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Portal.Infrastructure.Database.Migrations;

/// <summary>Idempotency-Keys of API POSTs, with the response to give again on a retry.</summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261122160000_IdempotencyKeys")]
public class IdempotencyKeys : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("IdempotencyRecords", t => new
        {
            OrganisationId = t.Column<long>(),
            Key = t.Column<string>(maxLength: 255),
            RequestHash = t.Column<string>(maxLength: 64),
            CreatedAtUtc = t.Column<DateTime>(),
            CompletedAtUtc = t.Column<DateTime>(nullable: true),
            ResponseStatus = t.Column<int>(nullable: true),
            ResponseContentType = t.Column<string>(maxLength: 200, nullable: true),
            ResponseLocation = t.Column<string>(maxLength: 500, nullable: true),
            ResponseBody = t.Column<byte[]>(nullable: true),
        }, constraints: c => c.PrimaryKey("PK_IdempotencyRecords", x => new { x.OrganisationId, x.Key }));
        m.CreateIndex("IX_IdempotencyRecords_CreatedAtUtc", "IdempotencyRecords", "CreatedAtUtc");
    }

    protected override void Down(MigrationBuilder m) => m.DropTable("IdempotencyRecords");
}
