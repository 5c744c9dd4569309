using System.Net;
using System.Net.Sockets;

namespace Tidegate.Web.Runtime;

/// <summary>
/// A client connection served through its worker's own epoll (<see cref="WorkerPoller"/>): the
/// socket is non-blocking and registered once, edge-triggered; a read or write is tried at once and,
/// when the socket is not ready, waits for the worker's poll to report it ready, then completes on
/// the worker's thread, running the awaiting code there directly (no Post, no thread switch).
/// Every operation must start on the owning worker's thread; Dispose may come from any thread.
/// </summary>
internal sealed class PolledConnection : IConnection, IPollTarget
{
    private readonly Socket socket;
    private readonly WorkerLoop loop;
    private readonly WorkerPoller poller;
    private ulong id;
    private readonly PendingIo reading, writing;
    /// <summary>A client-close watch (<see cref="WaitReadableAsync"/>): completes with a <see cref="PeerState"/>.</summary>
    private readonly PendingIo watching;
    private Memory<byte> readBuffer;
    private ReadOnlyMemory<byte> writeRest;
    private int closed;
    /// <summary>
    /// Whether a read may find bytes without waiting, as nginx's <c>rev->ready</c>: false once a read
    /// came back short of its buffer (the socket was drained; with edge-triggered epoll the next byte
    /// to arrive is reported), true again when the poll reports the socket readable. A keepalive
    /// connection that has just answered then waits for its next request's event, in the poll's
    /// order with the other connections, instead of trying a receive at once: that receive almost
    /// always failed with EAGAIN (one wasted syscall per request), and when it did find the next
    /// request, that connection was served again ahead of every connection already waiting.
    /// </summary>
    private bool readReady = true;
    /// <summary>The poll reported the peer's close or an error (nginx's <c>pending_eof</c>): no event will follow it, so reads stay ready.</summary>
    private bool peerClosed;

    private PolledConnection(Socket socket, WorkerLoop loop, WorkerPoller poller)
    {
        this.socket = socket;
        this.loop = loop;
        this.poller = poller;
        reading = new PendingIo(loop);
        writing = new PendingIo(loop);
        watching = new PendingIo(loop);
    }

    /// <summary>Registers an accepted socket with the worker's poller; null when epoll refuses it (the caller falls back).</summary>
    public static PolledConnection? TryCreate(Socket socket, WorkerLoop loop, WorkerPoller poller)
    {
        socket.Blocking = false;
        var connection = new PolledConnection(socket, loop, poller);
        connection.id = poller.Register((int)socket.Handle, connection);
        if (connection.id != 0)
        {
            // An accepted connection's addresses are read now, as SocketConnection reads them.
            connection.local = SocketConnection.Normalize(socket.LocalEndPoint!);
            connection.remote = SocketConnection.Normalize(socket.RemoteEndPoint ?? new UnixDomainSocketEndPoint(""));
            return connection;
        }
        socket.Blocking = true;
        return null;
    }

    // Read on first use: most requests never ask for the addresses.
    private EndPoint? local, remote;
    public EndPoint LocalEndPoint => local ??= Known(socket.LocalEndPoint);
    public EndPoint RemoteEndPoint => remote ??= Known(socket.RemoteEndPoint);

    private static EndPoint Known(EndPoint? endPoint) =>
        endPoint is null ? new IPEndPoint(IPAddress.None, 0) : SocketConnection.Normalize(endPoint);

