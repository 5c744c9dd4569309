using System.Globalization;
using Tidegate.Web.Hosting;
using Tidegate.Web.Logging;

namespace Tidegate.Web.Http;

/// <summary>
/// nginx's index and static modules: map the URI onto root/alias, answer a directory without a
/// trailing slash with 301, a trailing slash with the first existing index file (an internal
/// redirect), then the file with Last-Modified, ETag, conditional requests and byte ranges.
/// </summary>
public static class StaticFiles
{
    /// <summary>Serves the request; returns 0 when the response is complete, else the status for the special-response path.</summary>
    public static async ValueTask<int> ServeAsync(RequestContext ctx, RequestPipeline pipeline)
    {
        var request = ctx.Request;
        string method = request.Method;
        if (method is not ("GET" or "HEAD" or "POST")) return 405;

        string path = MapPath(ctx, request.Path);
        if (request.Path.EndsWith('/'))
        {
            foreach (var index in ctx.Settings.Index)
            {
                if (index.StartsWith('/')) { await pipeline.InternalRedirectAsync(ctx, index); return 0; }
                if (File.Exists(path + index))
                {
                    await pipeline.InternalRedirectAsync(ctx, request.Path + index);
                    return 0;
                }
            }
            if (Directory.Exists(path))
            {
                pipeline.Log(ctx, LogLevel.Error, $"directory index of \"{path}\" is forbidden");
                return 403;
            }
            if (ctx.Settings.LogNotFound)
                pipeline.Log(ctx, LogLevel.Error, $"\"{path}{ctx.Settings.Index.FirstOrDefault()}\" is not found (2: No such file or directory)");
            return 404;
        }

        var info = new FileInfo(path);
        if (!info.Exists)
        {
            if (Directory.Exists(path))
            {
                string location = request.Path + "/" + (request.Args is null ? "" : "?" + request.Args);
                ctx.Response.Location = location;
                return 301;
            }
            if (ctx.Settings.LogNotFound)
            {
                string reason = ParentIsFile(path) ? "20: Not a directory" : "2: No such file or directory";
                pipeline.Log(ctx, LogLevel.Error, $"open() \"{path}\" failed ({reason})");
            }
            return 404;
        }
        if (method == "POST") return 405;
        try { using (File.OpenRead(path)) { } }
        catch (UnauthorizedAccessException)
        {
            pipeline.Log(ctx, LogLevel.Error, $"open() \"{path}\" failed (13: Permission denied)");
            return 403;
        }

        var response = ctx.Response;
        long size = info.Length;
        var modified = new DateTimeOffset(info.LastWriteTimeUtc);
        long mtime = modified.ToUnixTimeSeconds();
        string etag = $"\"{mtime:x}-{size:x}\"";
        response.Status = 200;
        response.ContentType = ContentTypes.For(request.Path, ctx.Settings);
        response.LastModified = modified;
        if (ctx.Settings.Etag) response.Headers.Add(new("ETag", etag));

        if (NotModified(ctx, mtime, etag))
        {
            response.Status = 304;
            response.ContentType = null;
            response.ContentLength = null;
            return 0;
        }
        if (PreconditionFailed(ctx, mtime, etag))
        {
            response.Headers.Clear();
            response.LastModified = null;
            return 412;
        }

        if (request.Header("Range") is { } range && RangeApplies(ctx, mtime, etag))
        {
            var ranges = ByteRanges.Parse(range, size);
            if (ranges is null) { /* not a bytes= range nginx understands: ignore it */ }
            else if (ranges.Count == 0)
            {
                response.Headers.Clear();
                response.LastModified = null;
                response.ContentType = null;
                var status = 416;
                await pipeline.SpecialAsync(ctx, status);
                ctx.Response.Headers.Add(new("Content-Range", $"bytes */{size}"));
                return 0;
            }
            else if (ranges.Count == 1)
            {
                var (from, to) = ranges[0];
                response.Status = 206;
                response.Headers.Add(new("Content-Range", $"bytes {from}-{to}/{size}"));
                response.FileBody = (path, from, to - from + 1);
                response.ContentLength = to - from + 1;
                return 0;
            }
            else
            {
                ServeMultipart(response, path, size, ranges);
                return 0;
            }
        }

        response.Headers.Add(new("Accept-Ranges", "bytes"));
        response.FileBody = (path, 0, size);
        response.ContentLength = size;
        return 0;
    }

