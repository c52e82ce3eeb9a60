using Portal.Domain.Messages;
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;
using Scriban.Syntax;

namespace Portal.Infrastructure.Messages;

/// <summary>
/// Renders Scriban templates in a sandbox: no built-in functions (so no <c>include</c>, no file or object access), only
/// the variables of <see cref="MessageModel"/>, an unknown name is an error, and loops, output and time are limited.
/// </summary>
public static class TemplateRenderer
{
    private static readonly TimeSpan TimeLimit = TimeSpan.FromSeconds(1);

    /// <summary>A template that does not parse or does not render, with where: "line 3, column 5: …".</summary>
    public sealed record TemplateError(string Part, string Message);

    public static IReadOnlyList<TemplateError> Check(MessageTexts texts, MessageModel sample)
    {
        var errors = new List<TemplateError>();
        Try("subject", texts.Subject, htmlEncode: false);
        Try("text", texts.Text, htmlEncode: false);
        Try("html", texts.Html, htmlEncode: true);
        return errors;

        void Try(string part, string? source, bool htmlEncode)
        {
            if (source is null) return;
            var (_, error) = RenderPart(source, sample, htmlEncode);
            if (error is not null) errors.Add(new TemplateError(part, error));
        }
    }

    /// <summary>Renders a checked template; throws when it no longer renders, which only a bug can cause.</summary>
    public static string Render(string source, MessageModel model, bool htmlEncode)
    {
        var (text, error) = RenderPart(source, model, htmlEncode);
        return error is null ? text! : throw new InvalidOperationException("A stored template failed to render: " + error);
    }

    // Parsed templates by their text: a batch of 10,000 messages renders the same few templates 10,000 times. The
    // number of texts is small (defaults plus the organisations' own), and a changed text is simply a new key.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Template> Parsed = new(StringComparer.Ordinal);
    private const int MaxParsed = 2_000;

    private static Template Parse(string source)
    {
        if (Parsed.TryGetValue(source, out var known)) return known;
        var template = Template.Parse(source);
        if (Parsed.Count >= MaxParsed) Parsed.Clear();
        return template.HasErrors ? template : Parsed.GetOrAdd(source, template);
    }

    private static (string? Text, string? Error) RenderPart(string source, MessageModel model, bool htmlEncode)
    {
        var template = Parse(source);
        if (template.HasErrors)
            return (null, Describe(template.Messages.First(m => m.Type == ParserMessageType.Error)));
        using var timeout = new CancellationTokenSource(TimeLimit);
        var context = new TemplateContext(new ScriptObject())
        {
            StrictVariables = true,
            EnableRelaxedMemberAccess = false,
            LoopLimit = 200,
            RecursiveLimit = 20,
            ObjectRecursionLimit = 20,
            LimitToString = 10_000,
            OutputLimit = 50_000,
            TemplateLoader = null,
            MemberFilter = _ => false,
            CancellationToken = timeout.Token,
            NewLine = "\n",
        };
        context.PushGlobal(model.ToScriptObject(htmlEncode));
        try
        {
            return (template.Render(context), null);
        }
        catch (ScriptRuntimeException e)
        {
            return (null, $"line {e.Span.Start.Line + 1}, column {e.Span.Start.Column + 1}: {e.OriginalMessage}");
        }
        catch (OperationCanceledException)
        {
            return (null, $"the template took longer than {TimeLimit.TotalSeconds:0} second to render.");
        }
    }

    private static string Describe(LogMessage message) =>
        $"line {message.Span.Start.Line + 1}, column {message.Span.Start.Column + 1}: {message.Message}";
}
