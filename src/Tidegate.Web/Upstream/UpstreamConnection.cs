using System.Buffers;
using System.Net;
using System.Net.Sockets;

namespace Tidegate.Web.Upstreams;

/// <summary>
/// A connection to an upstream server: a socket plus a read buffer. Its awaits capture the
/// worker's SynchronizationContext, so a proxied request stays on the worker that accepted it.
/// </summary>
public sealed class UpstreamConnection : IDisposable
{
    private readonly Socket socket;
    /// <summary>On a worker with its own epoll: the socket served by it (no thread switch per read, reads when ready), else null.</summary>
    private readonly UpstreamSocket? polled;
    /// <summary>
    /// The timeout of the operation under way, re-armed for each one in the worker's own timeout list: a runtime
    /// timer (CancelAfter: a process-wide lock and a clock read) twice per proxied request cost more than the list.
    /// </summary>
    private readonly Runtime.WorkerDeadline deadline;
    /// <summary>
    /// Starts at one page, nginx's proxy_buffer_size: small responses, the usual case, need no more,
    /// and with more requests in flight than `keepalive N` keeps, every connect pays for it (it was
    /// 16 KiB, most of what a proxied request allocated). Grows while reads keep filling it.
    /// </summary>
    private byte[] buffer;
    /// <summary>
    /// The buffer comes from (and goes back to) the shared array pool: with more requests in flight than
    /// `keepalive N` keeps, connections come and go every hundred or so requests, and their buffers were
    /// the objects that lived just long enough to be copied by a collection. Only for a connection on the
    /// worker's epoll, whose reads fill the buffer on the worker itself (none is under way in the kernel).
    /// </summary>
    private readonly bool pooledBuffer;
    private readonly Runtime.WorkerLoop? owner;
    private const int InitialBufferSize = 4096, LargestReadBuffer = 16 * 1024;
    private int start, end;
    /// <summary>The last read filled all the free space: more is likely waiting, so the next gets a bigger buffer.</summary>
    private bool lastReadFilled;

    private UpstreamConnection(Socket socket, UpstreamAddress address, UpstreamSocket? polled = null)
    {
        this.socket = socket;
        this.polled = polled;
        Address = address;
        // Made where the connect finished: on the worker that uses the connection.
        owner = SynchronizationContext.Current as Runtime.WorkerLoop;
        deadline = new Runtime.WorkerDeadline(owner);
        pooledBuffer = polled is not null && owner is not null;
        buffer = NewBuffer(InitialBufferSize);
    }

    private CancellationToken Arm(TimeSpan timeout) => deadline.Arm(timeout);

    public UpstreamAddress Address { get; }
    /// <summary>Requests sent on this connection so far (for the upstream's keepalive_requests).</summary>
    public int Requests { get; set; }
    /// <summary>Came out of the keepalive pool (a failure on it is retried without counting, as nginx does).</summary>
    public bool Reused { get; set; }
    public long IdleSince { get; set; }
    /// <summary>This connection's place in its keepalive pool's list, made once (the pool took a new node per request).</summary>
    internal LinkedListNode<UpstreamConnection> IdleNode => idleNode ??= new LinkedListNode<UpstreamConnection>(this);
    private LinkedListNode<UpstreamConnection>? idleNode;
    /// <summary>The last response head read on this connection, whose strings the next one reuses where the bytes repeat.</summary>
    public Proxy.UpstreamResponseHead? LastHead { get; set; }

