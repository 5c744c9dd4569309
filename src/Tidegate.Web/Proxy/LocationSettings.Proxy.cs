using Tidegate.Web.Proxy;

namespace Tidegate.Web.Hosting;

/// <summary>The proxy module's per-location settings (inherited http → server → location).</summary>
public sealed partial class LocationSettings
{
    public ProxySettings Proxy { get; set; } = new();
}
