namespace Tidegate.Web.Http;

/// <summary>
/// The client connection as a running request sees it. The core answers most requests with a
/// whole response written after the pipeline; handlers that need the body or must stream (Lua's
/// ngx.req.read_body and ngx.flush, proxying, echo_flush) use this instead. Awaits resume on
/// the request's worker.
/// </summary>
public interface IRequestChannel
{
    /// <summary>True once the body was read (or there was none).</summary>
    bool BodyRead { get; }

    /// <summary>
    /// Reads the whole request body (Content-Length or chunked; answers <c>Expect: 100-continue</c>)
    /// into <see cref="RequestContext.RequestBody"/>, once; later calls return the first result.
    /// </summary>
    /// <returns>false when the body was malformed or the client went away or timed out (already
    /// logged; the connection closes after this request).</returns>
    ValueTask<bool> ReadBodyAsync();

    /// <summary>True once the status line and headers went out; the response can no longer change them.</summary>
    bool HeadersSent { get; }

    /// <summary>
    /// Runs the header filters and sends the status line and headers from
    /// <see cref="RequestContext.Response"/>. Without a Content-Length the body then goes chunked
    /// (HTTP/1.1) or is delimited by closing the connection (HTTP/1.0). Nothing happens if sent.
    /// </summary>
    ValueTask SendHeadersAsync();

    /// <summary>Sends body bytes through the body filters, sending the headers first if needed.</summary>
    /// <param name="flush">wait until the bytes are handed to the network (ngx.flush(true), echo_flush).</param>
    ValueTask WriteAsync(ReadOnlyMemory<byte> data, bool flush = false);

    /// <summary>Ends the body (the last chunk); later writes are dropped. Sends the headers first if needed.</summary>
    ValueTask FinishAsync();

    /// <summary>
    /// Sends the last body bytes and ends the body; a channel that can puts both (and a held-back
    /// head) into one write, so a small response costs one send. <paramref name="last"/> is only
    /// read until the returned task completes.
    /// </summary>
    async ValueTask FinishAsync(ReadOnlyMemory<byte> last)
    {
        if (last.Length > 0) await WriteAsync(last.ToArray(), flush: true);
        await FinishAsync();
    }

    /// <summary>True once <see cref="FinishAsync()"/> ran (ngx.eof).</summary>
    bool Finished { get; }

    /// <summary>True once response bytes reached the connection (a head that is held back does not count).</summary>
    bool WireStarted => HeadersSent;

    /// <summary>
    /// Gives the response up (ngx.exit(444), ngx.ERROR, a client that went away): what is held
    /// back is dropped, nothing more is sent, and the connection closes after the request.
    /// </summary>
    void Abandon() { }

    /// <summary>
    /// Completes when the client closes or breaks the connection while this request is handled
    /// (lua_check_client_abort, the upstream module's check); null where that cannot be watched.
    /// </summary>
    Task<ClientClose>? ClientGone => null;

    /// <summary>
    /// <see cref="ClientGone"/> as a callback, while this request is handled: <paramref name="listener"/> hears
    /// once that the client closed or broke the connection (at once, when that is known already). One listener
    /// at a time; it is dropped when the request is over. Here through <see cref="ClientGone"/>; the client
    /// connection's channel watches the socket itself, without a task per request.
    /// </summary>
    void WatchClientClose(IClientCloseListener listener) => ClientCloseThroughTask.Watch(ClientGone, listener);
}
