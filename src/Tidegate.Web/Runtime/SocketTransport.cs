using System.Net;
using System.Net.Sockets;

namespace Tidegate.Web.Runtime;

/// <summary>
/// The transport behind <see cref="IConnectionListener"/>: plain <see cref="Socket"/>s. Kestrel's
/// socket transport was the first candidate, but its pipes schedule read completions on the
/// thread pool (useSynchronizationContext is off), which would move a connection between
/// threads; a socket's own awaitable operations capture the worker's SynchronizationContext, so
/// completions land back on the worker that owns the connection, with no extra hop.
/// </summary>
public sealed class SocketListener : IConnectionListener
{
    private readonly Socket socket;

    private SocketListener(Socket socket) { this.socket = socket; }

    public EndPoint LocalEndPoint => socket.LocalEndPoint!;

    /// <summary>Binds and listens; failures surface as nginx's "bind() to ... failed (98: Address already in use)".</summary>
    public static SocketListener Bind(EndPoint endPoint, int backlog, bool reusePort)
    {
        bool unix = endPoint is UnixDomainSocketEndPoint;
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, unix ? ProtocolType.Unspecified : ProtocolType.Tcp);
        try
        {
            if (!unix) socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            if (reusePort && !unix) socket.SetRawSocketOption(1 /* SOL_SOCKET */, 15 /* SO_REUSEPORT */, BitConverter.GetBytes(1));
            socket.Bind(endPoint);
            socket.Listen(backlog);
            return new SocketListener(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Wraps an already-listening socket (inherited across a reload).</summary>
    public static SocketListener FromSocket(Socket socket) => new(socket);

    public Socket Socket => socket;

    public async ValueTask<IConnection?> AcceptAsync(CancellationToken cancellation)
    {
        try
        {
            return Adopt(await socket.AcceptAsync(cancellation));
        }
        catch (Exception e) when (e is ObjectDisposedException or OperationCanceledException or SocketException { SocketErrorCode: SocketError.OperationAborted or SocketError.Interrupted })
        {
            return null;
        }
    }

    /// <summary>
    /// An accepted socket made a connection: TCP_NODELAY (nginx sets it on keepalive connections), and on a
    /// worker with its own epoll served by that epoll (no thread switches per read).
    /// </summary>
    internal static IConnection Adopt(Socket accepted)
    {
        if (accepted.AddressFamily != AddressFamily.Unix) accepted.NoDelay = true;
        if (SynchronizationContext.Current is WorkerLoop { Poller: { } poller } loop
            && PolledConnection.TryCreate(accepted, loop, poller) is { } polled)
            return polled;
        return new SocketConnection(accepted);
    }

    public ValueTask DisposeAsync()
    {
        var local = socket.LocalEndPoint;
        socket.Dispose();
        // nginx removes a unix socket's file when it closes the listener for good.
        if (local is UnixDomainSocketEndPoint unix && unix.ToString() is { Length: > 0 } path && File.Exists(path))
        {
            try { File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
        return ValueTask.CompletedTask;
    }
}

public sealed class SocketConnection : IConnection
{
    private readonly Socket socket;

    public SocketConnection(Socket socket)
    {
        this.socket = socket;
        LocalEndPoint = Normalize(socket.LocalEndPoint!);
        RemoteEndPoint = Normalize(socket.RemoteEndPoint ?? new UnixDomainSocketEndPoint(""));
    }

    public EndPoint LocalEndPoint { get; }
    public EndPoint RemoteEndPoint { get; }

    public ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellation) =>
        socket.ReceiveAsync(buffer, SocketFlags.None, cancellation);

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellation)
    {
        while (data.Length > 0)
        {
            int sent = await socket.SendAsync(data, SocketFlags.None, cancellation);
            data = data[sent..];
        }
    }

    public void ShutdownSend()
    {
        try { socket.Shutdown(SocketShutdown.Send); } catch (SocketException) { } catch (ObjectDisposedException) { }
    }

    public async ValueTask<PeerState> WaitReadableAsync(CancellationToken cancellation)
    {
        try
        {
            // A zero-byte receive completes once the socket is readable without taking anything;
            // a peek then tells a close (0) from pending bytes. The peek cannot block: it is readable.
            await socket.ReceiveAsync(Memory<byte>.Empty, SocketFlags.None, cancellation);
            byte[] one = new byte[1];
            int n = socket.Receive(one, 0, 1, SocketFlags.Peek, out var error);
            if (error != SocketError.Success) return error == SocketError.WouldBlock ? PeerState.DataPending : PeerState.Reset;
            return n == 0 ? PeerState.Closed : PeerState.DataPending;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
        {
            return PeerState.Reset;
        }
    }

    public void Dispose() => socket.Dispose();

    internal static EndPoint Normalize(EndPoint e) =>
        e is IPEndPoint ip && ip.Address.IsIPv4MappedToIPv6 ? new IPEndPoint(ip.Address.MapToIPv4(), ip.Port) : e;
}
