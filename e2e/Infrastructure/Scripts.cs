using System.Collections.Concurrent;

namespace Portal.E2E.Infrastructure;

/// <summary>The JavaScript in <c>e2e/Scripts</c>, embedded in the test assembly.</summary>
public static class Scripts
{
    private static readonly ConcurrentDictionary<string, string> Loaded = new();

    public static string Get(string fileName) => Loaded.GetOrAdd(fileName, name =>
    {
        using var stream = typeof(Scripts).Assembly.GetManifestResourceStream("Scripts." + name)
                           ?? throw new InvalidOperationException($"There is no embedded script {name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });
}