    public ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellation)
    {
        if (Volatile.Read(ref closed) != 0) return ValueTask.FromException<int>(new ObjectDisposedException(nameof(Socket)));
        if (cancellation.IsCancellationRequested) return ValueTask.FromCanceled<int>(cancellation);
        if (reading.IsPending) return ValueTask.FromException<int>(new InvalidOperationException("a read is already pending on this connection"));
        if (readReady)
        {
            int n = socket.Receive(buffer.Span, SocketFlags.None, out var error);
            if (error == SocketError.Success) { NoteRead(n, buffer.Length); return new ValueTask<int>(n); }
            if (error != SocketError.WouldBlock) return ValueTask.FromException<int>(new SocketException((int)error));
            readReady = false;
        }
        readBuffer = buffer;
        return new ValueTask<int>(reading, reading.Begin(cancellation));
    }

    public ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellation)
    {
        if (Volatile.Read(ref closed) != 0) return ValueTask.FromException(new ObjectDisposedException(nameof(Socket)));
        if (cancellation.IsCancellationRequested) return ValueTask.FromCanceled(cancellation);
        while (data.Length > 0)
        {
            int sent = socket.Send(data.Span, SocketFlags.None, out var error);
            if (error == SocketError.Success) { data = data[sent..]; continue; }
            if (error != SocketError.WouldBlock) return ValueTask.FromException(new SocketException((int)error));
            // The send buffer is full: the rest goes out as the socket drains.
            if (writing.IsPending) return ValueTask.FromException(new InvalidOperationException("a write is already pending on this connection"));
            writeRest = data;
            return new ValueTask(writing, writing.Begin(cancellation));
        }
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Waits until the socket is readable and peeks (consuming nothing) to tell a close from a reset
    /// from pending bytes. A new watch replaces one still waiting (that one reports bytes pending,
    /// which its watcher takes as "nothing to act on"): a connection serves one request at a time.
    /// </summary>
    public ValueTask<PeerState> WaitReadableAsync(CancellationToken cancellation)
    {
        if (Volatile.Read(ref closed) != 0) return ValueTask.FromException<PeerState>(new ObjectDisposedException(nameof(Socket)));
        if (Peek() is { } now) return new ValueTask<PeerState>(now);
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
    /// A read short of its buffer drained the socket; a full one may have left bytes behind. End of
    /// stream (0) stays ready: it reads as 0 again; so does a socket whose close the poll reported
    /// with the last bytes (the event that said so was the last one).
    /// </summary>
    private void NoteRead(int n, int asked) => readReady = n == 0 || n >= asked || peerClosed;

    public void OnReady(uint events)
    {
        try
        {
            if ((events & (LinuxEpoll.EPOLLRDHUP | LinuxEpoll.EPOLLHUP | LinuxEpoll.EPOLLERR)) != 0) peerClosed = true;
            if ((events & LinuxEpoll.EPOLLIN) != 0 || peerClosed) readReady = true;
            if (watching.IsPending && Peek() is { } state) watching.Complete((int)state);
            if (reading.IsPending && readReady)
            {
                int n = socket.Receive(readBuffer.Span, SocketFlags.None, out var error);
                if (error == SocketError.Success) { NoteRead(n, readBuffer.Length); readBuffer = default; reading.Complete(n); }
                else if (error == SocketError.WouldBlock) readReady = false;
                else { readBuffer = default; reading.Fail(new SocketException((int)error)); }
            }
            // The read's continuation ran the connection on: it may have closed it.
            if (writing.IsPending && Volatile.Read(ref closed) == 0) ContinueWrite();
        }
        catch (ObjectDisposedException)
        {
            // Closed from another thread meanwhile: Forget, posted by Dispose, fails what waits.
        }
    }

    private void ContinueWrite()
    {
        while (writeRest.Length > 0)
        {
            int sent = socket.Send(writeRest.Span, SocketFlags.None, out var error);
            if (error == SocketError.WouldBlock) return;
            if (error != SocketError.Success)
            {
                writeRest = default;
                writing.Fail(new SocketException((int)error));
                return;
            }
            writeRest = writeRest[sent..];
        }
        writing.Complete(0);
    }

    public void ShutdownSend()
    {
        try { socket.Shutdown(SocketShutdown.Send); } catch (SocketException) { } catch (ObjectDisposedException) { }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref closed, 1) != 0) return;
        // Closing the descriptor takes it out of the epoll set; what waits on it fails on the worker.
        socket.Dispose();
        if (loop.IsCurrent) Forget();
        else loop.Post(static state => ((PolledConnection)state!).Forget(), this);
    }

    private void Forget()
    {
        poller.Unregister(id);
        readBuffer = default;
        writeRest = default;
        if (reading.IsPending) reading.Fail(new ObjectDisposedException(nameof(Socket)));
        if (writing.IsPending) writing.Fail(new ObjectDisposedException(nameof(Socket)));
        if (watching.IsPending) watching.Fail(new ObjectDisposedException(nameof(Socket)));
    }
}
