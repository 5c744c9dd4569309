using System.Net;

namespace Tidegate.Web.Resolver;

/// <summary>
/// One <c>resolver</c> directive: its name servers, <c>valid=</c> (overrides the records' TTL)
/// and <c>ipv6=</c> (also ask for AAAA records; on by default, as in nginx). Levels that inherit
/// the directive share this object, and with it (per worker) one cache, as nginx's levels share
/// one ngx_resolver_t.
/// </summary>
public sealed class ResolverSettings
{
    public ResolverSettings(IReadOnlyList<IPEndPoint> servers, int? validSeconds, bool ipv6)
    {
        Servers = servers;
        ValidSeconds = validSeconds;
        Ipv6 = ipv6;
    }

    public IReadOnlyList<IPEndPoint> Servers { get; }
    public int? ValidSeconds { get; }
    public bool Ipv6 { get; }
}
