using System.Net;
using System.Net.Sockets;
using Tidegate.Web.Runtime;

namespace Tidegate.Web.Upstreams;

/// <summary>
/// An upstream connection's socket served by its worker's own epoll with nginx's readiness rules
/// (<see cref="PolledSocket"/>): a read is tried only when the socket may hold bytes, which saves the
/// recv() that returns EAGAIN after each request is sent; and an idle pooled connection needs no poll()
/// to tell whether its peer closed it, since that close arrives as an edge too (ngx_unix_recv with
/// EPOLLRDHUP, ngx_http_upstream_keepalive's close handler).
/// </summary>
internal sealed class UpstreamSocket : PolledSocket
{
    // A new outgoing connection has said nothing yet: its first read waits for the poll's first edge.
    private UpstreamSocket(Socket socket, WorkerLoop loop, WorkerPoller poller) : base(socket, loop, poller, readReady: false) { }

    /// <summary>
    /// Connects without blocking and registers the socket once the connect is under way (an
    /// unconnected socket would be reported hung up at once). A refusal throws its SocketException,
    /// <paramref name="cancellation"/> an OperationCanceledException; null when epoll refuses the
    /// socket (the caller falls back to .NET's own socket engine).
    /// </summary>
    public static async ValueTask<UpstreamSocket?> ConnectAsync(Socket socket, EndPoint endPoint, WorkerLoop loop, WorkerPoller poller, CancellationToken cancellation)
    {
        socket.Blocking = false;
        if (!NonBlockingConnect.TryStart(socket, endPoint, out bool inProgress))
        {
            // A unix socket, or a connect that failed at once: .NET's call, whose exception names the failure.
            try { socket.Connect(endPoint); }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.WouldBlock or SocketError.InProgress) { inProgress = true; }
        }
        var connection = new UpstreamSocket(socket, loop, poller);
        if (!connection.Register())
        {
            socket.Blocking = true;
            return null;
        }
        if (inProgress)
        {
            // An empty write waits for the first readiness: writable once connected, or an error.
            try { await connection.WaitWritableAsync(cancellation); }
            catch { connection.Dispose(); throw; }
            var error = (SocketError)(int)socket.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.Error)!;
            if (error != SocketError.Success)
            {
                connection.Dispose();
                throw new SocketException((int)error);
            }
        }
        return connection;
    }

    /// <summary>
    /// True when the peer closed (or sent bytes nobody asked for) while the connection sat idle.
    /// Only when the socket was reported readable since its last read is the kernel asked; a
    /// drained socket with no edge since cannot have anything to say.
    /// </summary>
    public bool ClosedWhileIdle()
    {
        if (IsClosed) return true;
        if (!readReady) return false;
        try { return socket.Poll(0, SelectMode.SelectRead); }
        catch (Exception e) when (e is SocketException or ObjectDisposedException) { return true; }
    }
}
