namespace Portal.E2E.Infrastructure;

/// <summary>A test that reads a printed letter back (poppler-utils) and its QR codes (zbarimg): skipped when one is missing, except under CI.</summary>
public sealed class PrintedLetterFactAttribute : FactAttribute
{
    public PrintedLetterFactAttribute()
    {
        if (Chromium.Path is null && !Chromium.Required) Skip = Chromium.MissingMessage;
        else if (Zbar.Path is null && !Zbar.Required) Skip = Zbar.MissingMessage;
        else if (!Poppler.Installed && !Chromium.Required) Skip = Poppler.MissingMessage;
    }
}
