using Tidegate.Web.Logging;

namespace Tidegate.Web.Upstreams;

/// <summary>
/// One request's walk over an upstream's peers (nginx's per-request round-robin data plus the
/// balancer's): which peers it tried, how many attempts remain, and the peer in use. Pick and
/// Free follow ngx_http_upstream_get_round_robin_peer / _free_round_robin_peer and the hash,
/// ip_hash and least_conn modules, including their fall-back to round robin after 20 misses
/// and the switch to the backup servers once the primary ones are all unusable.
/// </summary>
public sealed class PeerSelection
{
    private readonly UpstreamPeers state;
    private PeerSet set;
    /// <summary>The peers of the current set already tried (nginx's tried bitmap): bits for up to 64 peers, an array beyond.</summary>
    private ulong triedBits;
    private bool[]? triedMany;
    private readonly string? hashKey;
    private readonly byte[]? clientAddress;
    private uint hash;
    private int hashTries;
    private int ringIndex;
    private bool hashStarted;

    public PeerSelection(UpstreamPeers state, string? hashKey, byte[]? clientAddress, int triesLimit)
    {
        this.state = state;
        this.hashKey = hashKey;
        this.clientAddress = clientAddress;
        set = state.Primary;
        ResetTried();
        Tries = set.Tries + (state.Backup?.Tries ?? 0);
        if (triesLimit > 0 && Tries > triesLimit) Tries = triesLimit;
    }

    /// <summary>Attempts left (nginx's pc->tries).</summary>
    public int Tries { get; set; }
    public UpstreamPeer? Current { get; private set; }
    private bool UsingBackup => set != state.Primary;

    /// <summary>The next peer to try, or null when none is usable ("no live upstreams").</summary>
    public UpstreamPeer? Pick()
    {
        long now = Runtime.WorkerClock.UtcNow.ToUnixTimeSeconds();
        var peer = PickIn(now);
        if (peer is null && !UsingBackup && state.Backup is { } backup)
        {
            set = backup;
            ResetTried();
            peer = PickRoundRobin(now);
        }
        Current = peer;
        if (peer is not null) peer.Conns++;
        return peer;
    }

    private UpstreamPeer? PickIn(long now)
    {
        if (set.Single)
        {
            var only = set.Peers[0];
            if (only.Down) return null;
            MarkTried(0);
            return only;
        }
        if (UsingBackup) return PickRoundRobin(now);
        return state.Upstream.Balancer switch
        {
            BalancerKind.Hash when hashKey is { Length: > 0 } => PickHash(now),
            BalancerKind.ConsistentHash when hashKey is { Length: > 0 } => PickConsistent(now),
            BalancerKind.IpHash when clientAddress is not null => PickIpHash(now),
            BalancerKind.LeastConn => PickLeastConn(now),
            _ => PickRoundRobin(now),
        };
    }

    private bool Usable(int i, long now)
    {
        var peer = set.Peers[i];
        return !WasTried(i) && !peer.Down && !peer.TemporarilyDown(now);
    }

    private UpstreamPeer Chosen(int i, long now)
    {
        var peer = set.Peers[i];
        if (now - peer.Checked > peer.Server.FailTimeoutSeconds) peer.Checked = now;
        MarkTried(i);
        return peer;
    }

    /// <summary>nginx's smooth weighted round robin (ngx_http_upstream_get_peer).</summary>
    private UpstreamPeer? PickRoundRobin(long now)
    {
        int best = -1, total = 0;
        for (int i = 0; i < set.Peers.Count; i++)
        {
            if (!Usable(i, now)) continue;
            var peer = set.Peers[i];
            peer.CurrentWeight += peer.EffectiveWeight;
            total += peer.EffectiveWeight;
            if (peer.EffectiveWeight < peer.Weight) peer.EffectiveWeight++;
            if (best < 0 || peer.CurrentWeight > set.Peers[best].CurrentWeight) best = i;
        }
        if (best < 0) return null;
        set.Peers[best].CurrentWeight -= total;
        return Chosen(best, now);
    }

    /// <summary>The index of the peer that weight point <paramref name="w"/> falls on.</summary>
    private int PeerAtWeight(uint w)
    {
        int p = 0;
        while (w >= (uint)set.Peers[p].Weight) { w -= (uint)set.Peers[p].Weight; p++; }
        return p;
    }

    /// <summary>hash KEY: CRC32 of the key (salted with the attempt number on rehash) over the weights.</summary>
    private UpstreamPeer? PickHash(long now)
    {
        if (hashTries > 20) return PickRoundRobin(now);
        var key = System.Text.Encoding.Latin1.GetBytes(hashKey!);
        while (true)
        {
            var crc = new Crc32();
            if (rehash > 0) crc.Update(System.Text.Encoding.ASCII.GetBytes(RehashText()));
            crc.Update(key);
            uint h = (crc.Final() >> 16) & 0x7fff;
            hash += h;
            rehash++;
            int p = PeerAtWeight(hash % (uint)set.TotalWeight);
            if (Usable(p, now)) return Chosen(p, now);
            if (++hashTries > 20) return PickRoundRobin(now);
        }
    }

