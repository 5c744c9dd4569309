using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Tidegate.Web.Config;
using Tidegate.Web.Hosting;

namespace Tidegate.Web.Upstreams;

/// <summary>
/// ngx_http_upstream_module's configuration: <c>upstream NAME { server ...; keepalive N;
/// keepalive_timeout; keepalive_requests; hash KEY [consistent]; ip_hash; least_conn; }</c>, with
/// nginx's messages, and the implicit upstreams proxy_pass makes for host:port targets.
/// </summary>
public sealed class UpstreamConfigModule : IConfigModule
{
    private readonly Dictionary<string, UpstreamBlock> blocks = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, UpstreamBlock> implicitBlocks = new(StringComparer.OrdinalIgnoreCase);

    public bool TryApply(ConfigDirective d, LocationSettings? settings, ConfigLevel level, ConfigCompiler compiler)
    {
        if (d.Name != "upstream" || level != ConfigLevel.Http) return false;
        string name = d.Arguments[0];
        if (blocks.ContainsKey(name)) throw ConfigException.At($"duplicate upstream \"{name}\"", d);
        var block = new UpstreamBlock(name) { Directive = d };
        bool balancerSet = false;
        foreach (var inner in d.Block!)
        {
            switch (inner.Name)
            {
                case "server": block.Servers.Add(ParseServer(inner, block)); break;
                case "keepalive":
                    if (!int.TryParse(inner.Arguments[0], NumberStyles.None, CultureInfo.InvariantCulture, out int n) || n <= 0)
                        throw ConfigException.At($"invalid value \"{inner.Arguments[0]}\" in \"keepalive\" directive", inner);
                    block.Keepalive = n;
                    break;
                case "keepalive_timeout": block.KeepaliveTimeout = ConfigValues.ParseTime(inner, 0); break;
                case "keepalive_requests":
                    if (!int.TryParse(inner.Arguments[0], NumberStyles.None, CultureInfo.InvariantCulture, out int r))
                        throw ConfigException.At("\"keepalive_requests\" directive invalid number", inner);
                    block.KeepaliveRequests = r;
                    break;
                case "hash":
                case "ip_hash":
                case "least_conn":
                    if (balancerSet) compiler.Warnings.Add((Logging.LogLevel.Warn, "load balancing method redefined" + inner.Where));
                    balancerSet = true;
                    SetBalancer(block, inner);
                    break;
                case "balancer_by_lua_block":
                case "balancer_by_lua_file":
                    if (block.BalancerLua is not null) throw ConfigException.At("load balancing method redefined", inner);
                    block.BalancerLua = Lua.LuaChunkSpec.FromDirective(inner, compiler.Prefix);
                    break;
                default:
                    throw ConfigException.At($"\"{inner.Name}\" directive is not supported by tidegate yet", inner);
            }
        }
        if (block.Servers.Count == 0) throw ConfigException.At("no servers are inside upstream", d);
        blocks[name] = block;
        return true;
    }

    private static void SetBalancer(UpstreamBlock block, ConfigDirective d)
    {
        switch (d.Name)
        {
            case "hash":
                block.HashKey = ConfigCompiler.Template(d, 0);
                if (d.Arguments.Count == 2 && d.Arguments[1] != "consistent") throw ConfigException.At($"invalid parameter \"{d.Arguments[1]}\"", d);
                block.Balancer = d.Arguments.Count == 2 ? BalancerKind.ConsistentHash : BalancerKind.Hash;
                break;
            case "ip_hash": block.Balancer = BalancerKind.IpHash; break;
            default: block.Balancer = BalancerKind.LeastConn; break;
        }
        // hash and ip_hash have no backup servers: a server marked backup before them is refused too.
        if (block.Balancer is BalancerKind.Hash or BalancerKind.ConsistentHash or BalancerKind.IpHash
            && block.Servers.FirstOrDefault(s => s.Backup) is not null)
            throw ConfigException.At($"no servers in upstream \"{block.Name}\"", d);
    }

