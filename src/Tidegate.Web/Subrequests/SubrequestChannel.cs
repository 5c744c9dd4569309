using Tidegate.Web.Http;

namespace Tidegate.Web.Subrequests;

/// <summary>
/// A subrequest's "connection": its response goes nowhere near the client socket. Either the
/// body is captured in memory (ngx.location.capture) or it is streamed into the parent's output
/// in place (echo_location), while the child's status and headers stay with the child, as in
/// nginx where only the main request's head is ever sent. The request body is the parent's.
/// </summary>
public sealed class SubrequestChannel : IRequestChannel
{
    private readonly RequestContext child;
    private readonly RequestContext parent;
    private readonly MemoryStream? captured;
    private bool filtered;

    /// <param name="capture">true to keep the body in memory; false to write it into the parent's output.</param>
    public SubrequestChannel(RequestContext child, RequestContext parent, bool capture)
    {
        this.child = child;
        this.parent = parent;
        if (capture) captured = new MemoryStream();
    }

    /// <summary>Made by ngx.location.capture (see <see cref="SubrequestOptions.LuaCapture"/>).</summary>
    public bool LuaCapture { get; init; }
    /// <summary>The subrequest ended with a special response (an error status, a redirect) that sent no body.</summary>
    public bool EndedAtSpecialResponse { get; private set; }
    /// <summary>A handler of the subrequest failed after its output began.</summary>
    public bool Aborted { get; set; }

    /// <summary>
    /// ngx_lua's post-subrequest handler takes the status before nginx's special response runs:
    /// no error page, no body, the headers set so far kept.
    /// </summary>
    public void EndAtSpecialResponse(int status)
    {
        child.Response.Status = status;
        child.Response.Body = null;
        child.Response.FileBody = null;
        // A Content-Length set as a header (ngx.header) is a header entry nginx keeps; a computed one goes.
        if (child.Response.ContentLengthHeader is null) child.Response.ContentLength = null;
        EndedAtSpecialResponse = true;
        Finished = true;
    }

    /// <summary>The captured body (capture mode).</summary>
    public byte[] CapturedBody => captured?.ToArray() ?? Array.Empty<byte>();

    public bool BodyRead => LuaCapture || child.RequestBody is not null || parent.Channel.BodyRead;

    public async ValueTask<bool> ReadBodyAsync()
    {
        // nginx reads no body for a subrequest: a capture has what the parent had read when it was made.
        if (child.RequestBody is not null || LuaCapture) return true;
        bool ok = await parent.Channel.ReadBodyAsync();
        child.RequestBody ??= parent.RequestBody;
        return ok;
    }

    public bool HeadersSent { get; private set; }
    public bool Finished { get; private set; }

    public ValueTask SendHeadersAsync()
    {
        if (HeadersSent) return ValueTask.CompletedTask;
        ResponseFilters.RunHeaderFilters(child);
        filtered = ResponseFilters.AnyBodyFilter(child);
        HeadersSent = true;
        return ValueTask.CompletedTask;
    }

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> data, bool flush = false)
    {
        if (Finished) return;
        if (!HeadersSent) await SendHeadersAsync();
        bool last = false;
        if (filtered) data = RunBodyFilters(data, ref last);
        await EmitAsync(data, flush);
        if (last) Finished = true;
    }

    public async ValueTask FinishAsync()
    {
        if (Finished) return;
        if (!HeadersSent) await SendHeadersAsync();
        if (filtered)
        {
            bool last = true;
            await EmitAsync(RunBodyFilters(default, ref last), false);
        }
        Finished = true;
    }

    /// <summary>Takes a response the pipeline built whole (return, static files, error pages) as if it had been streamed.</summary>
    public async ValueTask TakeWholeResponseAsync()
    {
        if (Finished) return;
        var response = child.Response;
        bool noBody = child.Request.Method == "HEAD" || response.Status is 204 or 304;
        if (!HeadersSent) await SendHeadersAsync();
        if (!noBody)
        {
            if (response.Body is { } body) await WriteAsync(body);
            else if (response.FileBody is { } file)
            {
                using var stream = new FileStream(file.Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, useAsync: false);
                stream.Position = file.Offset;
                byte[] piece = new byte[(int)Math.Min(file.Length, 64 * 1024)];
                long remaining = file.Length;
                while (remaining > 0 && !Finished)
                {
                    int n = stream.Read(piece, 0, (int)Math.Min(piece.Length, remaining));
                    if (n <= 0) break;
                    await WriteAsync(piece.AsMemory(0, n));
                    remaining -= n;
                }
            }
        }
        await FinishAsync();
    }

    private async ValueTask EmitAsync(ReadOnlyMemory<byte> data, bool flush)
    {
        if (data.Length == 0 && !flush) return;
        // A HEAD subrequest is header-only in nginx: its body goes nowhere.
        if (child.Request.Method == "HEAD") return;
        if (captured is not null) captured.Write(data.Span);
        else await parent.Channel.WriteAsync(data, flush);
    }

    private ReadOnlyMemory<byte> RunBodyFilters(ReadOnlyMemory<byte> data, ref bool last)
    {
        foreach (var filter in ResponseFilters.BodyFilters)
        {
            if (!filter.AppliesTo(child)) continue;
            data = filter.Filter(child, data, ref last);
        }
        return data;
    }
}
