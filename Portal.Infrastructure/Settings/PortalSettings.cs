using System.ComponentModel;
using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Portal.Infrastructure.Settings;

/// <summary>
/// The one way Portal reads a configuration section: bound to its options class, checked by the class itself
/// (<see cref="ICheckedOptions"/>) and again when the host starts. The checked instance it returns serves what
/// registration itself decides (the job store, this node's roles); everything else takes <c>IOptions&lt;T&gt;</c>.
/// A value that does not convert is refused with its key and what it takes, which the binder's own message leaves out.
/// </summary>
public static class PortalSettings
{
    public static TOptions AddPortalOptions<TOptions>(this IServiceCollection services, IConfiguration configuration, string section)
        where TOptions : class, ICheckedOptions, new()
    {
        services.AddOptions<TOptions>().Bind(configuration.GetSection(section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>, CheckedOptionsValidator<TOptions>>());
        return Read<TOptions>(configuration, section);
    }

    /// <summary>Binds and checks the section now; throws <see cref="OptionsValidationException"/> naming every wrong key.</summary>
    public static TOptions Read<TOptions>(IConfiguration configuration, string section) where TOptions : class, ICheckedOptions, new()
    {
        var problems = Unconvertible(configuration.GetSection(section), typeof(TOptions)).ToList();
        var options = new TOptions();
        if (problems.Count == 0)
        {
            configuration.GetSection(section).Bind(options);
            problems.AddRange(options.Problems());
        }
        if (problems.Count > 0) throw new OptionsValidationException(Options.DefaultName, typeof(TOptions), problems);
        return options;
    }

    private static IEnumerable<string> Unconvertible(IConfigurationSection section, Type type)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var child = section.GetSection(property.Name);
            var valueType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (valueType.IsClass && valueType != typeof(string) && valueType != typeof(Uri))
            {
                foreach (var problem in Unconvertible(child, valueType)) yield return problem;
            }
            else if (property.CanWrite && !string.IsNullOrEmpty(child.Value) && !Converts(valueType, child.Value))
            {
                yield return $"{child.Path} is '{child.Value}'; it must be {Describe(valueType)}.";
            }
        }
    }

    /// <summary>The binder converts with the type's converter in the invariant culture; so does this check.</summary>
    private static bool Converts(Type type, string value)
    {
        try
        {
            TypeDescriptor.GetConverter(type).ConvertFromInvariantString(value);
            return true;
        }
        catch (Exception e) when (e is FormatException or ArgumentException or NotSupportedException or OverflowException)
        {
            return false;
        }
    }

    private static string Describe(Type type) => type switch
    {
        _ when type == typeof(bool) => "true or false",
        _ when type == typeof(int) || type == typeof(long) => "a whole number",
        _ when type == typeof(double) || type == typeof(decimal) => "a number",
        _ when type == typeof(TimeSpan) => "a time span such as 00:02:00 (hours:minutes:seconds)",
        _ when type == typeof(Uri) => "a URL",
        _ => "a " + type.Name,
    };

    /// <summary>Whether a setting is an absolute http or https address without query or fragment, as a base for links.</summary>
    public static bool IsHttpBase(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Query.Length == 0 && uri.Fragment.Length == 0;
}
