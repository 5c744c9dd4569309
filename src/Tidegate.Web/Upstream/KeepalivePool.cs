namespace Tidegate.Web.Upstreams;

/// <summary>
/// One worker's idle connections to one upstream (the <c>keepalive N</c> cache): at most N, the
/// most recently used first; when full, the oldest is closed to make room. A connection the
/// upstream closed while idle, or idle past keepalive_timeout, is dropped instead of reused,
/// as nginx's cached connections are closed by their read and timer events.
/// </summary>
public sealed class KeepalivePool
{
    private readonly UpstreamBlock upstream;
    private readonly LinkedList<UpstreamConnection> idle = new();

    public KeepalivePool(UpstreamBlock upstream) { this.upstream = upstream; }

    public int Count => idle.Count;

    /// <summary>An idle connection to <paramref name="address"/> still open, or null.</summary>
    public UpstreamConnection? Take(UpstreamAddress address)
    {
        long now = Environment.TickCount64;
        for (var node = idle.First; node is not null;)
        {
            var next = node.Next;
            var connection = node.Value;
            if (now - connection.IdleSince > (long)upstream.KeepaliveTimeout.TotalMilliseconds || connection.ClosedWhileIdle())
            {
                idle.Remove(node);
                connection.Dispose();
            }
            else if (ReferenceEquals(connection.Address, address) || connection.Address.Name == address.Name)
            {
                idle.Remove(node);
                connection.Reused = true;
                return connection;
            }
            node = next;
        }
        return null;
    }

    /// <summary>Keeps a connection whose response ended cleanly, unless it reached keepalive_requests.</summary>
    public void Give(UpstreamConnection connection)
    {
        if (upstream.Keepalive <= 0 || connection.Requests >= upstream.KeepaliveRequests)
        {
            connection.Dispose();
            return;
        }
        if (idle.Count >= upstream.Keepalive)
        {
            idle.Last!.Value.Dispose();
            idle.RemoveLast();
        }
        connection.IdleSince = Environment.TickCount64;
        idle.AddFirst(connection.IdleNode);
    }
}
