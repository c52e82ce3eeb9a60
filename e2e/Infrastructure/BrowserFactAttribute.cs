namespace Portal.E2E.Infrastructure;

/// <summary>A test that needs Chromium: skipped when there is none, except under CI, where it then fails.</summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (Chromium.Path is null && !Chromium.Required) Skip = Chromium.MissingMessage;
    }
}
