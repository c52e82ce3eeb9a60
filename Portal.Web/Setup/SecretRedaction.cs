using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Portal.Web.Setup;

/// <summary>
/// Keeps pay-link tokens, API keys, webhook secrets and full IBANs out of every log, whatever the log levels
/// (ACCEPTANCE 19).
/// Sits in front of the logger factory, so every provider — console, files, a test's capture — gets the redacted
/// text, and structured values too. Raising request logging to Information shows "/p/***", never a token.
/// </summary>
public static partial class SecretRedaction
{
    public static IServiceCollection AddSecretRedaction(this IServiceCollection services)
    {
        services.Replace(ServiceDescriptor.Singleton<ILoggerFactory>(sp => new RedactingLoggerFactory(ActivatorUtilities.CreateInstance<LoggerFactory>(sp))));
        return services;
    }

    /// <summary>
    /// The text with every secret replaced by its kind and ***, and every valid IBAN cut to its country, check
    /// digits and last four characters ("NL91 *** 4300"), enough to tell accounts apart when reading a log.
    /// </summary>
    public static string Redact(string text)
    {
        if (text.Contains("/p/", StringComparison.Ordinal) || text.Contains("pk_", StringComparison.Ordinal)
            || text.Contains("whsec_", StringComparison.Ordinal) || text.Contains("Bearer", StringComparison.OrdinalIgnoreCase))
            text = Secrets().Replace(text, m => m.Groups["kind"].Value + "***");
        return Ibans().Replace(text, m =>
        {
            var iban = Portal.Domain.Payments.Iban.Normalise(m.Value);
            return Portal.Domain.Payments.Iban.IsValid(iban) ? $"{iban[..4]} *** {iban[^4..]}" : m.Value;
        });
    }

    [GeneratedRegex(@"(?<kind>/p/|pk_|whsec_|Bearer\s+)[A-Za-z0-9_\-+/=]{8,}", RegexOptions.IgnoreCase)]
    private static partial Regex Secrets();

    [GeneratedRegex(@"\b[A-Z]{2}[0-9]{2}(?: ?[A-Z0-9]){11,30}\b")]
    private static partial Regex Ibans();

    private sealed class RedactingLoggerFactory(ILoggerFactory inner) : ILoggerFactory
    {
        public ILogger CreateLogger(string categoryName) => new RedactingLogger(inner.CreateLogger(categoryName));

        public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

        public void Dispose() => inner.Dispose();
    }

    private sealed class RedactingLogger(ILogger inner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!inner.IsEnabled(logLevel)) return;
            var message = formatter(state, exception);
            var redacted = Redact(message);
            var values = state as IReadOnlyList<KeyValuePair<string, object?>>;
            var valuesLeak = values?.Any(v => v.Value is string s && Redact(s) != s) == true;
            if (redacted == message && !valuesLeak)
            {
                inner.Log(logLevel, eventId, state, exception, formatter);
                return;
            }
            var safe = (values ?? []).Select(v => new KeyValuePair<string, object?>(v.Key, v.Value is string s ? Redact(s) : v.Value)).ToList();
            inner.Log(logLevel, eventId, new RedactedState(safe, redacted), exception, static (s, _) => s.Message);
        }
    }

    /// <summary>Structured values for providers that write fields, and the message for those that write text.</summary>
    private sealed class RedactedState(IReadOnlyList<KeyValuePair<string, object?>> values, string message) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        public string Message => message;
        public KeyValuePair<string, object?> this[int index] => values[index];
        public int Count => values.Count;
        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => values.GetEnumerator();
        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
        public override string ToString() => message;
    }
}
