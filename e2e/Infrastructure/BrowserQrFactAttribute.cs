namespace Portal.E2E.Infrastructure;

/// <summary>
/// A test that needs Chromium and zbarimg to read a QR code back: skipped when either is missing, except under CI,
/// where it then fails.
/// </summary>
public sealed class BrowserQrFactAttribute : FactAttribute
{
    public BrowserQrFactAttribute()
    {
        if (Chromium.Path is null && !Chromium.Required) Skip = Chromium.MissingMessage;
        else if (Zbar.Path is null && !Zbar.Required) Skip = Zbar.MissingMessage;
    }
}
