using Tidegate.Web.Config;
using Tidegate.Web.Upstreams;

namespace Tidegate.Web.Proxy;

/// <summary>
/// What proxy_pass names: an upstream (a block, or host:port) with an optional URI part, or — when
/// the URL holds variables — a template evaluated per request.
/// </summary>
public sealed class ProxyTarget
{
    public required ConfigDirective Directive { get; init; }
    /// <summary>The upstream of a URL without variables (set once the configuration is complete).</summary>
    public UpstreamBlock? Upstream { get; set; }
    /// <summary>$proxy_host: the host (and port unless 80) as written, or the upstream name.</summary>
    public string ProxyHost { get; init; } = "";
    /// <summary>The URI part ("/x/"), or null when proxy_pass has none.</summary>
    public string? Uri { get; init; }
    /// <summary>A URL with variables, evaluated per request.</summary>
    public Hosting.VariableTemplate? Url { get; init; }

    /// <summary>
    /// Parses "http://host[:port][/uri]" or "http://unix:/path[:/uri]"; the caller reports errors.
    /// </summary>
    public static bool TryParse(string url, out string hostAndPort, out bool hasPort, out string proxyHost, out string? uri, out string? error)
    {
        hostAndPort = proxyHost = "";
        hasPort = false;
        uri = null;
        error = null;
        string rest;
        if (url.StartsWith("http://", StringComparison.OrdinalIgnoreCase)) rest = url[7..];
        else if (url.StartsWith("https://", StringComparison.OrdinalIgnoreCase)) { error = "https"; return false; }
        else { error = "invalid URL prefix"; return false; }
        if (rest.StartsWith("unix:", StringComparison.OrdinalIgnoreCase))
        {
            int uriStart = rest.IndexOf(':', 5);
            hostAndPort = uriStart < 0 ? rest : rest[..uriStart];
            uri = uriStart < 0 ? null : rest[(uriStart + 1)..];
            if (uri is { Length: 0 }) uri = null;
            proxyHost = "localhost";
            hasPort = true;
            return true;
        }
        int slash = rest.IndexOfAny(new[] { '/', '?' });
        string authority = slash < 0 ? rest : rest[..slash];
        if (slash >= 0) uri = rest[slash] == '?' ? "/" + rest[slash..] : rest[slash..];
        hostAndPort = authority;
        int colon = authority.StartsWith('[') ? authority.IndexOf("]:", StringComparison.Ordinal) + 1 : authority.LastIndexOf(':');
        hasPort = colon > 0;
        proxyHost = hasPort && authority[(colon + 1)..] == "80" ? authority[..colon] : authority;
        if (authority.Length == 0) { error = "no host"; return false; }
        return true;
    }
}
