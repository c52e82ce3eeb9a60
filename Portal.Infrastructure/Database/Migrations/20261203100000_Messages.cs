using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Portal.Infrastructure.Database.Migrations;

/// <summary>The message outbox with its send log, the organisations' own templates, and the customer's preferred channel.</summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261203100000_Messages")]
public class Messages : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.AddColumn<string>("PreferredChannel", "Customers", maxLength: 10, nullable: true);

        m.CreateTable("Messages", t => new
        {
            Id = Initial.Identity(t),
            OrganisationId = t.Column<long>(),
            CustomerId = t.Column<long>(),
            Kind = t.Column<string>(maxLength: 40),
            Channel = t.Column<string>(maxLength: 10),
            Language = t.Column<string>(maxLength: 8),
            Recipient = t.Column<string>(maxLength: 320),
            ProtectedContent = t.Column<string>(),
            PayLinkId = t.Column<Guid>(nullable: true),
            CauseKey = t.Column<string>(maxLength: 100, nullable: true),
            Status = t.Column<string>(maxLength: 10),
            Attempts = t.Column<int>(),
            CreatedAtUtc = t.Column<DateTime>(),
            NextAttemptAtUtc = t.Column<DateTime>(nullable: true),
            SentAtUtc = t.Column<DateTime>(nullable: true),
            FailedAtUtc = t.Column<DateTime>(nullable: true),
            Failure = t.Column<string>(maxLength: 300, nullable: true),
            Bounced = t.Column<bool>(),
        }, constraints: c =>
        {
            c.PrimaryKey("PK_Messages", x => x.Id);
            c.ForeignKey("FK_Messages_Organisations_OrganisationId", x => x.OrganisationId, "Organisations", "Id", onDelete: ReferentialAction.Cascade);
            c.ForeignKey("FK_Messages_Customers_CustomerId", x => x.CustomerId, "Customers", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_Messages_NextAttemptAtUtc", "Messages", "NextAttemptAtUtc");
        m.CreateIndex("IX_Messages_OrganisationId_CustomerId_CreatedAtUtc", "Messages", ["OrganisationId", "CustomerId", "CreatedAtUtc"]);
        m.CreateIndex("IX_Messages_OrganisationId_CauseKey", "Messages", ["OrganisationId", "CauseKey"], unique: true);
        m.CreateIndex("IX_Messages_CustomerId", "Messages", "CustomerId");

        m.CreateTable("MessageAttempts", t => new
        {
            Id = Initial.Identity(t),
            MessageId = t.Column<long>(),
            Number = t.Column<int>(),
            StartedAtUtc = t.Column<DateTime>(),
            FinishedAtUtc = t.Column<DateTime>(nullable: true),
            Result = t.Column<string>(maxLength: 300, nullable: true),
        }, constraints: c =>
        {
            c.PrimaryKey("PK_MessageAttempts", x => x.Id);
            c.ForeignKey("FK_MessageAttempts_Messages_MessageId", x => x.MessageId, "Messages", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_MessageAttempts_MessageId_Number", "MessageAttempts", ["MessageId", "Number"], unique: true);

        m.CreateTable("MessageTemplates", t => new
        {
            Id = Initial.Identity(t),
            OrganisationId = t.Column<long>(),
            Kind = t.Column<string>(maxLength: 40),
            Channel = t.Column<string>(maxLength: 10),
            Language = t.Column<string>(maxLength: 8),
            Subject = t.Column<string>(maxLength: 500, nullable: true),
            Text = t.Column<string>(),
            Html = t.Column<string>(nullable: true),
            UpdatedAtUtc = t.Column<DateTime>(),
        }, constraints: c =>
        {
            c.PrimaryKey("PK_MessageTemplates", x => x.Id);
            c.ForeignKey("FK_MessageTemplates_Organisations_OrganisationId", x => x.OrganisationId, "Organisations", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_MessageTemplates_OrganisationId_Kind_Channel_Language", "MessageTemplates", ["OrganisationId", "Kind", "Channel", "Language"], unique: true);
    }

    protected override void Down(MigrationBuilder m)
    {
        m.DropTable("MessageTemplates");
        m.DropTable("MessageAttempts");
        m.DropTable("Messages");
        m.DropColumn("PreferredChannel", "Customers");
    }
}
