using System.Text;
using Tidegate.Web.Config;

namespace Tidegate.Web.Hosting;

/// <summary>Resolves nginx variables for one request; null means "not found" (nginx prints it as empty).</summary>
public interface IVariableResolver
{
    string? GetVariable(string name);
}

/// <summary>
/// A directive argument with variables (<c>"$scheme://$host$request_uri"</c>, <c>${name}x</c>),
/// split once at configuration time into literal and variable parts. Text is Latin-1: each char
/// is one byte, so values stay byte-exact.
/// </summary>
public sealed class VariableTemplate
{
    private readonly object[] parts; // string literal or VariableRef
    public string Source { get; }
    public bool HasVariables { get; }

    private sealed record VariableRef(string Name);

    private VariableTemplate(string source, object[] parts)
    {
        Source = source;
        this.parts = parts;
        HasVariables = parts.Any(p => p is VariableRef);
    }

    /// <summary>Compiles a template; an unknown variable fails as nginx does (<c>unknown "x" variable</c>, no position).</summary>
    public static VariableTemplate Compile(string text)
    {
        var parts = new List<object>();
        var literal = new StringBuilder();
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] != '$') { literal.Append(text[i]); continue; }
            int start = i + 1;
            bool braced = start < text.Length && text[start] == '{';
            if (braced) start++;
            int end = start;
            while (end < text.Length && IsNameChar(text[end])) end++;
            if (end == start)
                throw new ConfigException(braced ? $"the closing bracket in \"{text.Substring(start)}\" variable is missing" : "invalid variable name \"\"");
            if (braced)
            {
                if (end >= text.Length || text[end] != '}')
                    throw new ConfigException($"the closing bracket in \"{text.Substring(start, end - start)}\" variable is missing");
            }
            string name = text.Substring(start, end - start).ToLowerInvariant();
            if (!VariableNames.IsKnown(name)) throw new ConfigException($"unknown \"{name}\" variable");
            if (literal.Length > 0) { parts.Add(literal.ToString()); literal.Clear(); }
            parts.Add(new VariableRef(name));
            i = braced ? end : end - 1;
        }
        if (literal.Length > 0) parts.Add(literal.ToString());
        return new VariableTemplate(text, parts.ToArray());
    }

    public static VariableTemplate Literal(string text) => new(text, new object[] { text });

    public string Evaluate(IVariableResolver resolver)
    {
        // The common shapes need no builder: an empty value (proxy_set_header Connection ""), a constant, one variable.
        if (parts.Length == 0) return "";
        if (parts.Length == 1) return parts[0] is string only ? only : resolver.GetVariable(((VariableRef)parts[0]).Name) ?? "";
        var sb = new StringBuilder();
        foreach (var part in parts)
            sb.Append(part is string s ? s : resolver.GetVariable(((VariableRef)part).Name) ?? "");
        return sb.ToString();
    }

    private static bool IsNameChar(char c) => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '_';
}

/// <summary>The variables tidegate defines (nginx's core and log modules), for configuration-time checks.</summary>
public static class VariableNames
{
    private static readonly HashSet<string> names = new(StringComparer.Ordinal)
    {
        "uri", "document_uri", "request_uri", "args", "query_string", "is_args", "host", "hostname",
        "server_name", "server_addr", "server_port", "server_protocol", "remote_addr", "remote_port",
        "binary_remote_addr", "remote_user", "scheme", "request_method", "request", "request_length",
        "request_time", "request_body", "content_type", "content_length", "status", "body_bytes_sent",
        "bytes_sent", "connection", "connection_requests", "msec", "time_local", "time_iso8601",
        "nginx_version", "pid", "document_root", "realpath_root", "request_filename", "https",
        "limit_rate", "request_id", "upstream_addr", "upstream_status", "upstream_response_time",
        "http_host", "http_user_agent", "http_referer",
        "proxy_host", "proxy_port", "proxy_add_x_forwarded_for", "upstream_connect_time", "upstream_header_time",
        "upstream_response_length", "upstream_bytes_received", "upstream_bytes_sent",
    };
    private static readonly string[] prefixes = { "http_", "sent_http_", "cookie_", "arg_", "upstream_http_", "sent_trailer_" };

    /// <summary>The variables the configuration being compiled creates with <c>set</c>.</summary>
    [ThreadStatic] public static HashSet<string>? Declared;

    public static bool IsKnown(string name) =>
        names.Contains(name) || Array.IndexOf(Echo.EchoVariables.Names, name) >= 0 || (Declared?.Contains(name) ?? false) || prefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal) && name.Length > p.Length)
        || (name.Length == 1 && char.IsAsciiDigit(name[0]));
}
