using System.Text.Json;
using Microsoft.Playwright;

namespace Portal.E2E.Infrastructure;

/// <summary>Puts <c>Scripts/speech-stub.js</c> in every page of a browser context, before the page's own scripts run.</summary>
public static class SpeechStub
{
    /// <summary>A Dutch and an English voice, as a Dutch computer has.</summary>
    public static readonly (string Lang, string Name)[] DutchAndEnglish = [("nl-NL", "Dutch"), ("en-GB", "English")];

    /// <summary>Speech with these voices; each utterance ends <paramref name="delayMs"/> after it starts.</summary>
    public static Task InstallAsync(IBrowserContext context, IEnumerable<(string Lang, string Name)> voices, int delayMs = 0)
    {
        var config = new { voices = voices.Select(v => new { lang = v.Lang, name = v.Name }), delay = delayMs };
        return context.AddInitScriptAsync($"window.__speechConfig = {JsonSerializer.Serialize(config)};\n{Scripts.Get("speech-stub.js")}");
    }

    /// <summary>A browser without speech synthesis at all.</summary>
    public static Task RemoveAsync(IBrowserContext context) =>
        context.AddInitScriptAsync("window.__speechConfig = { absent: true };\n" + Scripts.Get("speech-stub.js"));

    public sealed class Spoken
    {
        public string Text { get; set; } = "";
        public string Lang { get; set; } = "";
        public string? Voice { get; set; }
    }

    public static Task<Spoken[]> SpokenAsync(IPage page) => page.EvaluateAsync<Spoken[]>("() => window.__spoken");

    public static Task<string[]> CallsAsync(IPage page) => page.EvaluateAsync<string[]>("() => window.__calls");
}
