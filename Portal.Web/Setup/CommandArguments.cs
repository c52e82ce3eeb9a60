namespace Portal.Web.Setup;

/// <summary>
/// A command's own options (<c>--name value</c> or <c>--name=value</c>), told apart from everything else, which
/// configures the host exactly as the web host's arguments do (<c>--Portal:Database:Provider=Postgres</c>,
/// <c>--ConnectionStrings:Portal=…</c>, <c>--environment</c>).
/// </summary>
public sealed class CommandArguments
{
    private readonly Dictionary<string, string> _options = new(StringComparer.Ordinal);

    private CommandArguments() { }

    public string[] Configuration { get; private set; } = [];
    public List<string> Errors { get; } = [];

    /// <param name="args">What follows the command and its verb.</param>
    /// <param name="known">The command's option names, without the leading dashes.</param>
    public static CommandArguments Parse(IReadOnlyList<string> args, IReadOnlyCollection<string> known)
    {
        var parsed = new CommandArguments();
        var configuration = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            var (name, value) = arg.StartsWith("--", StringComparison.Ordinal) && arg.IndexOf('=') is var equals and > 2
                ? (arg[2..equals], arg[(equals + 1)..])
                : (arg.StartsWith("--", StringComparison.Ordinal) ? arg[2..] : null, (string?)null);
            if (name is null || !known.Contains(name))
            {
                configuration.Add(arg);
                continue;
            }
            if (value is null)
            {
                if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    parsed.Errors.Add($"--{name} needs a value.");
                    continue;
                }
                value = args[++i];
            }
            if (!parsed._options.TryAdd(name, value)) parsed.Errors.Add($"--{name} is given twice.");
        }
        parsed.Configuration = [.. configuration];
        return parsed;
    }

    public string? this[string name] => _options.GetValueOrDefault(name);
}
