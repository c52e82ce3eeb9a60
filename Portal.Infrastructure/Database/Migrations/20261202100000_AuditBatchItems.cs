using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Portal.Infrastructure.Database.Migrations;

/// <summary>
/// A batch is audited by one chained record and a row per item it created or changed (see
/// <see cref="Portal.Domain.Audit.AuditBatchItem"/>). The rows are append-only like the records they belong to.
/// </summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261202100000_AuditBatchItems")]
public class AuditBatchItems : Migration
{
    public const string Refusal = "AuditBatchItems is append-only";

    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("AuditBatchItems", t => new
        {
            OrganisationId = t.Column<long>(),
            ObjectType = t.Column<string>(maxLength: 50),
            ObjectId = t.Column<string>(maxLength: 200),
            AuditRecordId = t.Column<long>(),
            Outcome = t.Column<string>(maxLength: 20),
            ContentDigest = t.Column<string>(maxLength: 64),
        }, constraints: c => c.PrimaryKey("PK_AuditBatchItems", x => new { x.OrganisationId, x.ObjectType, x.ObjectId, x.AuditRecordId }));

        if (m.ActiveProvider == "Npgsql.EntityFrameworkCore.PostgreSQL")
        {
            m.Sql($"""
                CREATE FUNCTION portal_audit_batch_items_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION '{Refusal}: % refused', TG_OP;
                END
                $$;
                """);
            m.Sql("""
                CREATE TRIGGER "AuditBatchItems_AppendOnly" BEFORE UPDATE OR DELETE OR TRUNCATE ON "AuditBatchItems"
                    FOR EACH STATEMENT EXECUTE FUNCTION portal_audit_batch_items_append_only();
                """);
        }
        else
        {
            m.Sql($"""
                CREATE TRIGGER "AuditBatchItems_NoUpdate" BEFORE UPDATE ON "AuditBatchItems"
                BEGIN SELECT RAISE(ABORT, '{Refusal}: UPDATE refused'); END;
                """);
            m.Sql($"""
                CREATE TRIGGER "AuditBatchItems_NoDelete" BEFORE DELETE ON "AuditBatchItems"
                BEGIN SELECT RAISE(ABORT, '{Refusal}: DELETE refused'); END;
                """);
        }
    }

    protected override void Down(MigrationBuilder m)
    {
        m.DropTable("AuditBatchItems");
        if (m.ActiveProvider == "Npgsql.EntityFrameworkCore.PostgreSQL")
            m.Sql("DROP FUNCTION portal_audit_batch_items_append_only();");
    }
}
