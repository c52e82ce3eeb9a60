using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Portal.Infrastructure.Database.Migrations;

/// <summary>Letter codes: a short code on a pay link for people without the link, and the tries per address at /code.</summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261207100001_LetterCodes")]
public class LetterCodes : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.AddColumn<byte[]>("LetterCodeHash", "PayLinks", maxLength: 32, nullable: true);
        m.AddColumn<int>("LetterCodeTries", "PayLinks", nullable: false, defaultValue: 0);
        m.CreateIndex("IX_PayLinks_LetterCodeHash", "PayLinks", "LetterCodeHash", unique: true);

        m.CreateTable("LetterCodeAttempts", t => new
        {
            Id = Initial.Identity(t),
            ClientKey = t.Column<string>(maxLength: 64),
            AttemptedAtUtc = t.Column<DateTime>(),
        }, constraints: c => c.PrimaryKey("PK_LetterCodeAttempts", x => x.Id));
        m.CreateIndex("IX_LetterCodeAttempts_ClientKey_AttemptedAtUtc", "LetterCodeAttempts", ["ClientKey", "AttemptedAtUtc"]);
        m.CreateIndex("IX_LetterCodeAttempts_AttemptedAtUtc", "LetterCodeAttempts", "AttemptedAtUtc");
    }

    protected override void Down(MigrationBuilder m)
    {
        m.DropTable("LetterCodeAttempts");
        m.DropIndex("IX_PayLinks_LetterCodeHash", "PayLinks");
        m.DropColumn("LetterCodeTries", "PayLinks");
        m.DropColumn("LetterCodeHash", "PayLinks");
    }
}
