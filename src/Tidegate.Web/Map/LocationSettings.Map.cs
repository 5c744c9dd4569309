using Tidegate.Web.Map;

namespace Tidegate.Web.Hosting;

/// <summary>The http-level maps, by result variable name; one instance shared by every level (maps are global).</summary>
public sealed partial class LocationSettings
{
    public Dictionary<string, MapDefinition> Maps { get; set; } = new(StringComparer.Ordinal);
}
