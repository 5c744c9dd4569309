using System.Net;

namespace Tidegate.Web.Runtime;

/// <summary>
/// The seam between the HTTP layer and the network (DESIGN.md: "keep that choice behind one
/// seam"). A listener yields connections; a connection is a byte stream whose awaits resume on
/// the awaiting worker's loop. The HTTP/1.1 layer above sees only this.
/// </summary>
public interface IConnectionListener : IAsyncDisposable
{
    EndPoint LocalEndPoint { get; }
    /// <summary>Waits for the next connection; null once the listener is closed.</summary>
    ValueTask<IConnection?> AcceptAsync(CancellationToken cancellation);
}

public interface IConnection : IDisposable
{
    /// <summary>An IPEndPoint, or a UnixDomainSocketEndPoint on a unix socket.</summary>
    EndPoint LocalEndPoint { get; }
    EndPoint RemoteEndPoint { get; }
    /// <summary>Reads some bytes; 0 means the peer closed its side.</summary>
    ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellation);
    ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellation);
    /// <summary>Half-closes the sending side (nginx's lingering close begins with this).</summary>
    void ShutdownSend();

    /// <summary>
    /// Waits until the connection is readable and says why, consuming nothing: the peer closed its
    /// side (nothing unread before the close), reset the connection, or sent bytes (which hide a
    /// close behind them, as they do from nginx's broken-connection checks). Never completes where
    /// the transport cannot tell.
    /// </summary>
    ValueTask<PeerState> WaitReadableAsync(CancellationToken cancellation) => new(new TaskCompletionSource<PeerState>().Task);

    /// <summary>
    /// <see cref="WaitReadableAsync"/> as a callback, for a watch set on every request of a kind (a proxied
    /// one): <paramref name="listener"/> hears once, on the connection's worker, that the peer closed or
    /// reset the connection (at once, when that is known already); bytes the peer sent end the watch
    /// silently, as they hide a close. False where the transport cannot watch this way (use
    /// <see cref="WaitReadableAsync"/>). One watch at a time: a new one replaces the last.
    /// </summary>
    bool WatchClose(IPeerCloseListener listener) => false;

    /// <summary>Ends the <see cref="WatchClose"/> watch, if one is set.</summary>
    void StopWatchingClose() { }
}

/// <summary>Told by <see cref="IConnection.WatchClose"/> that the peer closed (Closed) or reset (Reset) the connection.</summary>
public interface IPeerCloseListener
{
    void PeerClosed(PeerState state);
}

/// <summary>What <see cref="IConnection.WaitReadableAsync"/> found.</summary>
public enum PeerState { Closed, Reset, DataPending }
