using Tidegate.Web.Upstreams;

namespace Tidegate.Web.Hosting;

public sealed partial class ServerConfiguration
{
    /// <summary>The upstream blocks by name (proxy_pass with variables looks names up at request time).</summary>
    public Dictionary<string, UpstreamBlock> Upstreams { get; } = new(StringComparer.OrdinalIgnoreCase);
}
