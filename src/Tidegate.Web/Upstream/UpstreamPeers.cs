using System.Runtime.CompilerServices;

namespace Tidegate.Web.Upstreams;

/// <summary>
/// One worker's view of an upstream: the balancing state of each peer (smooth round-robin
/// weights, failure counts) and the idle keepalive connections. nginx keeps this per worker
/// process unless a shared zone is configured; here a worker is a thread, so the state is
/// per thread and needs no locks (DESIGN.md non-negotiable 5).
/// </summary>
public sealed class UpstreamPeers
{
    [ThreadStatic] private static ConditionalWeakTable<UpstreamBlock, UpstreamPeers>? perWorker;

    private UpstreamPeers(UpstreamBlock upstream)
    {
        Upstream = upstream;
        Primary = new PeerSet(upstream.Primary);
        if (upstream.Backup.Count > 0) Backup = new PeerSet(upstream.Backup);
        // A lone server is never marked failed or skipped (nginx's peers->single); backups rule that out.
        Primary.Single = Primary.Peers.Count == 1 && Backup is null;
        if (upstream.Balancer == BalancerKind.ConsistentHash) Ring = new ConsistentHashRing(Primary.Peers);
        Pool = new KeepalivePool(upstream);
    }

    public UpstreamBlock Upstream { get; }
    public PeerSet Primary { get; }
    public PeerSet? Backup { get; }
    public ConsistentHashRing? Ring { get; }
    public KeepalivePool Pool { get; }

    /// <summary>This worker's state for <paramref name="upstream"/>, made on first use.</summary>
    public static UpstreamPeers For(UpstreamBlock upstream)
    {
        perWorker ??= new ConditionalWeakTable<UpstreamBlock, UpstreamPeers>();
        return perWorker.GetValue(upstream, static u => new UpstreamPeers(u));
    }
}

/// <summary>The primary or the backup servers of an upstream (nginx's ngx_http_upstream_rr_peers_t).</summary>
public sealed class PeerSet
{
    public PeerSet(List<UpstreamAddress> addresses)
    {
        foreach (var a in addresses) Peers.Add(new UpstreamPeer(a));
        TotalWeight = Peers.Sum(p => p.Weight);
        Tries = Peers.Count(p => !p.Down);
    }

    public List<UpstreamPeer> Peers { get; } = new();
    public int TotalWeight { get; }
    /// <summary>How many attempts a request may make here: the servers not marked down.</summary>
    public int Tries { get; }
    public bool Single { get; set; }
}

/// <summary>One peer's balancing state (nginx's ngx_http_upstream_rr_peer_t).</summary>
public sealed class UpstreamPeer
{
    public UpstreamPeer(UpstreamAddress address)
    {
        Address = address;
        Weight = EffectiveWeight = address.Server.Weight;
    }

    public UpstreamAddress Address { get; }
    public UpstreamServer Server => Address.Server;
    public int Weight { get; }
    public int EffectiveWeight { get; set; }
    public int CurrentWeight { get; set; }
    public int Conns { get; set; }
    public int Fails { get; set; }
    /// <summary>Unix seconds of the last failure and of the last check (nginx's accessed/checked).</summary>
    public long Accessed { get; set; }
    public long Checked { get; set; }
    public bool Down => Server.Down;

    /// <summary>Failed max_fails times within fail_timeout: skipped until fail_timeout passes.</summary>
    public bool TemporarilyDown(long now) =>
        Server.MaxFails > 0 && Fails >= Server.MaxFails && now - Checked <= Server.FailTimeoutSeconds;
}
