using Tidegate.Web.Http;
using Tidegate.Web.Logging;

namespace Tidegate.Web.Subrequests;

/// <summary>What a subrequest asks for: nginx's ngx_http_subrequest arguments plus ngx_lua's capture options.</summary>
public sealed class SubrequestOptions
{
    public required string Uri { get; init; }
    /// <summary>The query string (without '?'), or null for none; a '?' in <see cref="Uri"/> also sets it.</summary>
    public string? Args { get; init; }
    public string Method { get; init; } = "GET";
    /// <summary>A body of the subrequest's own; null shares the parent's body.</summary>
    public byte[]? Body { get; init; }
    /// <summary>Capture the body in memory; otherwise stream it into the parent's output.</summary>
    public bool Capture { get; init; }
    /// <summary>Variables of the parent to copy into the child (copy_all_vars) before it runs.</summary>
    public bool CopyAllVariables { get; init; }
    /// <summary>Share the parent's variable table (share_all_vars).</summary>
    public bool ShareAllVariables { get; init; }
    /// <summary>Variables to set in the child (ngx.location.capture's vars).</summary>
    public IReadOnlyList<KeyValuePair<string, string>>? Variables { get; init; }
    /// <summary>
    /// ngx.location.capture: its post-subrequest handler runs before nginx's special response, so
    /// an error status (404, 500, a redirect) ends the subrequest with that status and no body, and
    /// the child keeps the request body the parent had read when it was made (it never reads one).
    /// </summary>
    public bool LuaCapture { get; init; }
}

/// <summary>A finished subrequest: its context (status, headers) and, when captured, its body.</summary>
public sealed record SubrequestResult(RequestContext Child, byte[] Body, bool Failed)
{
    public int Status => Child.Response.Status;
}

/// <summary>
/// Runs a URI through the pipeline as a child of a request (nginx's ngx_http_subrequest): the
/// child shares the connection, the request headers and (unless given its own) the request body,
/// has its own URI, args, method and variables, starts at the server rewrite phase as an internal
/// request, and answers into a <see cref="SubrequestChannel"/>.
/// </summary>
public static class Subrequest
{
    /// <summary>nginx's NGX_HTTP_MAX_SUBREQUESTS: levels below the main request.</summary>
    public const int MaxDepth = 50;

    /// <returns>null when nginx would refuse to create it (the cycle limit; logged).</returns>
    public static RequestContext? Create(RequestContext parent, RequestPipeline pipeline, SubrequestOptions options)
    {
        string uri = options.Uri;
        string? args = options.Args;
        int question = uri.IndexOf('?');
        if (question >= 0)
        {
            args ??= uri[(question + 1)..];
            uri = uri[..question];
        }
        // nginx: the main request may start 51 levels (r->subrequests), a request with none left no more.
        if (parent.SubrequestsLeft <= 0)
        {
            pipeline.Log(parent, LogLevel.Error, $"subrequests cycle while processing \"{uri}\"");
            return null;
        }
        var p = parent.Request;
        var request = new HttpRequest
        {
            Method = options.Method,
            RawUri = p.RawUri,
            Path = uri,
            Args = args,
            Protocol = p.Protocol,
            VersionMajor = p.VersionMajor,
            VersionMinor = p.VersionMinor,
            RequestLine = p.RequestLine,
            Host = p.Host,
            RawHost = p.RawHost,
            ContentLength = options.Body is { } b ? b.Length : p.ContentLength,
            Chunked = options.Body is null && p.Chunked,
            KeepAlive = p.KeepAlive,
            HeaderLength = p.HeaderLength,
        };
        request.Headers.AddRange(p.Headers);
        var child = new RequestContext
        {
            Connection = parent.Connection,
            Request = request,
            Server = parent.Server,
            Parent = parent,
            SubrequestsLeft = parent.SubrequestsLeft - 1,
            // share_all_vars: nginx gives the subrequest the parent's variable values themselves.
            UserVariables = options.ShareAllVariables ? parent.UserVariables : new(StringComparer.Ordinal),
        };
        child.Location = parent.Server.Root;
        child.RequestBody = options.Body ?? parent.RequestBody;
        if (options.CopyAllVariables && !options.ShareAllVariables)
            foreach (var v in parent.UserVariables) child.UserVariables[v.Key] = v.Value;
        if (options.Variables is { } vars)
            foreach (var v in vars) child.UserVariables[v.Key] = v.Value;
        child.Channel = new SubrequestChannel(child, parent, options.Capture) { LuaCapture = options.LuaCapture };
        return child;
    }

    /// <summary>Creates and runs a subrequest to its end.</summary>
    public static async ValueTask<SubrequestResult?> RunAsync(RequestContext parent, RequestPipeline pipeline, SubrequestOptions options)
    {
        var child = Create(parent, pipeline, options);
        if (child is null) return null;
        await RunCreatedAsync(child, pipeline);
        return new SubrequestResult(child, ((SubrequestChannel)child.Channel).CapturedBody, false);
    }

    /// <summary>Runs a subrequest made by <see cref="Create"/>; its whole response (if not streamed) goes through its channel.</summary>
    public static async ValueTask RunCreatedAsync(RequestContext child, RequestPipeline pipeline)
    {
        var channel = (SubrequestChannel)child.Channel;
        try
        {
            await pipeline.RunSubrequestAsync(child);
        }
        catch (IOException) when (channel.HeadersSent)
        {
            // A handler failed after its output began (a Lua error, an upstream that closed early;
            // already logged): the body stops there and the capture reports it truncated.
            channel.Aborted = true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            pipeline.Log(child, LogLevel.Error, $"request handling failed: {e.GetType().Name}: {e.Message}");
            if (!channel.HeadersSent)
            {
                child.Response.Reset();
                await pipeline.SpecialAsync(child, 500);
            }
        }
        await channel.TakeWholeResponseAsync();
    }
}
