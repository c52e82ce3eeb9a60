using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Console;
using Portal.Infrastructure;
using Portal.Infrastructure.Database;
using Portal.Web.ApiKeys;
using Portal.Web.Organisations;

namespace Portal.Web.Setup;

/// <summary>
/// The host's commands, run instead of the web host: <c>dotnet run --project Portal.Web -- audit verify</c>,
/// <c>organisations create|list</c>, <c>api-keys create</c>. Each works on the database the web host would use
/// (appsettings, environment variables, <c>--Portal:Database:Provider=…</c>-style arguments) and exits 0 when done.
/// </summary>
public static class AdminCommands
{
    public const int Done = 0;
    /// <summary>The arguments were fine, but it could not be done (no such organisation, no database).</summary>
    public const int Failed = 1;
    public const int BadArguments = 2;

    private static readonly Dictionary<string, Func<string[], TextWriter, CancellationToken, Task<int>>> Commands = new(StringComparer.Ordinal)
    {
        ["audit"] = AuditCommand.RunAsync,
        [OrganisationsCommand.Name] = OrganisationsCommand.RunAsync,
        [ApiKeysCommand.Name] = ApiKeysCommand.RunAsync,
    };

    public static bool Matches(string[] args) => args.Length > 0 && Commands.ContainsKey(args[0]);

    public static Task<int> RunAsync(string[] args, TextWriter output, CancellationToken ct = default) => Commands[args[0]](args, output, ct);

    /// <summary>
    /// Runs a command's work on the host; a wrong provider or connection string, or a database that is down, is
    /// said in one line (exit 1) instead of a stack trace.
    /// </summary>
    public static async Task<int> OnHostAsync(string[] configuration, TextWriter output, Func<IServiceProvider, Task<int>> work)
    {
        try
        {
            await using var app = BuildHost(configuration);
            await using var scope = app.Services.CreateAsyncScope();
            return await work(scope.ServiceProvider);
        }
        catch (Exception e) when (e is DbException or InvalidOperationException)
        {
            output.WriteLine($"Failed: {e.Message}");
            return Failed;
        }
    }

    /// <summary>
    /// The services the web host would have, from the same settings, without starting it (so no job runs). Log lines
    /// go to standard error, so standard output holds only what the command prints.
    /// </summary>
    public static WebApplication BuildHost(string[] configuration)
    {
        var builder = WebApplication.CreateBuilder(configuration);
        builder.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);
        builder.Services.AddPortalInfrastructure(builder.Configuration, builder.Environment);
        return builder.Build();
    }

    /// <summary>Why a command that only reads cannot use the database, or null when it can.</summary>
    public static async Task<string?> RefusalAsync(PortalDbContext db, CancellationToken ct)
    {
        if (!await db.Database.CanConnectAsync(ct))
            return $"Cannot open the Portal database ({db.Database.ProviderName}): check ConnectionStrings:Portal, or start Portal once to create it.";
        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        return pending.Count == 0
            ? null
            : $"The database lacks {pending.Count} migration(s) ({string.Join(", ", pending)}). Start Portal once to apply them; this command does not change the database.";
    }

    /// <summary>Who the audit trail names for a change made from the command line.</summary>
    public static string Actor() => "command:" + (Environment.UserName is { Length: > 0 } user ? user[..Math.Min(user.Length, 100)] : "unknown");
}
