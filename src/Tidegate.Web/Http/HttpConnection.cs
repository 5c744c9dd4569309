using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Tidegate.Web.Hosting;
using Tidegate.Web.Logging;
using Tidegate.Web.Runtime;

namespace Tidegate.Web.Http;

/// <summary>
/// One client connection, served by one worker from accept to close: read a request head within
/// the header limits, read (or discard) its body, run the pipeline, write the response, log it,
/// and loop while keepalive allows (keepalive_timeout, keepalive_requests).
/// </summary>
public sealed partial class HttpConnection
{
    private readonly IConnection connection;
    private readonly ServerRuntime runtime;
    private readonly ListenGroup group;
    private readonly ConnectionInfo info;
    private byte[] buffer;
    private int start, end; // unread bytes are buffer[start..end)
    /// <summary>The strings of the last request head, reused for the next one where its bytes repeat.</summary>
    private readonly HeadStringCache headStrings = new();
    /// <summary>
    /// The last request's context (with its request, response, channel and Lua state) when nothing of that
    /// request can still use it: the next request on the connection refills it instead of allocating its own
    /// (a keepalive request then allocates close to nothing). Reset field by field: see RequestContext.Recycle.
    /// </summary>
    private RequestContext? spare;

    public HttpConnection(IConnection connection, ServerRuntime runtime, ListenGroup group, long id)
    {
        this.connection = connection;
        this.runtime = runtime;
        this.group = group;
        info = new ConnectionInfo
        {
            Id = id, Local = connection.LocalEndPoint, Remote = connection.RemoteEndPoint,
            Listen = ConfigCompiler.FormatEndPoint(group.EndPoint),
        };
        var defaults = group.DefaultServer;
        buffer = new byte[Math.Max(defaults.ClientHeaderBufferSize, 4096)];
        // Made on the worker that serves the connection (its accept loop runs there).
        var worker = SynchronizationContext.Current as WorkerLoop;
        readTimer = new WorkerDeadline(worker);
        writeTimer = new WorkerDeadline(worker);
    }

    // One timeout per direction, re-armed for each read or write, kept in the worker's own timeout list
    // (nginx's timer tree, read against the worker's per-turn clock): a runtime timer per operation
    // (CancelAfter: a process-wide lock and a clock read, twice per request) cost more than the list.
    private readonly WorkerDeadline readTimer;
    private readonly WorkerDeadline writeTimer;
    /// <summary>True while waiting for the next request (so a graceful stop may close it).</summary>
    private volatile bool idle;

