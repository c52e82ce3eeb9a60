namespace Portal.Web;

/// <summary>Marker for the customer-facing texts in Resources/SharedResource*.resx (Dutch is the neutral language).</summary>
public sealed class SharedResource;
