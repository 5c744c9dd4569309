using System.Text;

namespace Tidegate.Web.Upstreams;

/// <summary>
/// The points of <c>hash KEY consistent</c> (ngx_http_upstream_init_chash): each server gets
/// 160 points per unit of weight, each the CRC32 of "host\0port" chained with the previous
/// point; the points are sorted and duplicates dropped. A key starts at the first point not
/// below its own CRC32.
/// </summary>
public sealed class ConsistentHashRing
{
    private readonly (uint Hash, string Server)[] points;

    public ConsistentHashRing(List<UpstreamPeer> peers)
    {
        var list = new List<(uint, string)>();
        foreach (var peer in peers)
        {
            string server = peer.Server.Text;
            SplitHostPort(server, out string host, out string port);
            var baseHash = new Crc32();
            baseHash.Update(Encoding.Latin1.GetBytes(host));
            baseHash.Update(new byte[] { 0 });
            baseHash.Update(Encoding.Latin1.GetBytes(port));
            uint previous = 0;
            for (int j = 0; j < peer.Weight * 160; j++)
            {
                var h = baseHash;
                h.Update(BitConverter.GetBytes(previous)); // little-endian, as nginx's union on x86
                uint point = h.Final();
                list.Add((point, server));
                previous = point;
            }
        }
        list.Sort((a, b) => a.Item1.CompareTo(b.Item1));
        var unique = new List<(uint, string)>();
        foreach (var p in list)
            if (unique.Count == 0 || unique[^1].Item1 != p.Item1) unique.Add(p);
        points = unique.ToArray();
    }

    public int Count => points.Length;

    public string ServerAt(int index) => points[index % points.Length].Server;

    /// <summary>The first point whose hash is not below <paramref name="hash"/> (may be Count: wraps).</summary>
    public int Find(uint hash)
    {
        int lo = 0, hi = points.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) / 2;
            if (hash > points[mid].Hash) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    /// <summary>nginx's split: "unix:" paths have no port; else trailing digits after the last ':'.</summary>
    private static void SplitHostPort(string server, out string host, out string port)
    {
        if (server.Length >= 5 && server.StartsWith("unix:", StringComparison.OrdinalIgnoreCase))
        {
            host = server[5..];
            port = "";
            return;
        }
        for (int j = 0; j < server.Length; j++)
        {
            char c = server[server.Length - j - 1];
            if (c == ':')
            {
                host = server[..(server.Length - j - 1)];
                port = server[(server.Length - j)..];
                return;
            }
            if (c is < '0' or > '9') break;
        }
        host = server;
        port = "";
    }
}