    public async Task RunAsync(CancellationToken stopping)
    {
        // A graceful stop closes connections that sit between requests; busy ones finish first.
        using var onStop = stopping.Register(static state =>
        {
            var self = (HttpConnection)state!;
            if (self.idle) self.readTimer.CancelNow();
        }, this);
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                bool keepAlive = await ServeOneAsync(stopping);
                if (!keepAlive) break;
            }
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The client went away or a timeout fired: nginx closes quietly (info level at most).
        }
        catch (Exception e)
        {
            runtime.ErrorLog.Write(LogLevel.Alert, $"unexpected failure while serving the connection: {e}", info.Id);
        }
        finally
        {
            connection.Dispose();
            readTimer.Dispose();
            writeTimer.Dispose();
        }
    }

    // The methods every request awaits through use the worker's builder (WorkerTaskBuilder): a request that
    // waits for its head (every keepalive request does) reuses their boxes and resumes them without a Post.
    /// <returns>true to keep the connection open for another request.</returns>
    [AsyncMethodBuilder(typeof(WorkerTaskBuilder<>))]
    private async ValueTask<bool> ServeOneAsync(CancellationToken stopping)
    {
        var defaults = group.DefaultServer;
        var defaultSettings = defaults.Root.Settings;
        int largeSize = defaults.LargeHeaderBufferSize;
        int maxHead = defaults.ClientHeaderBufferSize + defaults.LargeHeaderBufferCount * largeSize;

        // Wait for the head: keepalive_timeout between requests, client_header_timeout within one.
        int headEnd;
        bool first = info.Requests == 0;
        while ((headEnd = FindHeadEnd()) < 0)
        {
            // Limits: an over-long request line is 414, an over-long header line or head is 494.
            int limitStatus = CheckHeadLimits(largeSize, maxHead);
            if (limitStatus != 0)
            {
                await RejectAsync(limitStatus, LimitMessage(limitStatus, largeSize), defaults, RequestLinePreview());
                return false;
            }
            bool waiting = start == end;
            var timeout = waiting && !first ? defaultSettings.KeepaliveTimeout : defaults.ClientHeaderTimeout;
            idle = waiting;
            if (waiting && stopping.IsCancellationRequested) return false;
            int n;
            try { n = await ReadMoreAsync(timeout, stopping, allowGrow: maxHead + 4); }
            catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
            {
                // nginx closes without answering; an idle keepalive connection goes silently.
                if (!waiting || first)
                {
                    string where = waiting ? $"waiting for request, client: {info.RemoteAddress}, server: {info.Listen}"
                        : RequestLinePreview() is { } line
                            ? $"reading client request headers, client: {info.RemoteAddress}, server: {defaults.PrimaryName}, request: \"{line}\""
                            : $"reading client request line, client: {info.RemoteAddress}, server: {defaults.PrimaryName}";
                    runtime.ErrorLog.Write(LogLevel.Info, "client timed out (110: Connection timed out) while " + where, info.Id);
                }
                return false;
            }
            finally { idle = false; }
            if (n <= 0)
            {
                if (waiting && !first) runtime.ErrorLog.Write(LogLevel.Info, $"client {info.RemoteAddress} closed keepalive connection", info.Id);
                else if (waiting) runtime.ErrorLog.Write(LogLevel.Info, $"client closed connection while waiting for request, client: {info.RemoteAddress}, server: {info.Listen}", info.Id);
                return false;
            }
        }

        int headLength = headEnd - start;
        int limit = CheckHeadLimits(largeSize, maxHead, headLength);
        if (limit != 0)
        {
            await RejectAsync(limit, LimitMessage(limit, largeSize), defaults, RequestLinePreview());
            return false;
        }

        // The last request's objects, when it left nothing that could still use them (see RequestContext.MayRecycle).
        var recycled = spare;
        spare = null;
        var request = RequestParser.Parse(buffer.AsSpan(start, headLength), defaults.MergeSlashes, defaults.IgnoreInvalidHeaders,
            headStrings, recycled?.Request, out var error);
        start = headEnd;
        info.Requests++;
        if (error is not null)
        {
            runtime.ErrorLog.Write(LogLevel.Info,
                error.LogMessage + (error.WhileReadingLine ? " while reading client request line" : " while reading client request headers"),
                info.Id, new RequestLogContext(info.RemoteAddress, defaults.PrimaryName, error.RequestLine, error.WhileReadingLine ? null : error.Host));
            await RejectAsync(error.Status, null, defaults, error.RequestLine, request);
            return false;
        }
        request.HeaderLength = headLength;

        var server = ServerSelector.Select(group, request.Host, out var hostCaptures);
        RequestContext ctx;
        RequestChannel channel;
        if (recycled is not null)
        {
            ctx = recycled;
            ctx.Recycle(server, hostCaptures);
            channel = (RequestChannel)ctx.Channel;
            channel.Recycle();
        }
        else
        {
            ctx = new RequestContext { Connection = info, Request = request, Server = server, Captures = hostCaptures };
            ctx.Location = server.Root;
            channel = new RequestChannel(this, ctx, stopping);
            ctx.Channel = channel;
        }
        ctx.RequestLength = headLength;

        try
        {
            await runtime.Pipeline.ProcessAsync(ctx);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A failure inside request handling answers that request with 500; the server goes on.
            // Once the head went out there is no answering any more: nginx closes the connection.
            if (channel.HeadersSent || e is IOException or System.Net.Sockets.SocketException)
            {
                channel.Over = true;
                if (!channel.HeadersSent) runtime.Pipeline.Log(ctx, LogLevel.Info, $"client connection failed while handling the request: {e.Message}");
                runtime.LogAccess(ctx);
                return false;
            }
            runtime.Pipeline.Log(ctx, LogLevel.Error, $"request handling failed: {e.GetType().Name}: {e.Message}");
            ctx.Response.Reset();
            ctx.Response.CloseWithoutResponse = false;
            ctx.Response.IsErrorPage = true;
            await runtime.Pipeline.SpecialAsync(ctx, 500);
        }
        channel.Over = true;
        if (channel.Abandoned)
        {
            // ngx.exit(444) after output, ngx.ERROR, a client that went away: close as it stands.
            runtime.LogAccess(ctx);
            return false;
        }
        if (channel.HeadersSent)
        {
            // A streamed response: end it, then take (and drop) what is left of the body so the
            // next request starts in the right place.
            if (!channel.Finished) await channel.FinishAsync();
            bool streamedBodyOk = await channel.DiscardBodyAsync();
            runtime.LogAccess(ctx);
            bool keep = channel.KeepAlive && streamedBodyOk && !stopping.IsCancellationRequested;
            if (!keep)
            {
                if (start < end || !streamedBodyOk) await LingeringCloseAsync();
                else connection.ShutdownSend();
            }
            else if (ctx.MayRecycle && channel.MayRecycle) spare = ctx;
            return keep;
        }
        // The body is read (and dropped unless a handler took it) so the connection stays in step.
        bool bodyOk = true;
        if (!ctx.Response.CloseWithoutResponse && ctx.Response.Status != 413)
            bodyOk = await channel.DiscardBodyAsync();
        if (!bodyOk)
        {
            ctx.Response.IsErrorPage = true;
            ctx.Response.Reset();
            await runtime.Pipeline.SpecialAsync(ctx, 400);
        }

        if (ctx.Response.CloseWithoutResponse)
        {
            runtime.LogAccess(ctx);
            return false;
        }

        bool keepAlive = DecideKeepAlive(ctx, bodyOk, stopping);
        await WriteResponseAsync(ctx, keepAlive, stopping);
        runtime.LogAccess(ctx);
        if (!keepAlive)
        {
            // Unread input (a body not taken, pipelined requests) means the client may still be
            // sending: linger so the close does not reset the connection under the response.
            if (start < end || !bodyOk || ctx.Response.Status == 413) await LingeringCloseAsync();
            else connection.ShutdownSend();
        }
        else if (ctx.MayRecycle && channel.MayRecycle) spare = ctx;
        return keepAlive;
    }

    /// <summary>The position just past the empty line ending the head, or -1.</summary>
    private int FindHeadEnd()
    {
        var span = buffer.AsSpan(start, end - start);
        // Skip the empty lines nginx tolerates before a request line.
        int skip = 0;
        while (skip < span.Length && (span[skip] == '\r' || span[skip] == '\n')) skip++;
        int from = skip;
        while (true)
        {
            int nl = span[from..].IndexOf((byte)'\n');
            if (nl < 0) return -1;
            int lineStart = from + nl + 1;
            if (lineStart < span.Length && span[lineStart] == '\n') return start + lineStart + 1;
            if (lineStart + 1 < span.Length && span[lineStart] == '\r' && span[lineStart + 1] == '\n') return start + lineStart + 2;
            // An HTTP/0.9 request line ("GET /") ends the head by itself.
            if (from == skip && span[skip..(from + nl)].IndexOf("HTTP/"u8) < 0 && span[skip..].StartsWith("GET "u8))
                return start + lineStart;
            if (lineStart >= span.Length) return -1;
            from = lineStart;
        }
    }

    /// <summary>
    /// nginx's header buffers, simulated: the head is read into client_header_buffer_size; a line
    /// that does not fit in what is left moves (whole) to a new large buffer, of which there are
    /// large_client_header_buffers N of size L. A line longer than L, or needing an N+1th buffer,
    /// fails: 414 while still in the request line, else 494 (400 "Request Header Or Cookie Too Large").
    /// </summary>
    private int CheckHeadLimits(int largeSize, int maxHead, int headLength = -1)
    {
        var span = buffer.AsSpan(start, headLength >= 0 ? headLength : end - start);
        var server = group.DefaultServer;
        int remaining = server.ClientHeaderBufferSize;
        int largeUsed = 0;
        int pos = 0;
        bool requestLine = true;
        while (pos < span.Length)
        {
            int next = span[pos..].IndexOf((byte)'\n');
            int length = next < 0 ? span.Length - pos : next + 1;
            if (length > remaining)
            {
                // A line never splits across buffers: it moves to a fresh large one.
                if (length > largeSize || ++largeUsed > server.LargeHeaderBufferCount) return requestLine ? 414 : 494;
                remaining = largeSize;
            }
            remaining -= length;
            if (next < 0) break;
            if (span[pos..(pos + length)].Trim("\r\n"u8).Length > 0) requestLine = false;
            pos += length;
        }
        return 0;
    }

    /// <summary>nginx's words for a head that outgrew large_client_header_buffers.</summary>
    private string LimitMessage(int status, int largeSize)
    {
        if (status == 414) return "client sent too long URI while reading client request line";
        var span = buffer.AsSpan(start, end - start);
        int pos = span.IndexOf((byte)'\n') + 1;
        while (pos > 0 && pos < span.Length)
        {
            int next = span[pos..].IndexOf((byte)'\n');
            int length = next < 0 ? span.Length - pos : next;
            if (length > largeSize)
            {
                string line = Encoding.Latin1.GetString(span.Slice(pos, Math.Min(Math.Min(length, largeSize), 1748)));
                return $"client sent too long header line: \"{line}...\" while reading client request headers";
            }
            if (next < 0) break;
            pos += next + 1;
        }
        return "client sent too large request while reading client request headers";
    }

    private string? RequestLinePreview()
    {
        var span = buffer.AsSpan(start, end - start);
        int nl = span.IndexOf((byte)'\n');
        if (nl < 0) return null;
        var line = span[..nl];
        if (line.Length > 0 && line[^1] == '\r') line = line[..^1];
        return Encoding.Latin1.GetString(line);
    }

    /// <remarks>
    /// Always completes on the worker: its one await (the socket read) captures the worker's context, or
    /// completes there (<see cref="Runtime.PolledConnection"/>); its awaiter then resumes at once on the same
    /// thread (<see cref="WorkerTaskBuilder"/>).
    /// </remarks>
    [AsyncMethodBuilder(typeof(WorkerTaskBuilder<>))]
    private async ValueTask<int> ReadMoreAsync(TimeSpan timeout, CancellationToken stopping, int allowGrow)
    {
        if (start > 0 && start == end) start = end = 0;
        if (end == buffer.Length)
        {
            if (start > 0)
            {
                Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
                end -= start;
                start = 0;
            }
            else
            {
                var bigger = new byte[Math.Min(Math.Max(buffer.Length * 2, 4096), Math.Max(allowGrow, buffer.Length + 4096))];
                Buffer.BlockCopy(buffer, 0, bigger, 0, end);
                buffer = bigger;
            }
        }
        int n = await connection.ReadAsync(buffer.AsMemory(end), readTimer.Arm(timeout));
        end += n;
        return n;
    }

    /// <summary>Reads the request body (Content-Length or chunked) so the next request starts in the right place.</summary>
    /// <param name="discarding">the body is read only to be dropped: nginx holds a discarded body to no size limit.</param>
    [AsyncMethodBuilder(typeof(WorkerTaskBuilder<>))]
    private async ValueTask<bool> ReadBodyAsync(RequestContext ctx, CancellationToken stopping, bool mayContinue, bool discarding = false)
    {
        var request = ctx.Request;
        // No body (most requests): nothing to read, and no stream made for it.
        if (request.ContentLength is null or 0 && !request.Chunked) return true;
        var timeout = ctx.Settings.ClientBodyTimeout;
        using var body = new MemoryStream();
        // "Expect: 100-continue": the client waits for this before sending the body (nginx's ngx_http_test_expect).
        if (mayContinue && (request.ContentLength > 0 || request.Chunked) && request.VersionMajor == 1 && request.VersionMinor >= 1
            && request.Header("Expect") is { } expect && expect.Equals("100-continue", StringComparison.OrdinalIgnoreCase))
        {
            await connection.WriteAsync("HTTP/1.1 100 Continue\r\n\r\n"u8.ToArray(), writeTimer.Arm(ctx.Settings.SendTimeout));
        }
        if (request.ContentLength is long length)
        {
            long remaining = length;
            while (remaining > 0)
            {
                if (start == end && await ReadMoreAsync(timeout, stopping, buffer.Length) <= 0) return false;
                int take = (int)Math.Min(remaining, end - start);
                body.Write(buffer, start, take);
                start += take;
                remaining -= take;
            }
        }
        else if (request.Chunked)
        {
            var decoder = new ChunkedDecoder { MaxBodySize = discarding ? 0 : ctx.Settings.ClientMaxBodySize };
            while (true)
            {
                if (start == end && await ReadMoreAsync(timeout, stopping, buffer.Length) <= 0) return false;
                var state = decoder.Feed(buffer.AsSpan(start, end - start), body, out int consumed);
                start += consumed;
                if (state == ChunkedDecoder.State.Invalid)
                {
                    runtime.Pipeline.Log(ctx, LogLevel.Error, "client sent invalid chunked body");
                    return false;
                }
                if (state == ChunkedDecoder.State.TooLarge)
                {
                    runtime.Pipeline.Log(ctx, LogLevel.Error,
                        $"client intended to send too large chunked body: {decoder.Received}+{decoder.ChunkSize} bytes");
                    ctx.BodyTooLarge = true;
                    return false;
                }
                if (state == ChunkedDecoder.State.Done) break;
            }
        }
        ctx.RequestLength += body.Length;
        if (body.Length > 0) ctx.RequestBody = body.ToArray();
        return true;
    }

    private async Task RejectAsync(int status, string? logMessage, ServerBlock server, string? requestLine, HttpRequest? request = null)
    {
        if (logMessage is not null)
            runtime.ErrorLog.Write(LogLevel.Info, logMessage, info.Id,
                new RequestLogContext(info.RemoteAddress, server.PrimaryName, requestLine, null));
        request ??= new HttpRequest { Method = "", RawUri = "", Path = "/", Protocol = "HTTP/1.1", VersionMajor = 1, VersionMinor = 1, RequestLine = requestLine ?? "" };
        var ctx = new RequestContext { Connection = info, Request = request, Server = server, RunsFilters = false };
        ctx.Location = server.Root;
        ctx.Channel = new RequestChannel(this, ctx, CancellationToken.None);
        ctx.Response.IsErrorPage = true;
        await runtime.Pipeline.SpecialAsync(ctx, status);
        if (status == 494) ctx.Response.Status = 400;
        await WriteResponseAsync(ctx, keepAlive: false, CancellationToken.None);
        runtime.LogAccess(ctx);
        await LingeringCloseAsync();
    }

    /// <summary>
    /// nginx's lingering close: stop sending, then read and drop what the client still sends,
    /// up to lingering_timeout (5s) idle and lingering_time (30s) in all.
    /// </summary>
    private async Task LingeringCloseAsync()
    {
        connection.ShutdownSend();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        var scratch = new byte[4096];
        try
        {
            while (DateTime.UtcNow < deadline)
            {
                if (await connection.ReadAsync(scratch, readTimer.Arm(TimeSpan.FromSeconds(5))) <= 0) break;
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or System.Net.Sockets.SocketException or ObjectDisposedException)
        {
        }
    }

    /// <summary>Whether the connection stays open after this request's response.</summary>
    private bool DecideKeepAlive(RequestContext ctx, bool bodyOk, CancellationToken stopping)
    {
        var settings = ctx.Settings;
        return ctx.Request.KeepAlive && bodyOk && !HttpStatus.ClosesConnection(ctx.Response.Status)
            && settings.KeepaliveTimeout > TimeSpan.Zero && info.Requests < settings.KeepaliveRequests
            && !stopping.IsCancellationRequested && ctx.Response.Status != 413;
    }

    /// <summary>Writes the status line and headers in nginx's order (nothing for HTTP/0.9) into <paramref name="head"/>.</summary>
    private static void WriteHead(RequestContext ctx, bool keepAlive, bool chunked, ref ResponseHeadWriter head)
    {
        var response = ctx.Response;
        if (ctx.Request.IsHttp09 || response.Http09) return;
        int shownStatus = response.Status == 494 ? 400 : response.Status;
        if (response.StatusLineText is { } own && own.Status == shownStatus)
        {
            head.Append("HTTP/1.1 "u8);
            head.Append(own.Text);
            head.Append("\r\n"u8);
        }
        else head.Append(HttpStatus.StatusLineBytes(shownStatus));
        // headers-more may replace the Server header or drop it (an empty override).
        string? server = response.ServerHeader ?? ctx.ServerToken;
        if (server.Length > 0)
        {
            head.Append("Server: "u8);
            head.Append(server);
            head.Append("\r\n"u8);
        }
        head.Append(HttpDate.HeaderLine);
        if (response.ContentType is { } type) { head.Append("Content-Type: "u8); head.Append(type); head.Append("\r\n"u8); }
        if (response.ContentLength is long length && response.Status != 304) { head.Append("Content-Length: "u8); head.Append(length); head.Append("\r\n"u8); }
        if (response.LastModified is { } modified) { head.Append("Last-Modified: "u8); head.Append(modified.ToString("r", CultureInfo.InvariantCulture)); head.Append("\r\n"u8); }
        if (response.Location is { } location) { head.Append("Location: "u8); head.Append(location); head.Append("\r\n"u8); }
        if (chunked) head.Append("Transfer-Encoding: chunked\r\n"u8);
        head.Append(keepAlive ? "Connection: keep-alive\r\n"u8 : "Connection: close\r\n"u8);
        if (keepAlive && ctx.Settings.KeepaliveHeaderTimeoutSeconds is int seconds)
        {
            head.Append("Keep-Alive: timeout="u8);
            head.Append(seconds);
            head.Append("\r\n"u8);
        }
        foreach (var header in response.Headers)
        {
            head.Append(header.Key);
            head.Append(": "u8);
            head.Append(header.Value);
            head.Append("\r\n"u8);
        }
        head.Append("\r\n"u8);
    }

    [AsyncMethodBuilder(typeof(WorkerTaskBuilder))]
    private async ValueTask WriteResponseAsync(RequestContext ctx, bool keepAlive, CancellationToken stopping)
    {
        var response = ctx.Response;
        var request = ctx.Request;
        if (ResponseFilters.AnyBodyFilter(ctx))
        {
            // Body filters see the body piece by piece, as a streamed response's.
            await ((RequestChannel)ctx.Channel).SendWholeResponseAsync(keepAlive);
            return;
        }
        ResponseFilters.RunHeaderFilters(ctx);
        bool headOnly = request.Method == "HEAD";
        bool noBody = headOnly || response.Status is 204 or 304 || response.Status < 200;
        // The head goes out of a pooled buffer, with a small in-memory body after it in the same write.
        var head = new ResponseHeadWriter(512);
        try
        {
            WriteHead(ctx, keepAlive, chunked: false, ref head);
            int headLength = head.Length;
            var sendTimeout = ctx.Settings.SendTimeout;
            var sendToken = writeTimer.Arm(sendTimeout);

            long bodyBytes = 0;
            if (noBody || (response.Body is null && response.FileBody is null))
            {
                await connection.WriteAsync(head.Written, sendToken);
            }
            else if (response.Body is { } body)
            {
                if (body.Length <= CoalescedBodyLimit)
                {
                    head.Append(body);
                    await connection.WriteAsync(head.Written, sendToken);
                }
                else
                {
                    await connection.WriteAsync(head.Written, sendToken);
                    await connection.WriteAsync(body, sendToken);
                }
                bodyBytes = body.Length;
            }
            else if (response.FileBody is { } file)
            {
                using var stream = new FileStream(file.Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, useAsync: false);
                stream.Position = file.Offset;
                long remaining = file.Length;
                if (remaining <= CoalescedBodyLimit)
                {
                    // A small file goes out in the head's write: one send instead of two.
                    int read = head.AppendFrom(stream, (int)remaining);
                    remaining -= read;
                    bodyBytes += read;
                }
                await connection.WriteAsync(head.Written, sendToken);
                byte[] chunk = ArrayPool<byte>.Shared.Rent(64 * 1024);
                try
                {
                    while (remaining > 0)
                    {
                        int n = stream.Read(chunk, 0, (int)Math.Min(chunk.Length, remaining));
                        if (n <= 0) break;
                        await connection.WriteAsync(chunk.AsMemory(0, n), sendToken);
                        remaining -= n;
                        bodyBytes += n;
                    }
                }
                finally { ArrayPool<byte>.Shared.Return(chunk); }
            }
            response.BodyBytesSent = bodyBytes;
            response.BytesSent = headLength + bodyBytes;
        }
        finally { head.Dispose(); }
    }

    /// <summary>Bodies up to this size go out in the head's write (one send); larger ones follow it.</summary>
    private const int CoalescedBodyLimit = 64 * 1024;
}
