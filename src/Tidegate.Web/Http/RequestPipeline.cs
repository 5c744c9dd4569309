using System.Runtime.CompilerServices;
using Tidegate.Web.Hosting;
using Tidegate.Web.Logging;
using Tidegate.Web.Lua;
using Tidegate.Web.Runtime;

namespace Tidegate.Web.Http;

/// <summary>
/// What happens to a request between its head being parsed and its response being written, in
/// nginx's phase order as far as tidegate implements them today: find location (with internal
/// redirects), the <c>internal</c> check, body size, <c>return</c>, then content (try_files, a
/// module's content handler, or static files with index), then the special-response path
/// (<c>error_page</c> or the built-in page). The header and body filters run when the response
/// is written (<see cref="ResponseFilters"/>). The Lua phases slot in between these steps; every step is
/// a ValueTask so a handler can await (a Lua coroutine parked on a socket, ngx.sleep, a
/// subrequest) and resume on the same worker. Today every step completes synchronously.
/// </summary>
public sealed class RequestPipeline
{
    private const int MaxInternalRedirects = 10;
    private readonly Func<LocationSettings, ErrorLog> errorLogFor;

    public RequestPipeline(Func<LocationSettings, ErrorLog> errorLogFor) { this.errorLogFor = errorLogFor; }

    // The phases every request passes through are plain methods that hand on the next phase's ValueTask while
    // each step completes at once (the usual case: no Lua that waits, no rewrite that redirects), so a request
    // that waits (a proxied one, a Lua handler on a socket) suspends one async method, not one per phase: each
    // level cost a box, a copy of its state machine, an interlocked continuation and a resumption per request.
    // A step that does wait goes on in a small async method (the worker's builder: WorkerTaskBuilder) from there.
    public ValueTask ProcessAsync(RequestContext ctx)
    {
        ctx.Location = ctx.Server.Root;
        if (ctx.Request.ContentLength is long length && ctx.Settings.ClientMaxBodySize > 0 && length > ctx.Settings.ClientMaxBodySize)
        {
            // nginx checks the size once the location is known; the server's limit applies until then.
            FindLocation(ctx);
            if (ctx.Settings.ClientMaxBodySize > 0 && length > ctx.Settings.ClientMaxBodySize)
            {
                Log(ctx, LogLevel.Error, $"client intended to send too large body: {length} bytes");
                return SpecialAsync(ctx, 413);
            }
        }
        return RunFromServerRewriteAsync(ctx);
    }

    private static void FindLocation(RequestContext ctx)
    {
        ctx.Location = LocationMatcher.Find(ctx.Server, ctx.Request.Path, out var captures);
        if (captures is not null) ctx.Captures = captures;
    }

    /// <summary>A subrequest: nginx starts it at the server rewrite phase, as an internal request.</summary>
    public ValueTask RunSubrequestAsync(RequestContext child) => RunFromServerRewriteAsync(child);

    /// <summary>The phases from the server rewrite phase on (where requests and internal redirects start).</summary>
    private ValueTask RunFromServerRewriteAsync(RequestContext ctx)
    {
        ctx.Location = ctx.Server.Root;
        // server_rewrite_by_lua runs before the server's rewrite-module directives (it is added later to the phase).
        if (ctx.Settings.LuaServerRewrite is { } serverRewrite)
        {
            var lua = LuaEntryRunner.RunAsync(ctx, serverRewrite, LuaPhase.ServerRewrite, this);
            if (!lua.IsCompletedSuccessfully) return AfterServerRewriteLuaAsync(ctx, lua);
            if (lua.Result == LuaOutcome.Finished) return default;
        }
        return ServerRewrites(ctx);
    }

    [AsyncMethodBuilder(typeof(WorkerTaskBuilder))]
    private async ValueTask AfterServerRewriteLuaAsync(RequestContext ctx, ValueTask<LuaOutcome> lua)
    {
        if (await lua == LuaOutcome.Finished) return;
        await ServerRewrites(ctx);
    }

    /// <summary>The server's rewrite-module directives, then the location is found.</summary>
    private ValueTask ServerRewrites(RequestContext ctx)
    {
        var rewrites = RewriteEngine.RunAsync(ctx, ctx.Server.Root.Settings.Rewrites, this);
        if (!rewrites.IsCompletedSuccessfully) return AfterServerRewritesAsync(ctx, rewrites);
        if (rewrites.Result == RewriteOutcome.Finished) return default;
        FindLocation(ctx);
        return RunFromFindConfigAsync(ctx);
    }

