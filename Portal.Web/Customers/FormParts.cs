namespace Portal.Web.Customers;

/// <summary>One line of a form's error summary: the message, linking to the input it is about.</summary>
public sealed record FormError(string InputId, string Message);

/// <summary>
/// One text field of a customer form, as the shared partial <c>_Field</c> draws it: a label, an optional hint, the
/// error when there is one, and an input (or textarea) that names both in aria-describedby and says aria-invalid.
/// Every form uses it, so every field behaves the same for a screen reader.
/// </summary>
/// <param name="Key">Starts the ids of the hint and the error (<c>{Key}-hint</c>, <c>{Key}-error</c>); the input's id when left out.</param>
public sealed record FormField(string Id, string Name, string Label, string? Value, string? Error = null, string? Hint = null, string? Key = null)
{
    /// <summary>A textarea instead of a one-line input.</summary>
    public bool Multiline { get; init; }
    public string Type { get; init; } = "text";
    public string InputClass { get; init; } = "input";
    public string? InputMode { get; init; }
    public string? Autocomplete { get; init; }
    public bool? Spellcheck { get; init; }
    /// <summary>Typing here chooses this radio option (site.js), for an amount that belongs to "pay part".</summary>
    public string? Chooses { get; init; }
    /// <summary>The element around the field; a form group by default.</summary>
    public string Container { get; init; } = "form-group";

    public string HintId => (Key ?? Id) + "-hint";
    public string ErrorId => (Key ?? Id) + "-error";

    public string ContainerClass => Error is null || Container != "form-group" ? Container : Container + " form-group--error";

    public string? DescribedBy =>
        string.Join(' ', new[] { Hint is null ? null : HintId, Error is null ? null : ErrorId }.OfType<string>()) is { Length: > 0 } ids ? ids : null;
}