    /// <summary>root + URI, or alias + the part of the URI after the location's prefix.</summary>
    public static string MapPath(RequestContext ctx, string uri)
    {
        var settings = ctx.Settings;
        if (settings.Alias is { } alias)
        {
            string resolvedAlias = Evaluate(ctx, alias);
            if (ctx.Location.Kind is LocationKind.Regex or LocationKind.RegexCaseless) return Absolute(ctx, resolvedAlias);
            string rest = uri.Length >= ctx.Location.Name.Length ? uri[ctx.Location.Name.Length..] : "";
            return Absolute(ctx, resolvedAlias) + rest;
        }
        string root = Absolute(ctx, Evaluate(ctx, settings.Root));
        return root.TrimEnd('/') + uri;
    }

    /// <summary>$document_root: root (or alias), variables evaluated, made absolute against the prefix.</summary>
    public static string DocumentRoot(RequestContext ctx) =>
        Absolute(ctx, Evaluate(ctx, ctx.Settings.Alias ?? ctx.Settings.Root)).TrimEnd('/') is { Length: > 0 } root ? root : "/";

    private static string Evaluate(RequestContext ctx, string text) =>
        text.Contains('$') ? VariableTemplate.Compile(text).Evaluate(ctx) : text;

    private static string Absolute(RequestContext ctx, string path) =>
        path.StartsWith('/') ? path : Prefix.Current + path;

    private static bool ParentIsFile(string path)
    {
        string? dir = Path.GetDirectoryName(path);
        while (!string.IsNullOrEmpty(dir))
        {
            if (File.Exists(dir)) return true;
            if (Directory.Exists(dir)) return false;
            dir = Path.GetDirectoryName(dir);
        }
        return false;
    }

    private static bool NotModified(RequestContext ctx, long mtime, string etag)
    {
        var request = ctx.Request;
        if (request.Header("If-None-Match") is { } inm)
            return inm.Trim() == "*" || inm.Split(',').Any(t => t.Trim() == etag || t.Trim() == "W/" + etag);
        if (ctx.Settings.IfModifiedSince != IfModifiedSince.Off && request.Header("If-Modified-Since") is { } ims
            && TryParseHttpDate(ims, out long since))
        {
            return ctx.Settings.IfModifiedSince == IfModifiedSince.Exact ? since == mtime : mtime <= since;
        }
        return false;
    }

    private static bool PreconditionFailed(RequestContext ctx, long mtime, string etag)
    {
        var request = ctx.Request;
        if (request.Header("If-Match") is { } im && im.Trim() != "*" && !im.Split(',').Any(t => t.Trim() == etag)) return true;
        if (request.Header("If-Unmodified-Since") is { } ius && TryParseHttpDate(ius, out long since) && mtime > since) return true;
        return false;
    }

    private static bool RangeApplies(RequestContext ctx, long mtime, string etag)
    {
        if (ctx.Request.Header("If-Range") is not { } ifRange) return true;
        if (ifRange.StartsWith('"')) return ifRange == etag;
        return TryParseHttpDate(ifRange, out long when) && when == mtime;
    }

    public static bool TryParseHttpDate(string text, out long unixSeconds)
    {
        unixSeconds = 0;
        string[] formats = { "r", "dddd, dd-MMM-yy HH:mm:ss 'GMT'", "ddd MMM d HH:mm:ss yyyy" };
        if (DateTimeOffset.TryParseExact(text.Trim(), formats, CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AllowWhiteSpaces, out var date))
        {
            unixSeconds = date.ToUnixTimeSeconds();
            return true;
        }
        return false;
    }

    private static void ServeMultipart(HttpResponse response, string path, long size, List<(long From, long To)> ranges)
    {
        string boundary = Random.Shared.NextInt64(0, 9_999_999_999).ToString("D20", CultureInfo.InvariantCulture);
        string type = response.ContentType ?? "application/octet-stream";
        using var body = new MemoryStream();
        using var file = File.OpenRead(path);
        foreach (var (from, to) in ranges)
        {
            body.Write(System.Text.Encoding.ASCII.GetBytes($"\r\n--{boundary}\r\nContent-Type: {type}\r\nContent-Range: bytes {from}-{to}/{size}\r\n\r\n"));
            var buffer = new byte[to - from + 1];
            file.Position = from;
            file.ReadExactly(buffer);
            body.Write(buffer);
        }
        body.Write(System.Text.Encoding.ASCII.GetBytes($"\r\n--{boundary}--\r\n"));
        response.Status = 206;
        response.ContentType = "multipart/byteranges; boundary=" + boundary;
        response.Body = body.ToArray();
        response.ContentLength = response.Body.Length;
    }
}

/// <summary>The server's prefix, for relative paths in directives (root, alias) resolved at request time.</summary>
public static class Prefix
{
    public static string Current { get; set; } = AppContext.BaseDirectory;
}
