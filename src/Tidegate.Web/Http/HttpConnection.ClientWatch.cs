using System.Net.Sockets;

namespace Tidegate.Web.Http;

/// <summary>How the client ended its side of the connection while a request was being handled.</summary>
/// <param name="Error">the socket error ("104: Connection reset by peer") or null for an orderly close (EOF).</param>
public sealed record ClientClose(string? Error)
{
    /// <summary>nginx's words: "client prematurely closed connection" plus the error, if any.</summary>
    public string Describe(string what = "client prematurely closed connection") =>
        Error is null ? what : what + " (" + Error + ")";
}

public sealed partial class HttpConnection
{
    /// <summary>
    /// The one socket read the client-close watch has outstanding, if any. Its bytes land in
    /// <see cref="buffer"/> at <see cref="end"/> (read ahead, as nginx leaves them in the kernel),
    /// so every other reader joins it instead of reading alongside it.
    /// </summary>
    private Task<int>? pendingRead;

    /// <summary>
    /// Watches for the client closing (EOF, reset) while <paramref name="channel"/>'s request is
    /// handled, as nginx's broken-connection checks do (lua_check_client_abort, the upstream
    /// module): bytes the client sends meanwhile are kept for the body reader or the next request.
    /// Never completes once the request is over, or when the buffer is full of unread bytes (nginx
    /// sees the FIN behind them with EPOLLRDHUP; tidegate reads ahead only as far as its buffer).
    /// </summary>
    private async Task<ClientClose> WatchClientAsync(RequestChannel channel)
    {
        while (!channel.Over)
        {
            int n;
            try
            {
                var read = ReadAheadAsync();
                if (read is null) break;
                n = await read;
            }
            catch (SocketException e)
            {
                return new ClientClose(SocketErrors.Describe(e.SocketErrorCode));
            }
            catch (Exception e) when (e is ObjectDisposedException or OperationCanceledException or IOException)
            {
                break;
            }
            if (n <= 0) return new ClientClose(null);
        }
        return await new TaskCompletionSource<ClientClose>().Task;
    }

    /// <summary>Issues (or joins) the read ahead; null when the buffer has no room left without growing.</summary>
    private Task<int>? ReadAheadAsync()
    {
        if (pendingRead is { } ahead) return ahead;
        if (start == end) start = end = 0;
        if (end == buffer.Length)
        {
            if (start == 0) return null;
            Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
        }
        var read = ReadIntoBufferAsync();
        // A read that completed at once has appended its bytes already: nothing is outstanding.
        pendingRead = read.IsCompleted ? null : read;
        return read;
    }

    private async Task<int> ReadIntoBufferAsync()
    {
        int n;
        try { n = await connection.ReadAsync(buffer.AsMemory(end), CancellationToken.None); }
        finally { pendingRead = null; }
        end += n;
        return n;
    }
}

/// <summary>Socket errors in nginx's "(errno: strerror)" form.</summary>
public static class SocketErrors
{
    public static string Describe(SocketError error) => error switch
    {
        SocketError.ConnectionReset => "104: Connection reset by peer",
        SocketError.Shutdown => "32: Broken pipe",
        SocketError.TimedOut => "110: Connection timed out",
        SocketError.ConnectionAborted => "103: Software caused connection abort",
        _ => (int)error + ": " + error,
    };
}
