namespace Tidegate.Web.Lua.Sockets;

/// <summary>
/// The state behind one <c>ngx.socket.tcp()</c> object: its connection (null before connect and
/// after close or setkeepalive), the timeouts set on it (0 = the lua_socket_* default), and the
/// pool it was connected through. While it holds a connection its owner (request or timer)
/// tracks it, to close it when the owner ends.
/// </summary>
public sealed class TcpCosocket : IOwnedCosocket
{
    public CosocketConnection? Connection { get; set; }
    /// <summary>connect was called on this object once (ngx_lua's object has its socket from then on, even when closed).</summary>
    public bool EverConnected { get; set; }
    public int ConnectTimeout { get; set; }
    public int SendTimeout { get; set; }
    public int ReadTimeout { get; set; }
    /// <summary>The keepalive pool's name: connect's pool option, else "host:port" or "unix:path".</summary>
    public string? PoolName { get; set; }
    /// <summary>The local address tcpsock:bind gave (null: the system picks).</summary>
    public System.Net.IPAddress? BindAddress { get; set; }
    /// <summary>connect's pool_size option (0: lua_socket_pool_size, or setkeepalive's size).</summary>
    public int PoolSize { get; set; }
    /// <summary>This connection holds one of its pool's backlog-limited slots (released at close or setkeepalive).</summary>
    public CosocketPool? SlotPool { get; set; }

    /// <summary>The request or timer whose code connected it last (null before connect).</summary>
    public CosocketOwner? Owner { get; private set; }

    /// <summary>The connection (new or from a pool) now belongs to this object and <paramref name="owner"/>.</summary>
    public void Attach(CosocketConnection connection, CosocketOwner owner)
    {
        Connection = connection;
        Owner = owner;
        owner.Track(this);
    }

    /// <summary>The connection went back to a pool: the owner no longer closes it.</summary>
    public void Detach()
    {
        Connection = null;
        Owner?.Untrack(this);
    }

    /// <summary>Closes the connection (if any) and gives back its pool slot.</summary>
    public void Close()
    {
        Connection?.Dispose();
        Connection = null;
        Owner?.Untrack(this);
        ReleaseSlot();
    }

    public void CloseAtOwnerEnd()
    {
        Connection?.Dispose();
        Connection = null;
        ReleaseSlot();
    }

    public void ReleaseSlot()
    {
        if (SlotPool is not { } pool) return;
        SlotPool = null;
        pool.Active--;
        while (pool.Waiters.TryDequeue(out var waiter))
            if (waiter.TrySetResult(true)) break;
    }
}
