using Tidegate.Web.Hosting;
using Tidegate.Web.Logging;

namespace Tidegate.Web.Http;

/// <summary>
/// What happens to a request between its head being parsed and its response being written, in
/// nginx's phase order as far as tidegate implements them today: find location (with internal
/// redirects), the <c>internal</c> check, body size, <c>return</c>, then content (static files
/// with index), then the special-response path (<c>error_page</c> or the built-in page) and the
/// header filter (<c>add_header</c>). The Lua phases slot in between these steps.
/// </summary>
public sealed class RequestPipeline
{
    private const int MaxInternalRedirects = 10;
    private readonly ErrorLog errorLog;

    public RequestPipeline(ErrorLog errorLog) { this.errorLog = errorLog; }

    public void Process(RequestContext ctx)
    {
        FindLocation(ctx);
        if (ctx.Request.ContentLength is long length && ctx.Settings.ClientMaxBodySize > 0 && length > ctx.Settings.ClientMaxBodySize)
        {
            Log(ctx, LogLevel.Error, $"client intended to send too large body: {length} bytes");
            Special(ctx, 413);
        }
        else Run(ctx);
        ApplyAddHeaders(ctx);
    }

    private static void FindLocation(RequestContext ctx)
    {
        ctx.Location = LocationMatcher.Find(ctx.Server, ctx.Request.Path, out var captures);
        if (captures is not null) ctx.Captures = captures;
    }

    private void Run(RequestContext ctx)
    {
        if (ctx.Settings.Internal && !ctx.IsInternal)
        {
            Special(ctx, 404);
            return;
        }
        if (ctx.Settings.Return is { } ret)
        {
            Return(ctx, ret);
            return;
        }
        int status = StaticFiles.Serve(ctx, this);
        if (status != 0) Special(ctx, status);
    }

    private void Return(RequestContext ctx, ReturnAction ret)
    {
        var response = ctx.Response;
        if (ret.Status == 444)
        {
            response.Status = 444;
            response.CloseWithoutResponse = true;
            return;
        }
        if (ret.Status is 301 or 302 or 303 or 307 or 308 && ret.Text is not null)
        {
            response.Status = ret.Status;
            response.Location = ret.Text.Evaluate(ctx);
            Special(ctx, ret.Status);
            return;
        }
        if (ret.Text is null)
        {
            if (ret.Status >= 300 || ret.Status is 201 or 204) Special(ctx, ret.Status);
            else
            {
                response.Status = ret.Status;
                response.ContentLength = 0;
            }
            return;
        }
        string text = ret.Text.Evaluate(ctx);
        response.Reset();
        response.Status = ret.Status;
        response.ContentType = ContentTypes.For(ctx.Request.Path, ctx.Settings);
        response.Body = System.Text.Encoding.Latin1.GetBytes(text);
        response.ContentLength = response.Body.Length;
    }

    /// <summary>An internal redirect to <paramref name="uri"/> (index files, error pages): match locations again.</summary>
    public void InternalRedirect(RequestContext ctx, string uri)
    {
        if (++ctx.InternalRedirects > MaxInternalRedirects)
        {
            Log(ctx, LogLevel.Error, $"rewrite or internal redirection cycle while internally redirecting to \"{uri}\"");
            ctx.Response.IsErrorPage = true;
            Special(ctx, 500);
            return;
        }
        int question = uri.IndexOf('?');
        if (question >= 0)
        {
            ctx.Request.Args = uri[(question + 1)..];
            uri = uri[..question];
        }
        ctx.Request.Path = uri;
        FindLocation(ctx);
        Run(ctx);
    }

    /// <summary>
    /// nginx's special response: an error_page for the status if one applies (once: recursive
    /// error pages are off), else the built-in page.
    /// </summary>
    public void Special(RequestContext ctx, int status)
    {
        var response = ctx.Response;
        string? location = response.Location;
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
                response.Status = page.OverrideStatus ?? status;
                ctx.Location = named;
                Run(ctx);
                if (!page.UseTargetStatus && page.OverrideStatus is int forced && response.Status == 200) response.Status = forced;
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
            InternalRedirect(ctx, target);
            // The page's own 200 takes the original status (or the "=code" one); "=" keeps the page's.
            if (!page.UseTargetStatus && response.Status == 200) response.Status = page.OverrideStatus ?? status;
            return;
        }
        response.Reset();
        response.Location = location;
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

    /// <summary>The header filter's add_header: only for "successful" statuses unless "always".</summary>
    private static void ApplyAddHeaders(RequestContext ctx)
    {
        int status = ctx.Response.Status;
        bool ok = status is 200 or 201 or 204 or 206 or 301 or 302 or 303 or 304 or 307 or 308;
        foreach (var header in ctx.Settings.AddHeaders)
        {
            if (!ok && !header.Always) continue;
            string value = header.Value.Evaluate(ctx);
            if (value.Length == 0) continue;
            ctx.Response.Headers.Add(new(header.Name, value));
        }
    }

    public void Log(RequestContext ctx, LogLevel level, string message) =>
        errorLog.Write(level, message, ctx.Connection.Id, ctx.LogContext);
}

/// <summary>Relative redirect targets made absolute as nginx does (absolute_redirect, port_in_redirect).</summary>
public static class Redirects
{
    public static string Absolute(RequestContext ctx, string location)
    {
        if (!location.StartsWith('/') || !ctx.Settings.AbsoluteRedirect) return location;
        int port = ctx.Connection.Local.Port;
        string portPart = ctx.Settings.PortInRedirect && port != 80 ? ":" + port : "";
        return "http://" + ctx.HostName + portPart + location;
    }
}
