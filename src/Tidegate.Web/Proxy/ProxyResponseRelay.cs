using System.Globalization;
using System.Runtime.CompilerServices;
using Tidegate.Web.Http;
using Tidegate.Web.Logging;
using Tidegate.Web.Runtime;
using Tidegate.Web.Upstreams;

namespace Tidegate.Web.Proxy;

/// <summary>
/// Passes an upstream response on to the client: the status line's text, the headers nginx
/// keeps (Date, Server, X-Pad and X-Accel-* hidden, proxy_hide_header/proxy_pass_header;
/// Connection, Keep-Alive and Transfer-Encoding belong to the hop; Location rewritten by
/// proxy_redirect default), then the body — delimited by Content-Length, de-chunked, or read to
/// the close — re-framed for the client by the channel. proxy_buffering on reads the whole body
/// before writing it; off writes each piece as it arrives.
/// </summary>
public sealed class ProxyResponseRelay
{
    private static readonly string[] hiddenByDefault =
        { "Date", "Server", "X-Pad", "X-Accel-Expires", "X-Accel-Redirect", "X-Accel-Limit-Rate", "X-Accel-Buffering", "X-Accel-Charset" };

    private readonly RequestContext ctx;
    private readonly ProxySettings settings;
    private readonly UpstreamResponseHead head;
    private readonly UpstreamConnection connection;
    private readonly UpstreamAttempt attempt;
    /// <summary>The exchange whose error log lines (with the upstream's URL) the relay writes.</summary>
    private readonly ProxyExchange exchange;

    public ProxyResponseRelay(RequestContext ctx, ProxySettings settings, UpstreamResponseHead head, UpstreamConnection connection,
        UpstreamAttempt attempt, ProxyExchange exchange)
    {
        this.ctx = ctx;
        this.settings = settings;
        this.head = head;
        this.connection = connection;
        this.attempt = attempt;
        this.exchange = exchange;
    }

    private const string WhileReading = "while reading upstream";

    /// <returns>true when the connection ended cleanly and may be kept for another request.</returns>
    [AsyncMethodBuilder(typeof(WorkerTaskBuilder<>))]
    public async ValueTask<bool> RunAsync()
    {
        var response = ctx.Response;
        response.Reset();
        response.Status = head.Status;
        if (head.IsHttp09) response.Http09 = true;
        else response.StatusLineText = (head.Status, head.StatusText);
        CopyHeaders();

        bool noBody = ctx.Request.Method == "HEAD" || head.Status is 204 or 304 || head.Status < 200;
        bool closeDelimited = !noBody && !head.Chunked && head.ContentLength is null;
        if (head.Chunked || closeDelimited) response.ContentLength = null;
        else if (!noBody || ctx.Request.Method == "HEAD") response.ContentLength = head.ContentLength;

        if (noBody)
        {
            await ctx.Channel.SendHeadersAsync();
            await ctx.Channel.FinishAsync();
            attempt.ResponseTime = attempt.Elapsed;
            return !head.ConnectionClose && !head.IsHttp09;
        }
        BodyEnd end;
        if (settings.Buffering && !head.IsHttp09 && !closeDelimited && !head.Chunked
            && head.ContentLength is long whole && whole <= connection.Buffered.Length)
        {
            // The usual small response: its whole body came with the head, so nothing is waited
            // for and the general path below would only copy it through a MemoryStream.
            // Written straight from the connection's buffer (the channel copies what it keeps before its write
            // completes, and nothing reads into the buffer until then): no copy of the body per response.
            var body = connection.BufferedMemory[..(int)whole];
            connection.Consume(body.Length);
            attempt.ResponseLength += body.Length;
            if (body.Length > 0) await ctx.Channel.WriteAsync(body);
            attempt.ResponseTime = attempt.Elapsed;
            await ctx.Channel.FinishAsync();
            return !head.ConnectionClose;
        }
        if (settings.Buffering)
        {
            // nginx's event pipe: the body that came with the head is taken before the head goes
            // out (a broken one then closes the connection unanswered); after that the body is
            // collected and written at its end, or when the upstream closes early. A timeout
            // drops what was collected.
            using var body = new MemoryStream();
            end = await ReadBodyAsync(piece => { body.Write(piece.Span); return ValueTask.CompletedTask; }, closeDelimited,
                beforeWaiting: SendHeadNowAsync);
            if (end == BodyEnd.Invalid && !ctx.Channel.HeadersSent)
            {
                ctx.Response.CloseWithoutResponse = true;
                attempt.ResponseTime = attempt.Elapsed;
                return false;
            }
            if (end != BodyEnd.Failed && body.Length > 0) await ctx.Channel.WriteAsync(body.GetBuffer().AsMemory(0, (int)body.Length));
        }
        else
        {
            await ctx.Channel.SendHeadersAsync();
            end = await ReadBodyAsync(piece => ctx.Channel.WriteAsync(piece, flush: true), closeDelimited, beforeWaiting: null);
        }
        attempt.ResponseTime = attempt.Elapsed;
        if (end != BodyEnd.Complete)
        {
            // The body cannot be finished: the client connection is closed, so it sees the
            // response cut short, as with nginx.
            await SendHeadNowAsync();
            throw new IOException("the upstream response ended early");
        }
        await ctx.Channel.FinishAsync();
        return !closeDelimited && !head.ConnectionClose && !head.IsHttp09;
    }

    /// <summary>Puts the head on the wire now (the channel otherwise holds it for the first body bytes).</summary>
    private async ValueTask SendHeadNowAsync()
    {
        await ctx.Channel.SendHeadersAsync();
        await ctx.Channel.WriteAsync(default, flush: true);
    }

