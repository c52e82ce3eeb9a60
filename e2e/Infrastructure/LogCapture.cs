using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Portal.E2E.Infrastructure;

/// <summary>
/// Keeps every line the app logs, with its category, message, exception and scope-free state, so a test can look
/// for secrets in it (ACCEPTANCE 19). The levels are the app's own, from its appsettings.json.
/// </summary>
public sealed class LogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyList<string> Lines => [.. _lines];

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            // The raw state too: a structured value can hold a secret that the message template leaves out.
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? string.Join("; ", pairs.Select(p => $"{p.Key}={p.Value}"))
                : state?.ToString();
            lines.Enqueue($"{logLevel} {category}[{eventId.Id}]: {formatter(state, exception)} | {values} {exception}");
        }
    }
}
