using Tidegate.Web.Resolver;

namespace Tidegate.Web.Hosting;

/// <summary>The resolver module's per-level settings (inherited by inner levels, as nginx merges them).</summary>
public sealed partial class LocationSettings
{
    /// <summary>The <c>resolver</c> in effect here, or null (host names then cannot be resolved at run time).</summary>
    public ResolverSettings? Resolver { get; set; }
    /// <summary><c>resolver_timeout</c> in milliseconds (nginx's default: 30s).</summary>
    public long ResolverTimeoutMs { get; set; } = 30_000;
}