    /// <summary>How reading an upstream body ended.</summary>
    private enum BodyEnd { Complete, ClosedEarly, Invalid, Failed }

    private void CopyHeaders()
    {
        var response = ctx.Response;
        foreach (var header in head.Headers)
        {
            string name = header.Key;
            if (IsHidden(name)) continue;
            if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)) { response.ContentType = header.Value; continue; }
            if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase) || name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase)
                || name.Equals("Connection", StringComparison.OrdinalIgnoreCase) || name.Equals("Keep-Alive", StringComparison.OrdinalIgnoreCase))
                continue;
            if (name.Equals("Last-Modified", StringComparison.OrdinalIgnoreCase)
                && DateTimeOffset.TryParseExact(header.Value, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var modified))
            {
                response.LastModified = modified;
                continue;
            }
            // A Location proxy_redirect rewrote becomes the response's own (made absolute, in
            // nginx's place for it); any other passes as an ordinary header.
            if (name.Equals("Location", StringComparison.OrdinalIgnoreCase) && RewriteLocation(header.Value) is { } rewritten)
            {
                response.Location = Redirects.Absolute(ctx, rewritten);
                continue;
            }
            response.Headers.Add(new(name, header.Value));
        }
    }

    private bool IsHidden(string name)
    {
        foreach (var passed in settings.PassHeaders)
            if (passed.Equals(name, StringComparison.OrdinalIgnoreCase)) return false;
        foreach (var hidden in hiddenByDefault)
            if (hidden.Equals(name, StringComparison.OrdinalIgnoreCase)) return true;
        foreach (var hidden in settings.HideHeaders)
            if (hidden.Equals(name, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }

    /// <summary>
    /// proxy_redirect default: a Location starting with the proxy_pass URL ("http://host:port/uri")
    /// gets the location's prefix instead; null when it does not apply.
    /// </summary>
    private string? RewriteLocation(string location)
    {
        if (settings.RedirectOff || ctx.Settings.ContentHandler is not ProxyHandler { Target: { Url: null } target }) return null;
        var state = ProxyRequestState.Find(ctx);
        if (state is null) return null;
        string prefix = "http://" + state.ProxyHost + (target.Uri ?? "/");
        string replacement = target.Uri is null ? "/" : ctx.Location.Name;
        if (location.StartsWith(prefix, StringComparison.Ordinal)) return replacement + location[prefix.Length..];
        return null;
    }

    /// <summary>
    /// Reads the body by its framing, handing each piece to <paramref name="sink"/>;
    /// <paramref name="beforeWaiting"/> runs once, before the first wait for more bytes.
    /// Early ends are logged with nginx's words.
    /// </summary>
    [AsyncMethodBuilder(typeof(WorkerTaskBuilder<>))]
    private async ValueTask<BodyEnd> ReadBodyAsync(Func<ReadOnlyMemory<byte>, ValueTask> sink, bool closeDelimited, Func<ValueTask>? beforeWaiting)
    {
        async ValueTask<int> FillAsync()
        {
            if (beforeWaiting is not null)
            {
                await beforeWaiting();
                beforeWaiting = null;
            }
            return await connection.FillAsync(settings.ReadTimeout, WhileReading);
        }

        try
        {
            if (head.IsHttp09 || closeDelimited)
            {
                while (true)
                {
                    if (connection.Buffered.Length > 0)
                    {
                        var piece = connection.BufferedMemory.ToArray();
                        connection.Consume(piece.Length);
                        attempt.ResponseLength += piece.Length;
                        await sink(piece);
                    }
                    if (await FillAsync() == 0) return BodyEnd.Complete;
                }
            }
            if (head.Chunked)
            {
                var decoder = new ChunkedDecoder();
                using var decoded = new MemoryStream();
                while (true)
                {
                    if (connection.Buffered.Length == 0 && await FillAsync() == 0)
                    {
                        exchange.Log(LogLevel.Error, "upstream prematurely closed connection while reading upstream");
                        return BodyEnd.ClosedEarly;
                    }
                    decoded.SetLength(0);
                    var result = decoder.Feed(connection.Buffered, decoded, out int consumed);
                    connection.Consume(consumed);
                    if (decoded.Length > 0)
                    {
                        attempt.ResponseLength += decoded.Length;
                        await sink(decoded.ToArray());
                    }
                    if (result == ChunkedDecoder.State.Invalid)
                    {
                        exchange.Log(LogLevel.Error, "upstream sent invalid chunked response while reading upstream");
                        return BodyEnd.Invalid;
                    }
                    if (result == ChunkedDecoder.State.Done) return BodyEnd.Complete;
                }
            }
            long remaining = head.ContentLength ?? 0;
            while (remaining > 0)
            {
                if (connection.Buffered.Length == 0 && await FillAsync() == 0)
                {
                    exchange.Log(LogLevel.Error, "upstream prematurely closed connection while reading upstream");
                    return BodyEnd.ClosedEarly;
                }
                int take = (int)Math.Min(remaining, connection.Buffered.Length);
                var piece = connection.BufferedMemory[..take].ToArray();
                connection.Consume(take);
                remaining -= take;
                attempt.ResponseLength += take;
                await sink(piece);
            }
            return BodyEnd.Complete;
        }
        catch (UpstreamException e)
        {
            exchange.Log(LogLevel.Error, e.Message);
            return BodyEnd.Failed;
        }
    }
}