    [AsyncMethodBuilder(typeof(WorkerTaskBuilder))]
    private async ValueTask AfterServerRewritesAsync(RequestContext ctx, ValueTask<RewriteOutcome> rewrites)
    {
        if (await rewrites == RewriteOutcome.Finished) return;
        FindLocation(ctx);
        await RunFromFindConfigAsync(ctx);
    }

    /// <summary>Find-config checks, the location rewrite phase (re-matching after "last"), then the access phases and content.</summary>
    private ValueTask RunFromFindConfigAsync(RequestContext ctx)
    {
        var rewritten = FindConfigAndRewriteAsync(ctx);
        if (!rewritten.IsCompletedSuccessfully) return AfterFindConfigAsync(ctx, rewritten);
        return rewritten.Result ? default : RunFromInputHeaders(ctx);
    }

    [AsyncMethodBuilder(typeof(WorkerTaskBuilder))]
    private async ValueTask AfterFindConfigAsync(RequestContext ctx, ValueTask<bool> rewritten)
    {
        if (await rewritten) return;
        await RunFromInputHeaders(ctx);
    }

    /// <summary>Find-config checks and the location rewrite phase (re-matching after "last"); true when the request was answered there.</summary>
    [AsyncMethodBuilder(typeof(WorkerTaskBuilder<>))]
    private async ValueTask<bool> FindConfigAndRewriteAsync(RequestContext ctx)
    {
        for (int cycle = 0; ; cycle++)
        {
            if (ctx.Settings.Internal && !ctx.IsInternal)
            {
                await SpecialAsync(ctx, 404);
                return true;
            }
            // nginx skips the location rewrite phase when no location matched (the server's own codes ran already).
            if (ctx.Location == ctx.Server.Root) return false;
            if (await LuaPhaseRunner.RunUnpostponedRewriteAsync(ctx, this) == LuaOutcome.Finished) return true;
            var outcome = await RewriteEngine.RunAsync(ctx, ctx.Settings.Rewrites, this);
            if (outcome == RewriteOutcome.Finished) return true;
            if (outcome != RewriteOutcome.Last) return false;
            if (cycle >= MaxInternalRedirects - 1)
            {
                Log(ctx, LogLevel.Error, $"rewrite or internal redirection cycle while processing \"{ctx.Request.Path}\"");
                ctx.Response.IsErrorPage = true;
                await SpecialAsync(ctx, 500);
                return true;
            }
            FindLocation(ctx);
        }
    }

    /// <summary>headers-more's input headers (in the rewrite phase after the rewrite module, before rewrite_by_lua), the Lua phases, then content.</summary>
    private ValueTask RunFromInputHeaders(RequestContext ctx)
    {
        HeadersMore.InputHeadersStep.Run(ctx);
        var phases = LuaPhaseRunner.RunRequestPhasesAsync(ctx, this);
        if (!phases.IsCompletedSuccessfully) return AfterRequestPhasesAsync(ctx, phases);
        return phases.Result == LuaOutcome.Finished ? default : ContentAsync(ctx);
    }

    [AsyncMethodBuilder(typeof(WorkerTaskBuilder))]
    private async ValueTask AfterRequestPhasesAsync(RequestContext ctx, ValueTask<LuaOutcome> phases)
    {
        if (await phases == LuaOutcome.Finished) return;
        await ContentAsync(ctx);
    }

    /// <summary>ngx.req.set_uri(uri, true) from rewrite_by_lua: match locations again for the new URI.</summary>
    public async ValueTask RematchAsync(RequestContext ctx)
    {
        if (++ctx.InternalRedirects > MaxInternalRedirects)
        {
            Log(ctx, LogLevel.Error, $"rewrite or internal redirection cycle while processing \"{ctx.Request.Path}\"");
            ctx.Response.IsErrorPage = true;
            await SpecialAsync(ctx, 500);
            return;
        }
        ctx.InternalRedirects--;
        FindLocation(ctx);
        await RunFromFindConfigAsync(ctx);
    }

    /// <summary>The content phase: try_files, the location's content handler (handed on as it is), or static files.</summary>
    private ValueTask ContentAsync(RequestContext ctx)
    {
        if (ctx.Settings.TryFiles is null && ctx.Settings.ContentHandler is { } handler) return handler.HandleAsync(ctx, this);
        return ContentSlowAsync(ctx);
    }

    [AsyncMethodBuilder(typeof(WorkerTaskBuilder))]
    private async ValueTask ContentSlowAsync(RequestContext ctx)
    {
        if (ctx.Settings.TryFiles is { } tryFiles && await TryFilesAsync(ctx, tryFiles)) return;
        if (ctx.Settings.ContentHandler is { } handler)
        {
            await handler.HandleAsync(ctx, this);
            return;
        }
        int status = await StaticFiles.ServeAsync(ctx, this);
        if (status != 0) await SpecialAsync(ctx, status);
    }

