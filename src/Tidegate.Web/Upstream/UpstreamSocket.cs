using System.Net;
using System.Net.Sockets;
using Tidegate.Web.Runtime;

namespace Tidegate.Web.Upstreams;

/// <summary>
/// An upstream connection's socket served by its worker's own epoll, keeping nginx's readiness
/// flags for it instead of asking the kernel: a read is tried only when the socket is known to
/// hold bytes (or an end of stream), else it waits for the poll's next edge; and an idle pooled
/// connection needs no poll() to tell whether its peer closed it, since that close arrives as an
/// edge too. Against trying every read at once, this saves the recv() that returns EAGAIN after
/// each request is sent and the poll() of each pooled connection taken (ngx_unix_recv with
/// EPOLLRDHUP, ngx_http_upstream_keepalive's close handler).
///
/// The rule that makes the flag trustworthy with edge-triggered epoll: a read that returns fewer
/// bytes than asked for drained the socket, so the next bytes will raise a new edge — unless the
/// peer's close was already reported (EPOLLRDHUP), in which case the end of stream is still to be
/// read and the socket stays ready. Operations start on the owning worker's thread and complete
/// there (<see cref="PendingIo"/>); Dispose may come from any thread.
/// </summary>
internal sealed class UpstreamSocket : IPollTarget
{
    private const uint ReadableEvents = LinuxEpoll.EPOLLIN | LinuxEpoll.EPOLLRDHUP | LinuxEpoll.EPOLLHUP | LinuxEpoll.EPOLLERR;
    private const uint ClosingEvents = LinuxEpoll.EPOLLRDHUP | LinuxEpoll.EPOLLHUP | LinuxEpoll.EPOLLERR;

    private readonly Socket socket;
    private readonly WorkerLoop loop;
    private readonly WorkerPoller poller;
    private ulong id;
    private readonly PendingIo reading, writing;
    private Memory<byte> readBuffer;
    private ReadOnlyMemory<byte> writeRest;
    private int closed;
    /// <summary>nginx's rev->ready: bytes (or the end of stream) may be waiting; false once a read drained the socket.</summary>
    private bool readReady;
    /// <summary>nginx's rev->pending_eof: the peer's close (or an error) was reported; reads stay worth trying.</summary>
    private bool closeReported;

    private UpstreamSocket(Socket socket, WorkerLoop loop, WorkerPoller poller)
    {
        this.socket = socket;
        this.loop = loop;
        this.poller = poller;
        reading = new PendingIo(loop);
        writing = new PendingIo(loop);
    }

    /// <summary>
    /// Connects without blocking and registers the socket once the connect is under way (an
    /// unconnected socket would be reported hung up at once). A refusal throws its SocketException,
    /// <paramref name="cancellation"/> an OperationCanceledException; null when epoll refuses the
    /// socket (the caller falls back to .NET's own socket engine).
    /// </summary>
    public static async ValueTask<UpstreamSocket?> ConnectAsync(Socket socket, EndPoint endPoint, WorkerLoop loop, WorkerPoller poller, CancellationToken cancellation)
    {
        socket.Blocking = false;
        bool inProgress = false;
        try { socket.Connect(endPoint); }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.WouldBlock or SocketError.InProgress) { inProgress = true; }
        var connection = new UpstreamSocket(socket, loop, poller);
        connection.id = poller.Register((int)socket.Handle, connection);
        if (connection.id == 0)
        {
            socket.Blocking = true;
            return null;
        }
        if (inProgress)
        {
            // An empty write waits for the first readiness: writable once connected, or an error.
            connection.writeRest = default;
            try { await new ValueTask(connection.writing, connection.writing.Begin(cancellation)); }
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

    /// <summary>Reads into <paramref name="buffer"/>: at once when the socket is ready, else at its next readiness. 0: the peer closed.</summary>
    public ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellation)
    {
        if (Volatile.Read(ref closed) != 0) return ValueTask.FromException<int>(new ObjectDisposedException(nameof(Socket)));
        if (cancellation.IsCancellationRequested) return ValueTask.FromCanceled<int>(cancellation);
        if (reading.IsPending) return ValueTask.FromException<int>(new InvalidOperationException("a read is already pending on this connection"));
        if (readReady)
        {
            int n = socket.Receive(buffer.Span, SocketFlags.None, out var error);
            if (error == SocketError.Success)
            {
                Drained(n, buffer.Length);
                return new ValueTask<int>(n);
            }
            if (error != SocketError.WouldBlock) return ValueTask.FromException<int>(new SocketException((int)error));
            readReady = false;
        }
        readBuffer = buffer;
        return new ValueTask<int>(reading, reading.Begin(cancellation));
    }

    /// <summary>After a read of <paramref name="n"/> bytes into room for <paramref name="room"/>: a short read emptied the socket.</summary>
    private void Drained(int n, int room)
    {
        if (n > 0 && n < room && !closeReported) readReady = false;
    }

    /// <summary>Sends all of <paramref name="data"/>: at once, the rest (when the send buffer is full) as the socket drains.</summary>
    public ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellation)
    {
        if (Volatile.Read(ref closed) != 0) return ValueTask.FromException(new ObjectDisposedException(nameof(Socket)));
        if (cancellation.IsCancellationRequested) return ValueTask.FromCanceled(cancellation);
        while (data.Length > 0)
        {
            int sent = socket.Send(data.Span, SocketFlags.None, out var error);
            if (error == SocketError.Success) { data = data[sent..]; continue; }
            if (error != SocketError.WouldBlock) return ValueTask.FromException(new SocketException((int)error));
            if (writing.IsPending) return ValueTask.FromException(new InvalidOperationException("a write is already pending on this connection"));
            writeRest = data;
            return new ValueTask(writing, writing.Begin(cancellation));
        }
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// True when the peer closed (or sent bytes nobody asked for) while the connection sat idle.
    /// Only when the socket was reported readable since its last read is the kernel asked; a
    /// drained socket with no edge since cannot have anything to say.
    /// </summary>
    public bool ClosedWhileIdle()
    {
        if (Volatile.Read(ref closed) != 0) return true;
        if (!readReady) return false;
        try { return socket.Poll(0, SelectMode.SelectRead); }
        catch (Exception e) when (e is SocketException or ObjectDisposedException) { return true; }
    }

    public void OnReady(uint events)
    {
        try
        {
            if ((events & ReadableEvents) != 0) readReady = true;
            if ((events & ClosingEvents) != 0) closeReported = true;
            if (reading.IsPending && readReady)
            {
                var buffer = readBuffer;
                int n = socket.Receive(buffer.Span, SocketFlags.None, out var error);
                if (error == SocketError.Success)
                {
                    readBuffer = default;
                    Drained(n, buffer.Length);
                    reading.Complete(n);
                }
                else if (error == SocketError.WouldBlock) readReady = false;
                else
                {
                    readBuffer = default;
                    reading.Fail(new SocketException((int)error));
                }
            }
            // The read's continuation ran the request on: it may have closed the connection.
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

    public void Dispose()
    {
        if (Interlocked.Exchange(ref closed, 1) != 0) return;
        // Closing the descriptor takes it out of the epoll set; what waits on it fails on the worker.
        socket.Dispose();
        if (loop.IsCurrent) Forget();
        else loop.Post(static state => ((UpstreamSocket)state!).Forget(), this);
    }

    private void Forget()
    {
        poller.Unregister(id);
        readBuffer = default;
        writeRest = default;
        if (reading.IsPending) reading.Fail(new ObjectDisposedException(nameof(Socket)));
        if (writing.IsPending) writing.Fail(new ObjectDisposedException(nameof(Socket)));
    }
}
