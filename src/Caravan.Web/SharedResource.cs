namespace Caravan.Web;

/// <summary>Marker for the one set of UI strings: Resources/SharedResource.*.resx.</summary>
public sealed class SharedResource;