    /// <summary>
    /// try_files: the first candidate that exists under root/alias becomes the URI (a trailing
    /// slash asks for a directory); else the last argument: =code, @named or a URI to redirect to.
    /// </summary>
    /// <returns>true when the request was answered here.</returns>
    private async ValueTask<bool> TryFilesAsync(RequestContext ctx, List<VariableTemplate> candidates)
    {
        for (int i = 0; i < candidates.Count - 1; i++)
        {
            string value = candidates[i].Evaluate(ctx);
            if (value.Length == 0) continue;
            string path = StaticFiles.MapPath(ctx, value);
            bool wantDirectory = value.EndsWith('/');
            if (wantDirectory ? Directory.Exists(path) : File.Exists(path))
            {
                // nginx tests "$uri/" as a directory but sets the URI without that one slash.
                ctx.Request.Path = wantDirectory ? value[..^1] : value;
                return false;
            }
        }
        string fallback = candidates[^1].Evaluate(ctx);
        if (fallback.StartsWith('=') && int.TryParse(fallback.AsSpan(1), out int code))
        {
            await SpecialAsync(ctx, code);
            return true;
        }
        if (fallback.StartsWith('@'))
        {
            if (!ctx.Server.NamedLocations.TryGetValue(fallback, out var named))
            {
                Log(ctx, LogLevel.Error, $"could not find named location \"{fallback}\"");
                await SpecialAsync(ctx, 500);
                return true;
            }
            ctx.InternalRedirects++;
            ctx.Location = named;
            await RunFromFindConfigAsync(ctx);
            return true;
        }
        await InternalRedirectAsync(ctx, fallback);
        return true;
    }

    /// <summary>return: a body, a redirect, a built-in page, or (444) closing without a response.</summary>
    public async ValueTask ReturnAsync(RequestContext ctx, ReturnAction ret)
    {
        var response = ctx.Response;
        // 444 and 499 without text close the connection unanswered (nginx terminates the request);
        // with text they are ordinary responses ("HTTP/1.1 444 ", checked on nginx).
        if (ret.Status is 444 or 499 && ret.Text is null)
        {
            response.Status = ret.Status;
            response.CloseWithoutResponse = true;
            return;
        }
        if (ret.Status is 301 or 302 or 303 or 307 or 308 && ret.Text is not null)
        {
            response.Status = ret.Status;
            response.Location = ret.Text.Evaluate(ctx);
            await SpecialAsync(ctx, ret.Status);
            return;
        }
        if (ret.Text is null)
        {
            if (HttpStatus.HasSpecialPage(ret.Status)) await SpecialAsync(ctx, ret.Status);
            else
            {
                // nginx sends an empty body, typed as any other, except for 204 (no body at all).
                response.Status = ret.Status;
                if (ret.Status != 204 && ret.Status < 600)
                {
                    response.ContentType = ContentTypes.For(ctx.Request.Path, ctx.Settings);
                    response.ContentLength = 0;
                }
                else if (ret.Status != 204) response.ContentLength = 0;
            }
            return;
        }
        string text = ret.Text.Evaluate(ctx);
        // Headers modules set earlier in the request (set_by_lua, more_set_headers) stay, as in nginx.
        response.ResetBody();
        response.Location = null;
        response.Status = ret.Status;
        response.ContentType = ContentTypes.For(ctx.Request.Path, ctx.Settings);
        response.Body = System.Text.Encoding.Latin1.GetBytes(text);
        response.ContentLength = response.Body.Length;
    }

    /// <summary>An internal redirect to a named location (ngx.exec("@name"), echo_exec): its phases from find-config on.</summary>
    public async ValueTask NamedLocationAsync(RequestContext ctx, string name)
    {
        if (++ctx.InternalRedirects > MaxInternalRedirects)
        {
            Log(ctx, LogLevel.Error, $"rewrite or internal redirection cycle while redirect to named location \"{name}\"");
            ctx.Response.IsErrorPage = true;
            await SpecialAsync(ctx, 500);
            return;
        }
        if (!ctx.Server.NamedLocations.TryGetValue(name, out var named))
        {
            Log(ctx, LogLevel.Error, $"could not find named location \"{name}\"");
            await SpecialAsync(ctx, 500);
            return;
        }
        ctx.Location = named;
        await RunFromFindConfigAsync(ctx);
    }

