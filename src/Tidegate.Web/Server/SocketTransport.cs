using System.Net;
using System.Net.Sockets;

namespace Tidegate.Web.Server;

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
    public static SocketListener Bind(IPEndPoint endPoint, int backlog, bool reusePort)
    {
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            if (reusePort) socket.SetRawSocketOption(1 /* SOL_SOCKET */, 15 /* SO_REUSEPORT */, BitConverter.GetBytes(1));
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
            var accepted = await socket.AcceptAsync(cancellation);
            accepted.NoDelay = true;
            return new SocketConnection(accepted);
        }
        catch (Exception e) when (e is ObjectDisposedException or OperationCanceledException or SocketException { SocketErrorCode: SocketError.OperationAborted or SocketError.Interrupted })
        {
            return null;
        }
    }

    public ValueTask DisposeAsync()
    {
        socket.Dispose();
        return ValueTask.CompletedTask;
    }
}

public sealed class SocketConnection : IConnection
{
    private readonly Socket socket;

    public SocketConnection(Socket socket)
    {
        this.socket = socket;
        LocalEndPoint = Normalize((IPEndPoint)socket.LocalEndPoint!);
        RemoteEndPoint = Normalize((IPEndPoint)socket.RemoteEndPoint!);
    }

    public IPEndPoint LocalEndPoint { get; }
    public IPEndPoint RemoteEndPoint { get; }

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

    public void Dispose() => socket.Dispose();

    private static IPEndPoint Normalize(IPEndPoint e) =>
        e.Address.IsIPv4MappedToIPv6 ? new IPEndPoint(e.Address.MapToIPv4(), e.Port) : e;
}
