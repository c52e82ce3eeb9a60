using System.Globalization;
using Portal.Domain.Language;
using Portal.Domain.Organisations;
using Portal.Infrastructure.Database;
using Portal.Infrastructure.Organisations;
using Portal.Web.Setup;

namespace Portal.Web.Organisations;

/// <summary>
/// <c>organisations create</c> makes a real organisation and prints its id and first API key, once; from then on it
/// keeps itself through the API. <c>organisations list</c> shows them all. Without this only the demo seeder could
/// make an organisation.
/// </summary>
public static class OrganisationsCommand
{
    public const string Name = "organisations";
    public const string FirstKeyName = "first key";

    private const string DefaultColour = "#1F4E79";

    /// <summary>Option names and the JSON fields of the API they stand for, so an error names what the person typed.</summary>
    private static readonly Dictionary<string, string> Options = new(StringComparer.Ordinal)
    {
        ["name"] = "name",
        ["iban"] = "iban",
        ["account-holder"] = "accountHolder",
        ["phone"] = "phone",
        ["brand-colour"] = "brandColour",
        ["languages"] = "languages",
        ["sender-name"] = "senderName",
    };

    public static readonly string Usage = $"""
        Usage:
          Portal.Web organisations create --name "…" --iban … --account-holder "…" --phone "…"
                                          [--brand-colour "#RRGGBB"] [--languages nl,en,…] [--sender-name "…"]
          Portal.Web organisations list
        --brand-colour defaults to {DefaultColour} (quote it: a shell reads # as a comment); --languages are one or more of
        {string.Join(", ", SupportedLanguages.Codes)}, the first being the default (all of them when left out).
        Add --ConnectionStrings:Portal=… and --Portal:Database:Provider=Sqlite|Postgres to use another database than
        the settings name. create applies any missing migrations first.
        """;

    public static Task<int> RunAsync(string[] args, TextWriter output, CancellationToken ct = default) =>
        args.Length > 1 ? args[1] switch
        {
            "create" => CreateAsync(args[2..], output, ct),
            "list" => ListAsync(args[2..], output, ct),
            _ => Refuse(output, $"Unknown command 'organisations {args[1]}'."),
        } : Refuse(output, "Say what to do: create or list.");

    private static async Task<int> CreateAsync(string[] args, TextWriter output, CancellationToken ct)
    {
        var parsed = CommandArguments.Parse(args, Options.Keys);
        if (parsed.Errors.Count > 0) return await Refuse(output, parsed.Errors);
        var colour = parsed["brand-colour"] ?? DefaultColour;
        if (colour.Length == 6 && !colour.StartsWith('#')) colour = "#" + colour; // the shell ate the quotes' purpose
        var languages = (parsed["languages"] ?? string.Join(',', SupportedLanguages.Codes)).Split(',', StringSplitOptions.TrimEntries);
        var (profile, errors) = OrganisationProfile.From(parsed["name"], colour, parsed["phone"], parsed["iban"], parsed["account-holder"],
            languages, parsed["sender-name"]);
        if (profile is null)
            return await Refuse(output, errors.Select(e => $"--{Options.First(o => o.Value == e.Field).Key}: {e.Message}"));

        return await AdminCommands.OnHostAsync(parsed.Configuration, output, async services =>
        {
            await PortalDatabase.MigrateAsync(services, ct);
            var created = await services.GetRequiredService<OrganisationService>().CreateAsync(profile, FirstKeyName, AdminCommands.Actor(), ct);
            output.WriteLine($"Created organisation \"{profile.Name}\".");
            output.WriteLine($"Organisation id: {created.OrganisationId.ToString(CultureInfo.InvariantCulture)}");
            output.WriteLine($"API key: {created.ApiKey}");
            output.WriteLine("The key is shown only now: store it in your ERP's secrets. Then set the logo and more through the API");
            output.WriteLine("(PUT /api/v1/organisation, PUT /api/v1/organisation/logo), and rotate keys at /api/v1/api-keys.");
            return AdminCommands.Done;
        });
    }

    private static async Task<int> ListAsync(string[] args, TextWriter output, CancellationToken ct)
    {
        var parsed = CommandArguments.Parse(args, []);
        return await AdminCommands.OnHostAsync(parsed.Configuration, output, async services =>
        {
            var refusal = await AdminCommands.RefusalAsync(services.GetRequiredService<PortalDbContext>(), ct);
            if (refusal is not null)
            {
                output.WriteLine(refusal);
                return AdminCommands.Failed;
            }
            var organisations = await services.GetRequiredService<OrganisationService>().ListAsync(ct);
            if (organisations.Count == 0) output.WriteLine("No organisations yet. Make one with 'organisations create'.");
            foreach (var o in organisations)
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{o.Id,6}  {o.Name}  (created {DateTime.SpecifyKind(o.CreatedAtUtc, DateTimeKind.Utc):yyyy-MM-dd HH:mm} UTC, {o.ActiveKeys} active API key(s))"));
            return AdminCommands.Done;
        });
    }

    private static Task<int> Refuse(TextWriter output, string error) => Refuse(output, [error]);

    private static Task<int> Refuse(TextWriter output, IEnumerable<string> errors)
    {
        foreach (var error in errors) output.WriteLine(error);
        output.WriteLine();
        output.WriteLine(Usage);
        return Task.FromResult(AdminCommands.BadArguments);
    }
}