    /// <summary>An internal redirect to <paramref name="uri"/> (index files, error pages): match locations again.</summary>
    public async ValueTask InternalRedirectAsync(RequestContext ctx, string uri)
    {
        if (++ctx.InternalRedirects > MaxInternalRedirects)
        {
            Log(ctx, LogLevel.Error, $"rewrite or internal redirection cycle while internally redirecting to \"{uri}\"");
            ctx.Response.IsErrorPage = true;
            await SpecialAsync(ctx, 500);
            return;
        }
        int question = uri.IndexOf('?');
        if (question >= 0)
        {
            ctx.Request.Args = uri[(question + 1)..];
            uri = uri[..question];
        }
        ctx.Request.Path = uri;
        await RunFromServerRewriteAsync(ctx);
    }

    /// <summary>
    /// nginx's special response: an error_page for the status if one applies (once: recursive
    /// error pages are off), else the built-in page.
    /// </summary>
    public async ValueTask SpecialAsync(RequestContext ctx, int status)
    {
        var response = ctx.Response;
        if (ctx.Channel is Subrequests.SubrequestChannel { LuaCapture: true, HeadersSent: false } capture)
        {
            capture.EndAtSpecialResponse(status);
            return;
        }
        if (status == 408)
        {
            // nginx closes a timed-out request's connection without answering.
            response.Status = 408;
            response.CloseWithoutResponse = true;
            return;
        }
        if (!response.IsErrorPage && ctx.Settings.ErrorPages.TryGetValue(status, out var page))
        {
            response.IsErrorPage = true;
            string target = page.Uri.Evaluate(ctx);
            response.Reset();
            if (target.StartsWith('@'))
            {
                if (!ctx.Server.NamedLocations.TryGetValue(target, out var named))
                {
                    Log(ctx, LogLevel.Error, $"named location \"{target}\" not found");
                    Builtin(ctx, 500);
                    return;
                }
                ctx.Location = named;
                // The page runs with the error status already chosen (r->err_status): a handler reading it sees it.
                if (!page.UseTargetStatus) response.Status = page.OverrideStatus ?? status;
                await RunFromFindConfigAsync(ctx);
                // As for a URI target: the page's 200 takes the original (or "=code") status.
                if (!page.UseTargetStatus && response.Status == 200) response.Status = page.OverrideStatus ?? status;
                return;
            }
            if (target.StartsWith("http://", StringComparison.Ordinal) || target.StartsWith("https://", StringComparison.Ordinal) || !target.StartsWith('/'))
            {
                int code = page.OverrideStatus is int o && o is 301 or 302 or 303 or 307 or 308 ? page.OverrideStatus.Value : 302;
                response.Location = target;
                Builtin(ctx, code);
                return;
            }
            if (ctx.Request.Method != "HEAD") ctx.Request.Method = "GET";
            if (!page.UseTargetStatus) response.Status = page.OverrideStatus ?? status;
            await InternalRedirectAsync(ctx, target);
            // The page's own 200 takes the original status (or the "=code" one); "=" keeps the page's.
            if (!page.UseTargetStatus && response.Status == 200) response.Status = page.OverrideStatus ?? status;
            return;
        }
        // The built-in page replaces the body, not the headers a handler already set
        // (ngx.header in access_by_lua before ngx.exit(401) reaches the client on nginx).
        response.ResetBody();
        Builtin(ctx, status);
    }

    private static void Builtin(RequestContext ctx, int status)
    {
        var response = ctx.Response;
        response.Status = status;
        if (response.Location is { } location) response.Location = Redirects.Absolute(ctx, location);
        if (!HttpStatus.HasSpecialPage(status))
        {
            response.ContentLength = status is 204 or 304 ? null : 0;
            return;
        }
        response.Body = HttpStatus.ErrorPage(status, ctx.ServerToken);
        response.ContentLength = response.Body.Length;
        response.ContentType = "text/html";
    }

    public void Log(RequestContext ctx, LogLevel level, string message) =>
        errorLogFor(ctx.Settings).Write(level, message, ctx.Connection.Id, ctx.LogContext);

    /// <summary>Logs with a request tail of the caller's (e.g. with the upstream part).</summary>
    public void Log(RequestContext ctx, LogLevel level, string message, RequestLogContext context) =>
        errorLogFor(ctx.Settings).Write(level, message, ctx.Connection.Id, context);
}

/// <summary>Relative redirect targets made absolute as nginx does (absolute_redirect, port_in_redirect).</summary>
public static class Redirects
{
    public static string Absolute(RequestContext ctx, string location)
    {
        if (!location.StartsWith('/') || !ctx.Settings.AbsoluteRedirect) return location;
        int port = ctx.Connection.LocalPort == 0 ? 80 : ctx.Connection.LocalPort;
        string portPart = ctx.Settings.PortInRedirect && port != 80 ? ":" + port : "";
        return "http://" + ctx.HostName + portPart + location;
    }
}