    private int rehash;
    private string RehashText() => rehash.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>ip_hash: the first three octets of an IPv4 client (the whole IPv6 address).</summary>
    private UpstreamPeer? PickIpHash(long now)
    {
        if (hashTries > 20) return PickRoundRobin(now);
        if (!hashStarted) { hash = 89; hashStarted = true; }
        uint h = hash;
        while (true)
        {
            foreach (byte b in clientAddress!) h = (h * 113 + b) % 6271;
            int p = PeerAtWeight(h % (uint)set.TotalWeight);
            if (Usable(p, now)) { hash = h; return Chosen(p, now); }
            if (++hashTries > 20) return PickRoundRobin(now);
        }
    }

    /// <summary>hash KEY consistent: the ketama-style ring of 160 points per weight unit.</summary>
    private UpstreamPeer? PickConsistent(long now)
    {
        var ring = state.Ring!;
        if (ring.Count == 0) return PickRoundRobin(now);
        if (!hashStarted)
        {
            ringIndex = ring.Find(Crc32.Of(System.Text.Encoding.Latin1.GetBytes(hashKey!)));
            hashStarted = true;
        }
        while (hashTries <= 20)
        {
            string server = ring.ServerAt(ringIndex);
            int best = -1, total = 0;
            for (int i = 0; i < set.Peers.Count; i++)
            {
                if (!Usable(i, now)) continue;
                var peer = set.Peers[i];
                if (peer.Server.Text != server) continue;
                peer.CurrentWeight += peer.EffectiveWeight;
                total += peer.EffectiveWeight;
                if (peer.EffectiveWeight < peer.Weight) peer.EffectiveWeight++;
                if (best < 0 || peer.CurrentWeight > set.Peers[best].CurrentWeight) best = i;
            }
            if (best >= 0)
            {
                set.Peers[best].CurrentWeight -= total;
                return Chosen(best, now);
            }
            ringIndex++;
            hashTries++;
        }
        return PickRoundRobin(now);
    }

    /// <summary>least_conn: fewest active connections per weight; ties go to smooth round robin.</summary>
    private UpstreamPeer? PickLeastConn(long now)
    {
        int best = -1;
        bool many = false;
        for (int i = 0; i < set.Peers.Count; i++)
        {
            if (!Usable(i, now)) continue;
            var peer = set.Peers[i];
            if (best < 0) { best = i; many = false; continue; }
            var b = set.Peers[best];
            long lhs = (long)peer.Conns * b.Weight, rhs = (long)b.Conns * peer.Weight;
            if (lhs < rhs) { best = i; many = false; }
            else if (lhs == rhs) many = true;
        }
        if (best < 0) return null;
        if (many)
        {
            var first = set.Peers[best];
            int total = 0;
            for (int i = best; i < set.Peers.Count; i++)
            {
                if (!Usable(i, now)) continue;
                var peer = set.Peers[i];
                if ((long)peer.Conns * first.Weight != (long)first.Conns * peer.Weight) continue;
                peer.CurrentWeight += peer.EffectiveWeight;
                total += peer.EffectiveWeight;
                if (peer.EffectiveWeight < peer.Weight) peer.EffectiveWeight++;
                if (peer.CurrentWeight > set.Peers[best].CurrentWeight) best = i;
            }
            set.Peers[best].CurrentWeight -= total;
        }
        return Chosen(best, now);
    }

    /// <summary>
    /// Ends the attempt on <see cref="Current"/>: a failure counts against the peer (max_fails
    /// within fail_timeout disables it, with nginx's warning), a success clears old failures.
    /// </summary>
    /// <param name="log">Where the warning goes; only a failure logs, so a success may pass null.</param>
    public void Free(bool failed, ErrorLogger? log)
    {
        var peer = Current;
        if (peer is null) return;
        Current = null;
        peer.Conns--;
        if (set.Single)
        {
            Tries = 0;
            return;
        }
        long now = Runtime.WorkerClock.UtcNow.ToUnixTimeSeconds();
        if (failed)
        {
            peer.Fails++;
            peer.Accessed = now;
            peer.Checked = now;
            if (peer.Server.MaxFails > 0)
            {
                peer.EffectiveWeight -= peer.Weight / peer.Server.MaxFails;
                if (peer.Fails >= peer.Server.MaxFails) log?.Invoke(LogLevel.Warn, "upstream server temporarily disabled");
            }
            if (peer.EffectiveWeight < 0) peer.EffectiveWeight = 0;
        }
        else if (peer.Accessed < peer.Checked) peer.Fails = 0;
        if (Tries > 0) Tries--;
    }

    // A selection is made per proxied request: for the usual upstream (up to 64 peers) its bitmap is a number, not an array.
    private void ResetTried()
    {
        triedBits = 0;
        triedMany = set.Peers.Count > 64 ? new bool[set.Peers.Count] : null;
    }

    private bool WasTried(int i) => triedMany is { } many ? many[i] : (triedBits & (1UL << i)) != 0;

    private void MarkTried(int i)
    {
        if (triedMany is { } many) many[i] = true;
        else triedBits |= 1UL << i;
    }
}

/// <summary>Writes a line to the request's error log (with its client/server/request/upstream tail).</summary>
public delegate void ErrorLogger(LogLevel level, string message);
