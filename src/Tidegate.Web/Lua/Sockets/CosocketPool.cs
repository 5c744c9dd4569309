namespace Tidegate.Web.Lua.Sockets;

/// <summary>
/// A worker's keepalive pools (ngx_lua keeps one per "host:port", "unix:path" or the pool name
/// given to connect): idle connections, most recently parked first, each closed when its idle
/// timeout passes; a pool holds at most its size (the first setkeepalive's size, as ngx_lua's).
/// Per worker thread, so no locks.
/// </summary>
public sealed class CosocketPool
{
    [ThreadStatic] private static Dictionary<string, CosocketPool>? pools;

    private readonly LinkedList<(CosocketConnection Connection, long Expires)> idle = new();

    private CosocketPool(string name, int size) { Name = name; Size = size; }

    public string Name { get; }
    public int Size { get; }
    /// <summary>Connections counted against the pool's backlog limit (open ones made through connect with a backlog).</summary>
    public int Active { get; set; }
    /// <summary>connect calls waiting for a slot (the backlog option).</summary>
    public Queue<TaskCompletionSource<bool>> Waiters { get; } = new();

    public static CosocketPool? Find(string name) => pools is not null && pools.TryGetValue(name, out var p) ? p : null;

    public static CosocketPool GetOrCreate(string name, int size)
    {
        pools ??= new Dictionary<string, CosocketPool>(StringComparer.Ordinal);
        if (!pools.TryGetValue(name, out var pool)) pools[name] = pool = new CosocketPool(name, size);
        return pool;
    }

    public int IdleCount => idle.Count;

    /// <summary>The most recently parked connection still alive and not expired, or null.</summary>
    public CosocketConnection? Take()
    {
        long now = Environment.TickCount64;
        while (idle.First is { } node)
        {
            idle.RemoveFirst();
            var (connection, expires) = node.Value;
            if ((expires == 0 || expires > now) && connection.IsIdleHealthy()) return connection;
            connection.Dispose();
        }
        return null;
    }

    /// <summary>Parks a connection; when the pool is full the least recently used one is closed.</summary>
    public void Put(CosocketConnection connection, int timeoutMs)
    {
        Purge();
        if (idle.Count >= Size && idle.Last is { } oldest)
        {
            idle.RemoveLast();
            oldest.Value.Connection.Dispose();
        }
        long expires = timeoutMs > 0 ? Environment.TickCount64 + timeoutMs : 0;
        idle.AddFirst((connection, expires));
        if (timeoutMs > 0) ScheduleExpiry(timeoutMs);
    }

    /// <summary>Closes the idle connections whose time is up or whose peer went away.</summary>
    public void Purge()
    {
        long now = Environment.TickCount64;
        var node = idle.First;
        while (node is not null)
        {
            var next = node.Next;
            var (connection, expires) = node.Value;
            if ((expires != 0 && expires <= now) || !connection.IsIdleHealthy())
            {
                idle.Remove(node);
                connection.Dispose();
            }
            node = next;
        }
    }

    private async void ScheduleExpiry(int timeoutMs)
    {
        // Runs on the worker loop (the caller's context), so the pool stays single-threaded.
        await Task.Delay(timeoutMs + 5);
        Purge();
    }
}
