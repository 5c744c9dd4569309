using System.Net.Sockets;

namespace Tidegate.Web.Runtime;

/// <summary>
/// A non-blocking socket served by its worker's own epoll (<see cref="WorkerPoller"/>, registered once,
/// edge-triggered), with nginx's readiness rules; the base of a client connection
/// (<see cref="PolledConnection"/>) and of an upstream connection (<c>Upstreams.UpstreamSocket</c>).
///
/// A read is tried at once only while the socket may hold bytes (nginx's <c>rev->ready</c>): a read that
/// comes back short of its buffer drained the socket, and with edge-triggered epoll the next byte to arrive
/// is reported, so the next read waits for that event instead of failing with EAGAIN. Waiting in the poll's
/// order also keeps a keepalive connection that has just answered from being served again ahead of every
/// connection already waiting. A reported close or error (nginx's <c>pending_eof</c>) is the last event the
/// socket will get, so from then on reads stay ready until they read the end of stream.
///
/// Operations start on the owning worker's thread and complete there (<see cref="PendingIo"/>), running the
/// awaiting code directly; Dispose may come from any thread.
/// </summary>
internal abstract class PolledSocket : IPollTarget
{
    /// <summary>The events that report the peer's close or an error (nginx's pending_eof).</summary>
    protected const uint ClosingEvents = LinuxEpoll.EPOLLRDHUP | LinuxEpoll.EPOLLHUP | LinuxEpoll.EPOLLERR;

    protected readonly Socket socket;
    private readonly WorkerLoop loop;
    private readonly WorkerPoller poller;
    private ulong id;
    private readonly PendingIo reading, writing;
    private Memory<byte> readBuffer;
    private ReadOnlyMemory<byte> writeRest;
    private int closed;
    /// <summary>nginx's rev->ready: bytes (or the end of stream) may be waiting; false once a read drained the socket.</summary>
    protected bool readReady;
    /// <summary>nginx's rev->pending_eof: the peer's close (or an error) was reported; no event follows it.</summary>
    private bool closeReported;

    /// <param name="readReady">Whether the first read is worth trying before any event (an accepted
    /// connection's request may already be there; a new outgoing connection has said nothing yet).</param>
    protected PolledSocket(Socket socket, WorkerLoop loop, WorkerPoller poller, bool readReady)
    {
        this.socket = socket;
        this.loop = loop;
        this.poller = poller;
        this.readReady = readReady;
        reading = new PendingIo(loop);
        writing = new PendingIo(loop);
    }

    protected bool IsClosed => Volatile.Read(ref closed) != 0;

    /// <summary>Adds the socket to the worker's epoll set; false when epoll refuses it (the caller falls back).</summary>
    protected bool Register()
    {
        id = poller.Register((int)socket.Handle, this);
        return id != 0;
    }

    /// <summary>Reads into <paramref name="buffer"/>: at once when the socket is ready, else at its next readiness. 0: the peer closed.</summary>
    public ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellation)
    {
        if (IsClosed) return ValueTask.FromException<int>(new ObjectDisposedException(nameof(Socket)));
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

    /// <summary>
    /// A read short of its buffer drained the socket; a full one may have left bytes behind. End of
    /// stream (0) stays ready: it reads as 0 again; so does a socket whose close the poll reported
    /// with the last bytes (the event that said so was the last one).
    /// </summary>
    private void NoteRead(int n, int asked) => readReady = n == 0 || n >= asked || closeReported;

    /// <summary>Sends all of <paramref name="data"/>: at once, the rest (when the send buffer is full) as the socket drains.</summary>
    public ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellation)
    {
        if (IsClosed) return ValueTask.FromException(new ObjectDisposedException(nameof(Socket)));
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

    /// <summary>An empty write: waits for the first writability (a connect under way completing) or an error.</summary>
    protected ValueTask WaitWritableAsync(CancellationToken cancellation)
    {
        writeRest = default;
        return new ValueTask(writing, writing.Begin(cancellation));
    }

    public void OnReady(uint events)
    {
        try
        {
            if ((events & ClosingEvents) != 0) closeReported = true;
            if ((events & LinuxEpoll.EPOLLIN) != 0 || closeReported) readReady = true;
            OnEvent(events);
            if (reading.IsPending && readReady)
            {
                int n = socket.Receive(readBuffer.Span, SocketFlags.None, out var error);
                if (error == SocketError.Success) { NoteRead(n, readBuffer.Length); readBuffer = default; reading.Complete(n); }
                else if (error == SocketError.WouldBlock) readReady = false;
                else { readBuffer = default; reading.Fail(new SocketException((int)error)); }
            }
            // The read's continuation ran the connection on: it may have closed it.
            if (writing.IsPending && !IsClosed) ContinueWrite();
        }
        catch (ObjectDisposedException)
        {
            // Closed from another thread meanwhile: Forget, posted by Dispose, fails what waits.
        }
    }

    /// <summary>Called on every poll event, with its flags, before a pending read is served (a client connection's close watch).</summary>
    protected virtual void OnEvent(uint events) { }

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
        else loop.Post(static state => ((PolledSocket)state!).Forget(), this);
    }

    /// <summary>On the worker, after Dispose: fails whatever still waits on the socket.</summary>
    protected virtual void Forget()
    {
        poller.Unregister(id);
        readBuffer = default;
        writeRest = default;
        if (reading.IsPending) reading.Fail(new ObjectDisposedException(nameof(Socket)));
        if (writing.IsPending) writing.Fail(new ObjectDisposedException(nameof(Socket)));
    }
}
