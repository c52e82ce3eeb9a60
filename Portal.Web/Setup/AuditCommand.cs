using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Portal.Infrastructure.Audit;
using Portal.Infrastructure.Database;

namespace Portal.Web.Setup;

/// <summary>
/// <c>dotnet run --project Portal.Web -- audit verify</c>: checks every audit chain in the database the normal start
/// would use (same settings, environment variables and <c>--key=value</c> arguments), prints OK or the first broken
/// record per organisation, and exits 1 when a chain is broken, so a scheduler or an auditor can run it. It only
/// reads: a database that is missing or lacks migrations is refused (exit 2), because upgrading the schema under a
/// running older Portal is not a verifier's call.
/// </summary>
public static class AuditCommand
{
    public const int Intact = 0;
    public const int Broken = 1;
    public const int NotChecked = 2;

    public static async Task<int> RunAsync(string[] args, TextWriter output, CancellationToken ct = default)
    {
        if (args.Length < 2 || args[1] != "verify")
        {
            output.WriteLine("Usage: Portal.Web audit verify [--ConnectionStrings:Portal=…] [--Portal:Database:Provider=…]");
            return NotChecked;
        }
        await using var app = AdminCommands.BuildHost(args[2..]);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();

        var refusal = await AdminCommands.RefusalAsync(db, ct);
        if (refusal is not null)
        {
            output.WriteLine(refusal + " Nothing was checked.");
            return NotChecked;
        }

        var checks = await scope.ServiceProvider.GetRequiredService<AuditTrail>().VerifyAllAsync(ct);
        foreach (var check in checks) output.WriteLine($"{Name(check)}: {Verdict(check)}");
        var broken = checks.Count(c => !c.IsIntact);
        output.WriteLine(broken == 0
            ? $"OK: {checks.Count} chain(s), {checks.Sum(c => c.Records)} record(s), none changed."
            : $"BROKEN: {broken} of {checks.Count} chain(s) have a changed or missing record.");
        return broken == 0 ? Intact : Broken;
    }

    private static string Name(AuditTrail.ChainCheck check) => check.OrganisationId switch
    {
        null => "Records without organisation",
        var id => $"Organisation {id.Value.ToString(CultureInfo.InvariantCulture)}" + (check.OrganisationName is { } name ? $" \"{name}\"" : " (no longer in Organisations)"),
    };

    private static string Verdict(AuditTrail.ChainCheck check) => check switch
    {
        { FirstBroken: { } record } => $"BROKEN at audit record {Describe(record)}: "
            + "its content or its link to the record before it was changed, or a record before it was removed",
        { BrokenBatch: { } batch } => $"BROKEN at audit record {Describe(batch)}: "
            + "the items this batch created or changed were altered, added or removed since (they no longer give its digest)",
        { StrayItems: { } id } => $"BROKEN: batch items name audit record {id.ToString(CultureInfo.InvariantCulture)}, which is not a batch of this organisation",
        _ => $"OK ({check.Records} record(s))",
    };

    private static string Describe(Portal.Domain.Audit.AuditRecord record) =>
        $"{record.Id.ToString(CultureInfo.InvariantCulture)} "
        + $"({DateTime.SpecifyKind(record.OccurredAtUtc, DateTimeKind.Utc).ToString("O", CultureInfo.InvariantCulture)}, {record.Action} {record.ObjectType} {record.ObjectId})";
}