    private static UpstreamServer ParseServer(ConfigDirective d, UpstreamBlock block)
    {
        var server = new UpstreamServer { Text = d.Arguments[0] };
        foreach (var parameter in d.Arguments.Skip(1))
        {
            int eq = parameter.IndexOf('=');
            string key = eq < 0 ? parameter : parameter[..eq];
            string value = eq < 0 ? "" : parameter[(eq + 1)..];
            bool ok = true;
            switch (key)
            {
                case "weight" when eq > 0:
                    ok = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int w) && w > 0;
                    server.Weight = w;
                    break;
                case "max_fails" when eq > 0:
                    ok = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int f);
                    server.MaxFails = f;
                    break;
                case "fail_timeout" when eq > 0:
                    ok = ConfigValues.TryParseTimeMs(value, out long ms);
                    server.FailTimeoutSeconds = ms / 1000;
                    break;
                case "max_conns" when eq > 0:
                    throw ConfigException.At("the \"max_conns\" parameter of \"server\" is not supported by tidegate yet", d);
                case "backup" when eq < 0:
                    if (block.Balancer is BalancerKind.Hash or BalancerKind.ConsistentHash or BalancerKind.IpHash)
                        throw ConfigException.At($"balancing method does not support parameter \"{parameter}\"", d);
                    server.Backup = true;
                    break;
                case "down" when eq < 0: server.Down = true; break;
                default: ok = false; break;
            }
            if (!ok) throw ConfigException.At($"invalid parameter \"{parameter}\"", d);
        }
        return server;
    }

    /// <summary>
    /// The upstream proxy_pass names: an upstream block (a name without a port), else an implicit
    /// one-server upstream for host[:port] shared by every proxy_pass naming the same address.
    /// </summary>
    public UpstreamBlock Resolve(string hostAndPort, bool hasPort, ConfigDirective d)
    {
        if (!hasPort && blocks.TryGetValue(hostAndPort, out var block)) return block;
        if (implicitBlocks.TryGetValue(hostAndPort, out var known)) return known;
        var server = new UpstreamServer { Text = hostAndPort };
        var implicit_ = new UpstreamBlock(hostAndPort) { Implicit = true, Directive = d };
        implicit_.Servers.Add(server);
        implicit_.Primary.AddRange(Addresses(server, d));
        implicitBlocks[hostAndPort] = implicit_;
        return implicit_;
    }

    /// <summary>Looks up an upstream block by name at request time (proxy_pass with variables).</summary>
    public UpstreamBlock? TryGetBlock(string name) => blocks.TryGetValue(name, out var block) ? block : null;

    /// <summary>
    /// A one-server upstream for an address literal met at request time (proxy_pass with variables), or null with
    /// nginx's message for a bad one in <paramref name="error"/>.
    /// </summary>
    public static UpstreamBlock? ForAddress(string hostAndPort, out string? error)
    {
        var server = new UpstreamServer { Text = hostAndPort };
        var block = new UpstreamBlock(hostAndPort) { Implicit = true };
        block.Servers.Add(server);
        error = null;
        try { block.Primary.AddRange(Addresses(server, null)); }
        catch (ConfigException e)
        {
            error = e.Message;
            return null;
        }
        return block;
    }

    /// <summary>A one-server upstream for a name the resolver answered at request time (proxy_pass with variables).</summary>
    public static UpstreamBlock ForResolved(string hostAndPort, IEnumerable<IPAddress> addresses, int port)
    {
        var server = new UpstreamServer { Text = hostAndPort };
        var block = new UpstreamBlock(hostAndPort) { Implicit = true };
        block.Servers.Add(server);
        foreach (var address in addresses)
        {
            string name = address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{address}]:{port}" : $"{address}:{port}";
            block.Primary.Add(new UpstreamAddress { Server = server, EndPoint = new IPEndPoint(address, port), Name = name });
        }
        return block;
    }

    public void Complete(ServerConfiguration config, ConfigCompiler compiler)
    {
        foreach (var block in blocks.Values)
        {
            foreach (var server in block.Servers)
                (server.Backup ? block.Backup : block.Primary).AddRange(Addresses(server, block.Directive!, server));
            config.Upstreams[block.Name] = block;
            // balancer_by_lua needs the workers' Lua states, as any *_by_lua does.
            if (block.BalancerLua is not null) config.Lua.Enabled = true;
        }
    }

    /// <summary>The addresses a server line stands for, with nginx's errors for a bad one.</summary>
    private static List<UpstreamAddress> Addresses(UpstreamServer server, ConfigDirective? d, UpstreamServer? _ = null)
    {
        string text = server.Text;
        var list = new List<UpstreamAddress>();
        if (text.StartsWith("unix:", StringComparison.OrdinalIgnoreCase))
        {
            string path = text[5..];
            if (path.Length == 0) throw Error($"no path in the unix domain socket in upstream \"{text}\"", d);
            list.Add(new UpstreamAddress { Server = server, EndPoint = new UnixDomainSocketEndPoint(path), Name = "unix:" + path });
            return list;
        }
        if (!TrySplit(text, out string host, out int port, out bool badPort))
            throw Error(badPort ? $"invalid port in upstream \"{text}\"" : $"no host in upstream \"{text}\"", d);
        IPAddress[] addresses;
        if (IPAddress.TryParse(host.Trim('[', ']'), out var literal)) addresses = new[] { literal };
        else
        {
            try { addresses = Dns.GetHostAddresses(host); }
            catch (SocketException) { addresses = Array.Empty<IPAddress>(); }
            if (addresses.Length == 0) throw Error($"host not found in upstream \"{text}\"", d);
        }
        foreach (var address in addresses)
        {
            var endPoint = new IPEndPoint(address, port);
            string name = address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{address}]:{port}" : $"{address}:{port}";
            list.Add(new UpstreamAddress { Server = server, EndPoint = endPoint, Name = name });
        }
        return list;
    }

    private static ConfigException Error(string message, ConfigDirective? d) =>
        d is null ? new ConfigException(message) : ConfigException.At(message, d);

    /// <summary>Splits host[:port] (port 80 when absent); false with badPort for a port out of range.</summary>
    public static bool TrySplit(string text, out string host, out int port, out bool badPort)
    {
        port = 80;
        badPort = false;
        host = text;
        int colon = text.StartsWith('[') ? text.IndexOf("]:", StringComparison.Ordinal) + 1 : text.LastIndexOf(':');
        if (colon > 0)
        {
            host = text[..colon];
            string portText = text[(colon + 1)..];
            if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port < 1 || port > 65535)
            {
                badPort = true;
                return false;
            }
        }
        return host.Length > 0;
    }
}
