using System.Diagnostics;
using System.Text;

namespace Portal.E2E.Infrastructure;

/// <summary>
/// Reads a PDF back with poppler-utils (Debian: poppler-utils), which shares no code with PDFsharp: its text with
/// pdftotext, its first page as a PNG with pdftoppm. Missing, its tests are skipped, except under CI.
/// </summary>
public static class Poppler
{
    public static bool Installed { get; } = OnPath("pdftotext") && OnPath("pdftoppm");

    public const string MissingMessage = "pdftotext and pdftoppm were not found on the PATH. Install poppler-utils.";

    public static async Task<string> TextAsync(byte[] pdf) =>
        Encoding.UTF8.GetString(await RunAsync(pdf, "pdftotext", ["-layout", "{in}", "-"]));

    /// <summary>The first page at 150 dpi, enough for a QR code of 3 cm to be read.</summary>
    public static Task<byte[]> FirstPagePngAsync(byte[] pdf) => RunAsync(pdf, "pdftoppm", ["-r", "150", "-png", "-f", "1", "-l", "1", "-singlefile", "{in}"]);

    private static async Task<byte[]> RunAsync(byte[] pdf, string program, string[] arguments)
    {
        if (!Installed) throw new InvalidOperationException(MissingMessage);
        var file = Path.Combine(Path.GetTempPath(), $"portal-e2e-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(file, pdf);
        try
        {
            var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in arguments) start.ArgumentList.Add(argument == "{in}" ? file : argument);
            using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
            using var output = new MemoryStream();
            var copy = process.StandardOutput.BaseStream.CopyToAsync(output);
            var errors = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await process.WaitForExitAsync(timeout.Token);
            await copy;
            if (process.ExitCode != 0) throw new InvalidOperationException($"{program} failed (exit {process.ExitCode}): {await errors}");
            return output.ToArray();
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static bool OnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(directory => File.Exists(Path.Combine(directory, name)));
}
