using System.Diagnostics;
using System.Text;

namespace Portal.E2E.Infrastructure;

/// <summary>
/// Reads QR codes back with zbarimg (Debian: zbar-tools), a decoder that shares no code with the app's QR writer:
/// <c>PORTAL_ZBARIMG</c>, else <c>zbarimg</c> on the PATH. Missing, its tests are skipped, except under CI.
/// </summary>
public static class Zbar
{
    public const string PathVariable = "PORTAL_ZBARIMG";

    /// <summary>The program's path, or null when there is none.</summary>
    public static string? Path { get; } = Find();

    /// <summary>Under CI a missing zbarimg is a failure, not a skip, as a missing browser is.</summary>
    public static bool Required => Chromium.Required;

    public static string MissingMessage =>
        $"zbarimg was not found: {PathVariable} is not set and there is no zbarimg on the PATH. Install zbar-tools or set {PathVariable}.";

    /// <summary>The text of the one QR code in the PNG image, exactly as encoded.</summary>
    public static async Task<string> DecodeAsync(byte[] png)
    {
        // With --raw it writes each code's data followed by one line break of its own.
        var text = await RunAsync(png, "--raw");
        return text.EndsWith('\n') ? text[..^1] : text;
    }

    /// <summary>The text of every QR code in the image: as XML, so codes whose data holds line breaks (EPC) stay apart.</summary>
    public static async Task<IReadOnlyList<string>> DecodeAllAsync(byte[] png)
    {
        var xml = System.Xml.Linq.XDocument.Parse(await RunAsync(png, "--xml"));
        return [.. xml.Descendants().Where(e => e.Name.LocalName == "data").Select(e => e.Value)];
    }

    private static async Task<string> RunAsync(byte[] png, string format)
    {
        var program = Path ?? throw new InvalidOperationException(MissingMessage + (Required ? " CI=true, so this fails." : ""));
        var file = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"portal-e2e-qr-{Guid.NewGuid():N}.png");
        await File.WriteAllBytesAsync(file, png);
        try
        {
            var start = new ProcessStartInfo(program)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                StandardOutputEncoding = Encoding.UTF8,
            };
            foreach (var argument in (string[])[format, "-q", file]) start.ArgumentList.Add(argument);
            using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await process.WaitForExitAsync(timeout.Token);
            // zbarimg exits 4 when it found no code in the image.
            if (process.ExitCode != 0) throw new InvalidOperationException($"zbarimg found no QR code (exit {process.ExitCode}): {await errors}");
            return await output;
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static string? Find()
    {
        var configured = Environment.GetEnvironmentVariable(PathVariable);
        if (!string.IsNullOrWhiteSpace(configured)) return configured;
        return (Environment.GetEnvironmentVariable("PATH") ?? "").Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => System.IO.Path.Combine(directory, "zbarimg"))
            .FirstOrDefault(File.Exists);
    }
}