    /// <summary>Connects within <paramref name="timeout"/>; a refusal or timeout throws (see <see cref="UpstreamError"/>).</summary>
    public static async ValueTask<UpstreamConnection> ConnectAsync(UpstreamAddress address, TimeSpan timeout)
    {
        var endPoint = address.EndPoint;
        bool unix = endPoint is UnixDomainSocketEndPoint;
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, unix ? ProtocolType.Unspecified : ProtocolType.Tcp);
        using var timer = new CancellationTokenSource(timeout);
        try
        {
            if (!unix) socket.NoDelay = true;
            if (SynchronizationContext.Current is Runtime.WorkerLoop { Poller: { } poller } loop
                && await UpstreamSocket.ConnectAsync(socket, endPoint, loop, poller, timer.Token) is { } polled)
                return new UpstreamConnection(socket, address, polled);
            await socket.ConnectAsync(endPoint, timer.Token);
            return new UpstreamConnection(socket, address);
        }
        catch (OperationCanceledException)
        {
            socket.Dispose();
            throw new UpstreamException(UpstreamFailure.Timeout, "upstream timed out (110: Connection timed out) while connecting to upstream");
        }
        catch (SocketException e)
        {
            socket.Dispose();
            throw new UpstreamException(UpstreamFailure.Error, $"connect() failed ({ErrorText(e)}) while connecting to upstream");
        }
    }

    /// <summary>nginx's "(111: Connection refused)" form of a socket error.</summary>
    public static string ErrorText(SocketException e) => e.SocketErrorCode switch
    {
        SocketError.ConnectionRefused => "111: Connection refused",
        SocketError.ConnectionReset => "104: Connection reset by peer",
        SocketError.TimedOut => "110: Connection timed out",
        SocketError.HostUnreachable => "113: No route to host",
        SocketError.NetworkUnreachable => "101: Network is unreachable",
        SocketError.Shutdown or SocketError.ConnectionAborted => "32: Broken pipe",
        SocketError.AddressNotAvailable => "99: Cannot assign requested address",
        SocketError.AccessDenied => "13: Permission denied",
        _ when e.SocketErrorCode == SocketError.AddressFamilyNotSupported => "97: Address family not supported by protocol",
        _ => $"{e.NativeErrorCode}: {e.Message}",
    };

    /// <summary>True when the peer closed (or sent something unexpected) while the connection sat idle.</summary>
    public bool ClosedWhileIdle()
    {
        // An idle connection is readable only with an end of stream or bytes nobody asked for: either
        // way it is not reused. This runs for every pooled connection taken: the worker's epoll
        // already knows whether anything arrived since the last read, so usually no syscall is made.
        if (start != end) return true;
        if (polled is not null) return polled.ClosedWhileIdle();
        try { return socket.Poll(0, SelectMode.SelectRead); }
        catch (Exception e) when (e is SocketException or ObjectDisposedException) { return true; }
    }

    public async ValueTask SendAsync(ReadOnlyMemory<byte> data, TimeSpan timeout)
    {
        try
        {
            if (polled is not null)
            {
                await polled.WriteAsync(data, Arm(timeout));
                return;
            }
            using var deadline = new CancellationTokenSource(timeout);
            while (data.Length > 0)
            {
                int sent = await socket.SendAsync(data, SocketFlags.None, deadline.Token);
                data = data[sent..];
            }
        }
        catch (OperationCanceledException)
        {
            throw new UpstreamException(UpstreamFailure.Timeout, "upstream timed out (110: Connection timed out) while sending request to upstream");
        }
        catch (SocketException e)
        {
            throw new UpstreamException(UpstreamFailure.Error, $"writev() failed ({ErrorText(e)}) while sending request to upstream");
        }
    }

    /// <summary>The unread bytes already buffered.</summary>
    public ReadOnlySpan<byte> Buffered => buffer.AsSpan(start, end - start);
    public ReadOnlyMemory<byte> BufferedMemory => buffer.AsMemory(start, end - start);

    public void Consume(int count) => start += count;

    /// <summary>
    /// Reads more bytes after the buffered ones within <paramref name="timeout"/> (proxy_read_timeout);
    /// <paramref name="while_"/> is nginx's action for the failure's log text. Awaiting gives the
    /// count read, 0 when the upstream closed.
    /// </summary>
    public UpstreamRead FillAsync(TimeSpan timeout, string while_)
    {
        if (start == end)
        {
            start = end = 0;
            if (lastReadFilled && buffer.Length < LargestReadBuffer) ReplaceBuffer(buffer.Length * 2, keep: 0);
        }
        if (end == buffer.Length)
        {
            if (start > 0)
            {
                Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
                end -= start;
                start = 0;
            }
            else ReplaceBuffer(buffer.Length * 2, keep: end);
        }
        var read = polled is not null ? polled.ReadAsync(buffer.AsMemory(end), Arm(timeout)) : ReceiveAsync(buffer.AsMemory(end), timeout);
        return new UpstreamRead(this, read, while_);
    }

    private byte[] NewBuffer(int size) => pooledBuffer ? ArrayPool<byte>.Shared.Rent(size) : new byte[size];

    /// <summary>A larger buffer with the first <paramref name="keep"/> bytes of the current one.</summary>
    private void ReplaceBuffer(int size, int keep)
    {
        var bigger = NewBuffer(size);
        buffer.AsSpan(0, keep).CopyTo(bigger);
        if (pooledBuffer) ArrayPool<byte>.Shared.Return(buffer);
        buffer = bigger;
    }

    /// <summary>Without the worker's epoll: .NET's own socket engine, with its own deadline.</summary>
    private async ValueTask<int> ReceiveAsync(Memory<byte> into, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        return await socket.ReceiveAsync(into, SocketFlags.None, deadline.Token);
    }

    /// <summary>Takes a finished <see cref="FillAsync"/> read's result: the bytes join the buffer; failures get nginx's texts.</summary>
    internal int Filled(ValueTask<int> read, string while_)
    {
        try
        {
            int n = read.GetAwaiter().GetResult();
            lastReadFilled = n > 0 && end + n == buffer.Length;
            end += n;
            return n;
        }
        catch (OperationCanceledException)
        {
            throw new UpstreamException(UpstreamFailure.Timeout, "upstream timed out (110: Connection timed out) " + while_);
        }
        catch (SocketException e)
        {
            throw new UpstreamException(UpstreamFailure.Error, $"recv() failed ({ErrorText(e)}) " + while_);
        }
    }

    public void Dispose()
    {
        if (polled is not null) polled.Dispose();
        else socket.Dispose();
        deadline.Dispose();
        // On its worker nothing else can be reading into the buffer; a Dispose from another thread leaves it to the GC.
        if (pooledBuffer && owner!.IsCurrent && buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = Array.Empty<byte>();
            start = end = 0;
        }
    }
}

/// <summary>What went wrong with an upstream, as proxy_next_upstream names it.</summary>
public enum UpstreamFailure { Error, Timeout, InvalidHeader }

/// <summary>An upstream failure with nginx's log text (without the request tail).</summary>
public sealed class UpstreamException : Exception
{
    public UpstreamException(UpstreamFailure failure, string message) : base(message) { Failure = failure; }
    public UpstreamFailure Failure { get; }
}
