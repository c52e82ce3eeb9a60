using System.Resources;

// The .resx files without a culture suffix hold the Dutch texts.
[assembly: NeutralResourcesLanguage("nl")]
