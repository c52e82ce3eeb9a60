using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.ApiKeys;
using Portal.Infrastructure.ApiKeys;
using Portal.Infrastructure.Database;
using Portal.Web.Setup;

namespace Portal.Web.ApiKeys;

/// <summary>
/// <c>api-keys create --organisation &lt;id&gt;</c>: a new API key for an organisation, printed once. The way back in
/// when every key's secret is lost; otherwise an organisation rotates its keys through the API.
/// </summary>
public static class ApiKeysCommand
{
    public const string Name = "api-keys";
    private const string DefaultKeyName = "command line";

    public const string Usage = """
        Usage:
          Portal.Web api-keys create --organisation <id> [--name "…"]
        'organisations list' shows the ids. The key is printed once; Portal keeps only its hash.
        Add --ConnectionStrings:Portal=… and --Portal:Database:Provider=Sqlite|Postgres to use another database than
        the settings name. Missing migrations are applied first.
        """;

    public static Task<int> RunAsync(string[] args, TextWriter output, CancellationToken ct = default) =>
        args.Length > 1 && args[1] == "create"
            ? CreateAsync(args[2..], output, ct)
            : Refuse(output, args.Length > 1 ? $"Unknown command 'api-keys {args[1]}'." : "Say what to do: create.");

    private static async Task<int> CreateAsync(string[] args, TextWriter output, CancellationToken ct)
    {
        var parsed = CommandArguments.Parse(args, ["organisation", "name"]);
        if (parsed.Errors.Count > 0) return await Refuse(output, string.Join(Environment.NewLine, parsed.Errors));
        if (!long.TryParse(parsed["organisation"], NumberStyles.None, CultureInfo.InvariantCulture, out var organisationId) || organisationId <= 0)
            return await Refuse(output, "--organisation: required, the organisation's id (a whole number, as 'organisations list' shows).");
        var name = (parsed["name"] ?? DefaultKeyName).Trim();
        if (!ApiKey.IsValidName(name)) return await Refuse(output, $"--name: 1 to {ApiKey.MaxName} characters on one line.");

        return await AdminCommands.OnHostAsync(parsed.Configuration, output, async services =>
        {
            await PortalDatabase.MigrateAsync(services, ct);
            var db = services.GetRequiredService<PortalDbContext>();
            var organisation = await db.Organisations.AsNoTracking().Where(o => o.Id == organisationId).Select(o => o.Name).FirstOrDefaultAsync(ct);
            if (organisation is null)
            {
                output.WriteLine($"There is no organisation {organisationId.ToString(CultureInfo.InvariantCulture)}. 'organisations list' shows them.");
                return AdminCommands.Failed;
            }
            var created = await services.GetRequiredService<ApiKeyService>().CreateAsync(organisationId, name, AdminCommands.Actor(), ct);
            if (created is null)
            {
                output.WriteLine($"Organisation {organisationId.ToString(CultureInfo.InvariantCulture)} has {ApiKeyService.MaxActiveKeys} active API keys, the most there may be. Delete one through the API first.");
                return AdminCommands.Failed;
            }
            output.WriteLine($"New API key \"{name}\" for organisation {organisationId.ToString(CultureInfo.InvariantCulture)} \"{organisation}\".");
            output.WriteLine($"API key: {created.Secret}");
            output.WriteLine("The key is shown only now. Its other keys keep working until you delete them (DELETE /api/v1/api-keys/{id}).");
            return AdminCommands.Done;
        });
    }

    private static Task<int> Refuse(TextWriter output, string error)
    {
        output.WriteLine(error);
        output.WriteLine();
        output.WriteLine(Usage);
        return Task.FromResult(AdminCommands.BadArguments);
    }
}
