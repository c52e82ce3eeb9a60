using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Portal.Infrastructure.Database.Migrations;

/// <summary>
/// Makes the audit trail append-only in the database itself: UPDATE and DELETE (and TRUNCATE on PostgreSQL) on
/// AuditRecords fail, whoever sends them. The hash chain shows a changed record; the triggers stop the change, and
/// also the removal of the newest records, which a chain cannot show.
/// </summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261201400000_AuditAppendOnly")]
public class AuditAppendOnly : Migration
{
    public const string Refusal = "AuditRecords is append-only";

    protected override void Up(MigrationBuilder m)
    {
        if (IsPostgres(m))
        {
            m.Sql($"""
                CREATE FUNCTION portal_audit_records_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION '{Refusal}: % refused', TG_OP;
                END
                $$;
                """);
            m.Sql("""
                CREATE TRIGGER "AuditRecords_AppendOnly" BEFORE UPDATE OR DELETE OR TRUNCATE ON "AuditRecords"
                    FOR EACH STATEMENT EXECUTE FUNCTION portal_audit_records_append_only();
                """);
        }
        else
        {
            m.Sql($"""
                CREATE TRIGGER "AuditRecords_NoUpdate" BEFORE UPDATE ON "AuditRecords"
                BEGIN SELECT RAISE(ABORT, '{Refusal}: UPDATE refused'); END;
                """);
            m.Sql($"""
                CREATE TRIGGER "AuditRecords_NoDelete" BEFORE DELETE ON "AuditRecords"
                BEGIN SELECT RAISE(ABORT, '{Refusal}: DELETE refused'); END;
                """);
        }
    }

    protected override void Down(MigrationBuilder m)
    {
        if (IsPostgres(m))
        {
            m.Sql("""DROP TRIGGER "AuditRecords_AppendOnly" ON "AuditRecords";""");
            m.Sql("DROP FUNCTION portal_audit_records_append_only();");
        }
        else
        {
            m.Sql("""DROP TRIGGER "AuditRecords_NoUpdate";""");
            m.Sql("""DROP TRIGGER "AuditRecords_NoDelete";""");
        }
    }

    private static bool IsPostgres(MigrationBuilder m) => m.ActiveProvider == "Npgsql.EntityFrameworkCore.PostgreSQL";
}
