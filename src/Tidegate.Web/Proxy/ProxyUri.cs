using System.Text;
using Tidegate.Web.Hosting;
using Tidegate.Web.Http;

namespace Tidegate.Web.Proxy;

/// <summary>
/// The URI proxy_pass sends (ngx_http_proxy_create_request): with no URI part, the client's URI
/// as it came (or, once rewritten or redirected, the current one, escaped, with its arguments);
/// with a URI part, that part replaces the matched location prefix.
/// </summary>
public static class ProxyUri
{
    public static string Build(RequestContext ctx, string? uriPart)
    {
        var request = ctx.Request;
        if (uriPart is null && UnparsedUriValid(ctx)) return request.RawUri;
        string path = request.Path;
        var location = ctx.Location;
        bool validLocation = uriPart is not null && location.Kind is LocationKind.Prefix or LocationKind.NoRegexPrefix or LocationKind.Exact
            && path.StartsWith(location.Name, StringComparison.Ordinal);
        int locationLength = validLocation ? location.Name.Length : 0;
        string rest = path[locationLength..];
        // nginx escapes the decoded URI again when the client's was escaped or the request was redirected.
        if (ctx.IsInternal || RawPath(request).Contains('%') || !UnparsedUriValid(ctx)) rest = Escape(rest);
        string prefix = validLocation ? uriPart! : "";
        // Concat hands back the one non-empty piece as it is: "proxy_pass http://backend/;" on an exact location costs nothing.
        return string.IsNullOrEmpty(request.Args) ? string.Concat(prefix, rest) : string.Concat(prefix, rest, "?", request.Args);
    }

    private static string RawPath(HttpRequest request)
    {
        int q = request.RawUri.IndexOf('?');
        return q < 0 ? request.RawUri : request.RawUri[..q];
    }

    /// <summary>True while the URI and arguments are still the client's (nginx's r->valid_unparsed_uri).</summary>
    private static bool UnparsedUriValid(RequestContext ctx)
    {
        var request = ctx.Request;
        if (ctx.IsInternal || request.IsHttp09) return !ctx.IsInternal && request.RawUri.Length > 0;
        string raw = request.RawUri;
        int q = raw.IndexOf('?');
        string? rawArgs = q < 0 ? null : raw[(q + 1)..];
        if (rawArgs != request.Args) return false;
        string? normalized = UriNormalizer.Normalize(q < 0 ? raw : raw[..q], ctx.Server.MergeSlashes);
        return normalized == request.Path;
    }

    /// <summary>nginx's NGX_ESCAPE_URI: controls, space, '#', '%', '?' and bytes from 0x7f.</summary>
    public static string Escape(string text)
    {
        StringBuilder? sb = null;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            bool escape = c <= 0x20 || c == '#' || c == '%' || c == '?' || c >= 0x7f;
            if (escape)
            {
                sb ??= new StringBuilder(text, 0, i, text.Length + 16);
                sb.Append('%').Append(((int)c & 0xff).ToString("X2"));
            }
            else sb?.Append(c);
        }
        return sb?.ToString() ?? text;
    }
}
