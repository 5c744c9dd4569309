using System.Net;
using System.Net.Sockets;
using Tidegate.Web.Config;
using Tidegate.Web.Hosting;

namespace Tidegate.Web.Resolver;

/// <summary>
/// <c>resolver ADDRESS[:PORT] ... [valid=TIME] [ipv6=on|off]</c> and <c>resolver_timeout TIME</c>,
/// with nginx's messages. Server names in the directive are resolved once, at start-up, by the
/// system resolver (as nginx's ngx_parse_url does).
/// </summary>
public sealed class ResolverConfigModule : IConfigModule
{
    public bool TryApply(ConfigDirective d, LocationSettings? settings, ConfigLevel level, ConfigCompiler compiler)
    {
        switch (d.Name)
        {
            case "resolver":
                settings!.Resolver = Parse(d);
                return true;
            case "resolver_timeout":
                settings!.ResolverTimeoutMs = (long)ConfigValues.ParseTime(d, 0).TotalMilliseconds;
                return true;
        }
        return false;
    }

    public void Complete(ServerConfiguration config, ConfigCompiler compiler) { }

    private static ResolverSettings Parse(ConfigDirective d)
    {
        var servers = new List<IPEndPoint>();
        int? valid = null;
        bool ipv6 = true;
        foreach (string arg in d.Arguments)
        {
            if (arg.StartsWith("valid=", StringComparison.Ordinal))
            {
                if (!ConfigValues.TryParseTimeMs(arg[6..], out long ms)) throw ConfigException.At("invalid parameter: " + arg, d);
                valid = (int)Math.Min(ms / 1000, int.MaxValue);
                continue;
            }
            if (arg.StartsWith("ipv6=", StringComparison.Ordinal))
            {
                ipv6 = arg[5..] switch
                {
                    "on" => true,
                    "off" => false,
                    _ => throw ConfigException.At("invalid parameter: " + arg, d),
                };
                continue;
            }
            servers.AddRange(Servers(arg, d));
        }
        if (servers.Count == 0) throw ConfigException.At("no name servers defined", d);
        return new ResolverSettings(servers, valid, ipv6);
    }

    /// <summary>The addresses one server argument stands for (port 53 unless given).</summary>
    private static IEnumerable<IPEndPoint> Servers(string text, ConfigDirective d)
    {
        if (text.StartsWith("unix:", StringComparison.OrdinalIgnoreCase))
            throw ConfigException.At($"unix domain socket resolvers are not supported by tidegate: \"{text}\"", d);
        var target = HostPort.Parse(text, 53);
        if (target.Error is { } error)
            throw ConfigException.At(error == "invalid port" ? $"invalid port in resolver \"{text}\"" : $"{error} in resolver \"{text}\"", d);
        if (target.Address is { } literal) return new[] { new IPEndPoint(literal, target.Port) };
        IPAddress[] addresses;
        try { addresses = Dns.GetHostAddresses(target.Host); }
        catch (SocketException) { addresses = Array.Empty<IPAddress>(); }
        if (addresses.Length == 0) throw ConfigException.At($"host not found in resolver \"{text}\"", d);
        return addresses.Select(a => new IPEndPoint(a, target.Port));
    }
}
