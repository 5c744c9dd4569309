using Tidegate.Web.Runtime;

namespace Tidegate.Web.Http;

/// <summary>How the client ended its side of the connection while a request was being handled.</summary>
/// <param name="Error">the socket error ("104: Connection reset by peer") or null for an orderly close (EOF).</param>
public sealed record ClientClose(string? Error)
{
    /// <summary>An orderly close (end of stream).</summary>
    public static readonly ClientClose Eof = new((string?)null);
    /// <summary>A reset (RST).</summary>
    public static readonly ClientClose ConnectionReset = new("104: Connection reset by peer");

    /// <summary>nginx's words: "client prematurely closed connection" plus the error, if any.</summary>
    public string Describe(string what = "client prematurely closed connection") =>
        Error is null ? what : what + " (" + Error + ")";
}

/// <summary>Told by <see cref="IRequestChannel.WatchClientClose"/> that the client went while its request was handled.</summary>
public interface IClientCloseListener
{
    void ClientClosed(ClientClose close);
}

/// <summary>The client-close callback watch through a <see cref="IRequestChannel.ClientGone"/> task (channels that cannot watch the socket themselves).</summary>
public static class ClientCloseThroughTask
{
    public static void Watch(Task<ClientClose>? gone, IClientCloseListener listener)
    {
        if (gone is null) return;
        if (gone.IsCompleted)
        {
            if (gone.IsCompletedSuccessfully) listener.ClientClosed(gone.Result);
            return;
        }
        // Captures the worker's context: the listener is told on the worker.
        gone.GetAwaiter().UnsafeOnCompleted(() => { if (gone.IsCompletedSuccessfully) listener.ClientClosed(gone.Result); });
    }
}

public sealed partial class HttpConnection
{
    /// <summary>
    /// Watches for the client closing (EOF, reset) while <paramref name="channel"/>'s request is
    /// handled, as nginx's broken-connection checks do (lua_check_client_abort, the upstream
    /// module). Nothing is read: bytes the client sent that nobody has read yet (a body, a pipelined
    /// request) hide a close behind them, as from nginx (checked: a 1000-byte body the handler has
    /// not read keeps nginx from noticing the abort). Never completes once the request is over.
    /// </summary>
    private async Task<ClientClose> WatchClientAsync(RequestChannel channel)
    {
        // The channel (and its context) may serve the connection's next request while this waits.
        int generation = channel.Generation;
        PeerState state;
        try { state = await connection.WaitReadableAsync(CancellationToken.None); }
        catch (Exception e) when (e is ObjectDisposedException or OperationCanceledException or IOException or System.Net.Sockets.SocketException)
        {
            state = PeerState.DataPending;
        }
        if (!channel.Over && channel.Generation == generation)
        {
            if (state == PeerState.Closed) return ClientClose.Eof;
            if (state == PeerState.Reset) return ClientClose.ConnectionReset;
        }
        return await new TaskCompletionSource<ClientClose>().Task;
    }
}
