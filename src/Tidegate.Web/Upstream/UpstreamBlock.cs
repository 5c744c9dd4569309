using System.Net;
using Tidegate.Web.Hosting;

namespace Tidegate.Web.Upstreams;

/// <summary>How an upstream picks a server for a request (nginx's balancer modules).</summary>
public enum BalancerKind { RoundRobin, Hash, ConsistentHash, IpHash, LeastConn }

/// <summary>
/// An <c>upstream NAME { }</c> block, or the implicit one-server upstream nginx makes for
/// <c>proxy_pass http://host:port</c>. Immutable once compiled; the state that changes per
/// request (weights, failures, idle connections) lives per worker in <see cref="UpstreamPeers"/>.
/// </summary>
public sealed class UpstreamBlock
{
    public UpstreamBlock(string name) { Name = name; }

    /// <summary>The name in proxy_pass ("backend", or "127.0.0.1:8080" for an implicit one): $proxy_host's source.</summary>
    public string Name { get; }
    /// <summary>Made by proxy_pass host:port rather than an upstream block.</summary>
    public bool Implicit { get; init; }
    public List<UpstreamServer> Servers { get; } = new();
    public BalancerKind Balancer { get; set; } = BalancerKind.RoundRobin;
    /// <summary>hash KEY [consistent]: the key, evaluated per request.</summary>
    public VariableTemplate? HashKey { get; set; }
    /// <summary>keepalive N: idle connections each worker keeps to this upstream (0: none).</summary>
    public int Keepalive { get; set; }
    public TimeSpan KeepaliveTimeout { get; set; } = TimeSpan.FromSeconds(60);
    public int KeepaliveRequests { get; set; } = 1000;
    /// <summary>balancer_by_lua_block/_file: Lua code that picks the peer for each attempt.</summary>
    public Lua.LuaChunkSpec? BalancerLua { get; set; }
    /// <summary>For messages: where the block was defined.</summary>
    public Config.ConfigDirective? Directive { get; init; }

    /// <summary>Primary peers: every address of every non-backup server, in order.</summary>
    public List<UpstreamAddress> Primary { get; } = new();
    public List<UpstreamAddress> Backup { get; } = new();
}

/// <summary>A <c>server</c> line of an upstream block, as written.</summary>
public sealed class UpstreamServer
{
    /// <summary>The address as written ("127.0.0.1:8081", "unix:/tmp/s"), which consistent hashing hashes.</summary>
    public required string Text { get; init; }
    public int Weight { get; set; } = 1;
    public int MaxFails { get; set; } = 1;
    public long FailTimeoutSeconds { get; set; } = 10;
    public bool Backup { get; set; }
    public bool Down { get; set; }
}

/// <summary>One address a server resolved to: what a peer connects to.</summary>
public sealed class UpstreamAddress
{
    public required UpstreamServer Server { get; init; }
    public required EndPoint EndPoint { get; init; }
    /// <summary>"127.0.0.1:8081" or "unix:/path": $upstream_addr and the log's upstream: part.</summary>
    public required string Name { get; init; }
}
