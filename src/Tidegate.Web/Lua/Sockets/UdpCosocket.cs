using System.Net;
using System.Net.Sockets;

namespace Tidegate.Web.Lua.Sockets;

/// <summary>
/// The state behind one <c>ngx.socket.udp()</c> object once setpeername was called (ngx_lua makes
/// it then, so before that the object's slot 1 is empty): the connected datagram socket (null
/// after close or a failed setpeername) and the read timeout in force (0 = lua_socket_read_timeout).
/// </summary>
public sealed class UdpCosocket : IOwnedCosocket
{
    /// <summary>ngx_lua's largest datagram: receive's default and upper bound.</summary>
    public const int MaxDatagram = 65536;

    private static long nextId;

    public Socket? Socket { get; set; }
    public EndPoint? Peer { get; set; }
    public int ReadTimeout { get; set; }
    /// <summary>The request (or timer) that made this state: another one using the object gets "bad request"; its end closes the socket.</summary>
    public required CosocketOwner Owner { get; init; }
    /// <summary>Where receive reads a datagram (made on first receive).</summary>
    public byte[]? Buffer { get; set; }
    /// <summary>A read still outstanding after a receive timed out; the next receive takes its datagram.</summary>
    public Task<int>? PendingReceive { get; set; }
    /// <summary>A stand-in for the pointer ngx_lua prints in "u:..." of its closed-socket log lines.</summary>
    public long Id { get; } = Interlocked.Increment(ref nextId);

    public void Close()
    {
        CloseAtOwnerEnd();
        Owner.Untrack(this);
    }

    public void CloseAtOwnerEnd()
    {
        try { Socket?.Dispose(); } catch (Exception) { }
        Socket = null;
        PendingReceive = null;
        Buffer = null;
    }
}
