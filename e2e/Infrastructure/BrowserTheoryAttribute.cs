namespace Portal.E2E.Infrastructure;

/// <summary>A data-driven test that needs Chromium: skipped when there is none, except under CI, where it then fails.</summary>
public sealed class BrowserTheoryAttribute : TheoryAttribute
{
    public BrowserTheoryAttribute()
    {
        if (Chromium.Path is null && !Chromium.Required) Skip = Chromium.MissingMessage;
    }
}
