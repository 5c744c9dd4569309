using System.Net;
using System.Net.Sockets;

namespace Tidegate.Web.Runtime;

/// <summary>
/// A client connection served through its worker's own epoll, with nginx's readiness rules
/// (<see cref="PolledSocket"/>), and a client-close watch for requests that wait on something else.
/// </summary>
internal sealed class PolledConnection : PolledSocket, IConnection
{
    /// <summary>A client-close watch (<see cref="WaitReadableAsync"/>): completes with a <see cref="PeerState"/>.</summary>
    private readonly PendingIo watching;

    // An accepted connection's request may already be there: its first read is tried at once.
    private PolledConnection(Socket socket, WorkerLoop loop, WorkerPoller poller) : base(socket, loop, poller, readReady: true)
    {
        watching = new PendingIo(loop);
    }

    /// <summary>Registers an accepted socket with the worker's poller; null when epoll refuses it (the caller falls back).</summary>
    public static PolledConnection? TryCreate(Socket socket, WorkerLoop loop, WorkerPoller poller)
    {
        socket.Blocking = false;
        var connection = new PolledConnection(socket, loop, poller);
        if (connection.Register())
        {
            // An accepted connection's addresses are read now, as SocketConnection reads them.
            connection.local = SocketConnection.Normalize(socket.LocalEndPoint!);
            connection.remote = PeerOf(socket);
            return connection;
        }
        socket.Blocking = true;
        return null;
    }

    // Read on first use: most requests never ask for the addresses.
    private EndPoint? local, remote;
    public EndPoint LocalEndPoint => local ??= Known(socket.LocalEndPoint);
    public EndPoint RemoteEndPoint => remote ??= Known(socket.RemoteEndPoint);

    /// <summary>
    /// The peer's address; for a connection reset before it was accepted (no peer any more: getpeername says
    /// ENOTCONN) an unknown one: its first read fails and closes it, as nginx's does, before any request.
    /// </summary>
    private static EndPoint PeerOf(Socket socket)
    {
        try
        {
            if (socket.RemoteEndPoint is { } peer) return SocketConnection.Normalize(peer);
        }
        catch (SocketException) { }
        return new IPEndPoint(IPAddress.None, 0);
    }

    private static EndPoint Known(EndPoint? endPoint) =>
        endPoint is null ? new IPEndPoint(IPAddress.None, 0) : SocketConnection.Normalize(endPoint);

    /// <summary>
    /// Waits until the peer closes or resets the connection, or sends bytes, and peeks (consuming nothing) to
    /// tell which. A new watch replaces one still waiting (that one reports bytes pending, which its watcher
    /// takes as "nothing to act on"): a connection serves one request at a time.
    ///
    /// <para>Like nginx's broken-connection check with EPOLLRDHUP, the watch costs no system call on a healthy
    /// keepalive connection: it peeks now only when the socket may hold bytes or a reported close (nginx's
    /// rev->ready; after the request's own read drained it, nothing can be there without a new event), and
    /// afterwards only on an event that reports a close or an error. An event that reports bytes alone leaves
    /// the watch waiting: the bytes (a body, the next request) hide any close behind them until someone reads
    /// them, and the close's own event follows when it comes. One peek per proxied request and one per next
    /// request were two of the proxy's six system calls per request.</para>
    /// </summary>
    public ValueTask<PeerState> WaitReadableAsync(CancellationToken cancellation)
    {
        if (IsClosed) return ValueTask.FromException<PeerState>(new ObjectDisposedException(nameof(Socket)));
        if (readReady && Peek() is { } now) return new ValueTask<PeerState>(now);
        if (watching.IsPending) watching.Complete((int)PeerState.DataPending);
        return AwaitWatch(new ValueTask<int>(watching, watching.Begin(cancellation)));
    }

    private static async ValueTask<PeerState> AwaitWatch(ValueTask<int> wait) => (PeerState)await wait;

    /// <summary>What a one-byte peek says now; null while nothing is readable.</summary>
    private PeerState? Peek()
    {
        Span<byte> one = stackalloc byte[1];
        int n = socket.Receive(one, SocketFlags.Peek, out var error);
        if (error == SocketError.WouldBlock) return null;
        if (error != SocketError.Success) return PeerState.Reset;
        return n == 0 ? PeerState.Closed : PeerState.DataPending;
    }

    /// <summary>
    /// The same watch as <see cref="WaitReadableAsync"/>, told through a listener: no task, state machine or
    /// continuation per watch (a proxied request sets one each).
    /// </summary>
    public bool WatchClose(IPeerCloseListener listener)
    {
        closeListener = null;
        // A connection closed here already was closed by this side: nothing will be reported, as from a failed wait.
        if (IsClosed) return true;
        if (readReady && Peek() is { } now)
        {
            // Bytes pending hide any close behind them: there is nothing to watch until someone reads them.
            if (now != PeerState.DataPending) listener.PeerClosed(now);
            return true;
        }
        closeListener = listener;
        return true;
    }

    public void StopWatchingClose() => closeListener = null;

    private IPeerCloseListener? closeListener;

    protected override void OnEvent(uint events)
    {
        if ((events & ClosingEvents) == 0 || !watching.IsPending && closeListener is null) return;
        if (Peek() is not { } state) return;
        if (watching.IsPending) watching.Complete((int)state);
        if (closeListener is { } listener)
        {
            closeListener = null;
            if (state != PeerState.DataPending) listener.PeerClosed(state);
        }
    }

    public void ShutdownSend()
    {
        try { socket.Shutdown(SocketShutdown.Send); } catch (SocketException) { } catch (ObjectDisposedException) { }
    }

    protected override void Forget()
    {
        base.Forget();
        closeListener = null;
        if (watching.IsPending) watching.Fail(new ObjectDisposedException(nameof(Socket)));
    }
}
