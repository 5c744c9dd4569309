using Tidegate.Web.Http;

namespace Tidegate.Web.Lua;

/// <summary>
/// The response body as Lua handlers write it: ngx.say/ngx.print append to the request's buffer
/// (sending the head first, as nginx's output chain does on the first write), ngx.flush and the
/// end of the handler hand the buffer to the connection, ngx.eof ends the body.
/// </summary>
public static class LuaOutput
{
    /// <summary>Past this many buffered bytes a handler that can park hands them to the connection.</summary>
    public const int FlushThreshold = 64 * 1024;

    /// <summary>Sends the response head now if it has not gone out (ngx.send_headers, the first ngx.say).</summary>
    public static void SendHeaders(LuaRequest request)
    {
        var ctx = request.Context;
        if (ctx.Channel.HeadersSent) return;
        var response = ctx.Response;
        if (response.ContentType is null && ctx.Settings.LuaUseDefaultType) response.ContentType = ctx.Settings.DefaultType;
        // nginx's header filter sends a 204 without a type or length.
        if (response.Status == 204) { response.ContentType = null; response.ContentLength = null; }
        var sent = ctx.Channel.SendHeadersAsync();
        if (!sent.IsCompleted) sent.AsTask().GetAwaiter().GetResult();
    }

    public static void Append(LuaRequest request, ReadOnlySpan<byte> data)
    {
        if (!Http10Buffering(request)) SendHeaders(request);
        request.Output.Write(data);
    }

    /// <summary>
    /// lua_http10_buffering on (the default) and an HTTP/1.0 client: the whole body is held until
    /// the handler ends, so the response can carry a Content-Length (HTTP/1.0 has no chunks).
    /// </summary>
    public static bool Http10Buffering(LuaRequest request)
    {
        var ctx = request.Context;
        return ctx.Settings.LuaHttp10Buffering && ctx.Request.VersionMajor == 1 && ctx.Request.VersionMinor == 0
            && !ctx.Channel.HeadersSent;
    }

    /// <summary>Hands the buffered bytes to the connection (and, with <paramref name="wait"/>, to the network).</summary>
    public static async ValueTask FlushAsync(LuaRequest request, bool wait = false)
    {
        var ctx = request.Context;
        if (request.Output.Length == 0 && !wait) return;
        if (Http10Buffering(request)) return;
        if (!ctx.Channel.HeadersSent) SendHeaders(request);
        var data = request.Output.ToArray();
        request.Output.SetLength(0);
        if (ctx.Channel.Finished) return;
        await ctx.Channel.WriteAsync(data, flush: true);
    }

    /// <summary>Ends the response: the buffered bytes, then the end of the body.</summary>
    public static async ValueTask FinishAsync(LuaRequest request)
    {
        var ctx = request.Context;
        if (Http10Buffering(request) && ctx.Response.ContentLength is null && ctx.Response.Status is not (204 or 304))
            ctx.Response.ContentLength = request.Output.Length;
        if (!ctx.Channel.HeadersSent) SendHeaders(request);
        var output = request.Output;
        if (output.Length > 0 && !ctx.Channel.Finished)
        {
            // What is still buffered and the end of the body leave together (one send for a small response).
            await ctx.Channel.FinishAsync(output.GetBuffer().AsMemory(0, (int)output.Length));
            output.SetLength(0);
            return;
        }
        await FlushAsync(request);
        if (!ctx.Channel.Finished) await ctx.Channel.FinishAsync();
    }
}
