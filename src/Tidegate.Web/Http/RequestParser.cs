using System.Text;

namespace Tidegate.Web.Http;

/// <summary>
/// Parses a request head (request line and header lines, through the empty line) with nginx's
/// rules and its answers for malformed input: 400 for a bad method, URI or header line, 505 for
/// HTTP/2+, 400 for a missing or duplicate Host in HTTP/1.1, for an invalid Content-Length, for
/// Content-Length with Transfer-Encoding (request smuggling), 501 for an unknown
/// Transfer-Encoding. Each rejection carries the info-level message nginx logs.
/// </summary>
public static class RequestParser
{
    public static HttpRequest Parse(ReadOnlySpan<byte> head, bool mergeSlashes, bool ignoreInvalidHeaders, out RequestError? error) =>
        Parse(head, mergeSlashes, ignoreInvalidHeaders, null, out error);

    /// <param name="strings">The connection's strings of its previous head, reused where the bytes repeat (and updated).</param>
    public static HttpRequest Parse(ReadOnlySpan<byte> head, bool mergeSlashes, bool ignoreInvalidHeaders, HeadStringCache? strings, out RequestError? error) =>
        Parse(head, mergeSlashes, ignoreInvalidHeaders, strings, null, out error);

    /// <param name="into">
    /// The connection's request object of its last request, refilled with this head (nothing of the last one
    /// stays), or null for a new one. A head that fails to parse gives a new placeholder instead.
    /// </param>
    public static HttpRequest Parse(ReadOnlySpan<byte> head, bool mergeSlashes, bool ignoreInvalidHeaders, HeadStringCache? strings, HttpRequest? into, out RequestError? error)
    {
        (var request, error) = ParseHead(head, mergeSlashes, ignoreInvalidHeaders, strings, into);
        return request;
    }

    /// <summary>The request, or a placeholder and why it was rejected (a tuple: no error holder allocated per request).</summary>
    private static (HttpRequest Request, RequestError? Error) ParseHead(ReadOnlySpan<byte> head, bool mergeSlashes, bool ignoreInvalidHeaders, HeadStringCache? strings, HttpRequest? into)
    {
        int pos = 0;
        while (pos < head.Length && (head[pos] == '\r' || head[pos] == '\n')) pos++;
        int lineEnd = head[pos..].IndexOf((byte)'\n');
        if (lineEnd < 0) lineEnd = head.Length - pos;
        var line = head.Slice(pos, lineEnd);
        if (line.Length > 0 && line[^1] == '\r') line = line[..^1];
        pos += lineEnd + 1;
        string requestLine = HeadStringCache.Reuse(line, strings?.RequestLine);

        string? rawHost = null;
        (HttpRequest, RequestError?) Fail(int status, string message, bool whileLine = true) =>
            (Placeholder(requestLine), new RequestError(status, message, requestLine.Length > 0 ? requestLine : null, whileLine) { Host = rawHost });

        string method, protocol, rawUri, path;
        string? args, absoluteHost;
        int major, minor;
        if (strings is not null && ReferenceEquals(requestLine, strings.RequestLine))
        {
            // The same request line as the connection's last one, which parsed: the same parts.
            (method, protocol, rawUri, path, args, absoluteHost, major, minor) = (strings.Method, strings.Protocol,
                strings.RawUri, strings.Path, strings.Args, strings.AbsoluteHost, strings.Major, strings.Minor);
        }
        else
        {
            // Method: uppercase letters, '_' and '-' only.
            int sp = line.IndexOf((byte)' ');
            if (sp <= 0) return Fail(400, "client sent invalid method");
            for (int i = 0; i < sp; i++)
            {
                byte c = line[i];
                if (!(c is >= (byte)'A' and <= (byte)'Z' || c == '_' || c == '-')) return Fail(400, "client sent invalid method");
            }
            method = KnownMethod(line[..sp]) ?? Encoding.Latin1.GetString(line[..sp]);
            var rest = line[(sp + 1)..];
            while (rest.Length > 0 && rest[0] == ' ') rest = rest[1..];
            int uriEnd = rest.IndexOf((byte)' ');
            ReadOnlySpan<byte> uriBytes = uriEnd < 0 ? rest : rest[..uriEnd];
            protocol = "";
            major = 0;
            minor = 9;
            if (uriEnd >= 0)
            {
                var version = rest[(uriEnd + 1)..];
                while (version.Length > 0 && version[0] == ' ') version = version[1..];
                while (version.Length > 0 && version[^1] == ' ') version = version[..^1];
                if (!TryParseVersion(version, out major, out minor))
                    return Fail(400, "client sent invalid request");
                if (major > 1) return Fail(505, "client sent invalid version");
                protocol = version.SequenceEqual("HTTP/1.1"u8) ? "HTTP/1.1" : version.SequenceEqual("HTTP/1.0"u8) ? "HTTP/1.0" : Encoding.Latin1.GetString(version);
            }
            else if (method != "GET")
            {
                return Fail(400, "client sent invalid request");
            }
            if (uriBytes.Length == 0) return Fail(400, "client sent invalid request");

            rawUri = Encoding.Latin1.GetString(uriBytes);
            absoluteHost = null;
            string target = rawUri;
            if (!target.StartsWith('/'))
            {
                // Absolute form: http://host[:port]/path — the host becomes the request's host.
                int scheme = target.IndexOf("://", StringComparison.Ordinal);
                if (scheme <= 0 || !target[..scheme].All(char.IsAsciiLetter)) return Fail(400, "client sent invalid request");
                int slash = target.IndexOf('/', scheme + 3);
                absoluteHost = slash < 0 ? target[(scheme + 3)..] : target[(scheme + 3)..slash];
                target = slash < 0 ? "/" : target[slash..];
            }
            int question = target.IndexOf('?');
            string rawPath = question < 0 ? target : target[..question];
            args = question < 0 ? null : target[(question + 1)..];
            string? normalized = UriNormalizer.Normalize(rawPath, mergeSlashes);
            if (normalized is null) return Fail(400, "client sent invalid request");
            path = normalized;
            if (strings is not null)
            {
                (strings.Method, strings.Protocol, strings.RawUri, strings.Path, strings.Args, strings.AbsoluteHost, strings.Major, strings.Minor) =
                    (method, protocol, rawUri, path, args, absoluteHost, major, minor);
                strings.RequestLine = requestLine;
            }
        }

        HttpRequest request;
        if (into is not null)
        {
            request = into;
            request.Refill(method, rawUri, path, args, protocol, major, minor, requestLine);
            request.KeepAlive = major == 1 && minor >= 1;
        }
        else request = new HttpRequest
        {
            Method = method, RawUri = rawUri, Path = path, Args = args, Protocol = protocol,
            VersionMajor = major, VersionMinor = minor, RequestLine = requestLine,
            KeepAlive = major == 1 && minor >= 1,
        };
        if (major == 0) return (request, null);

        // Header lines.
        bool sawHost = false, sawLength = false;
        int headerIndex = 0;
        string? transferEncoding = null;
        while (pos < head.Length)
        {
            int end = head[pos..].IndexOf((byte)'\n');
            if (end < 0) end = head.Length - pos;
            var headerLine = head.Slice(pos, end);
            pos += end + 1;
            if (headerLine.Length > 0 && headerLine[^1] == '\r') headerLine = headerLine[..^1];
            if (headerLine.Length == 0) break;

            int colon = headerLine.IndexOf((byte)':');
            bool validName = colon > 0;
            if (validName)
            {
                for (int i = 0; i < colon; i++)
                {
                    byte c = headerLine[i];
                    if (c is (byte)' ' or (byte)'\t' or 0 or (byte)'\r') { validName = false; colon = -1; break; }
                    if (!(c is >= (byte)'a' and <= (byte)'z' || c is >= (byte)'A' and <= (byte)'Z' || c is >= (byte)'0' and <= (byte)'9' || c == '-'))
                        validName = false;
                }
            }
            if (colon <= 0)
            {
                string shown = Encoding.Latin1.GetString(headerLine.Length > 0 ? headerLine[..Math.Min(headerLine.Length, headerLine.IndexOfAny((byte)' ', (byte)'\t') is var s and >= 0 ? s : headerLine.Length)] : headerLine);
                return Fail(400, $"client sent invalid header line: \"{EscapeForLog(shown)}\\x20...\"", whileLine: false);
            }
            if (!validName)
            {
                if (ignoreInvalidHeaders) continue;
                return Fail(400, $"client sent invalid header line: \"{EscapeForLog(Encoding.Latin1.GetString(headerLine))}\"", whileLine: false);
            }
            var nameBytes = headerLine[..colon];
            var valueBytes = headerLine[(colon + 1)..].Trim(" \t"u8);
            string name, value;
            if (strings is null) (name, value) = (Encoding.Latin1.GetString(nameBytes), Encoding.Latin1.GetString(valueBytes));
            else if (headerIndex < strings.Headers.Count)
            {
                var known = strings.Headers[headerIndex];
                (name, value) = (HeadStringCache.Reuse(nameBytes, known.Key), HeadStringCache.Reuse(valueBytes, known.Value));
                if (!ReferenceEquals(name, known.Key) || !ReferenceEquals(value, known.Value)) strings.Headers[headerIndex] = new(name, value);
            }
            else
            {
                (name, value) = (Encoding.Latin1.GetString(nameBytes), Encoding.Latin1.GetString(valueBytes));
                strings.Headers.Add(new(name, value));
            }
            headerIndex++;
            request.Headers.Add(new(name, value));

            switch (KnownHeader(name))
            {
                case "host":
                    if (sawHost) return Fail(400, "client sent duplicate host header: \"Host: " + value + "\", previous value: \"Host: " + request.RawHost + "\"", whileLine: false);
                    sawHost = true;
                    request.RawHost = rawHost = value;
                    if (strings is null) request.Host = ValidateHost(value);
                    else
                    {
                        if (!ReferenceEquals(value, strings.RawHost)) (strings.RawHost, strings.Host) = (value, ValidateHost(value));
                        request.Host = strings.Host;
                    }
                    if (request.Host is null) return Fail(400, "client sent invalid host header", whileLine: false);
                    break;
                case "content-length":
                    if (sawLength) return Fail(400, $"client sent duplicate header line: \"{name}: {value}\", previous value: \"{name}: {request.ContentLength}\"", whileLine: false);
                    sawLength = true;
                    if (value.Length == 0 || value.Length > 18 || !value.All(char.IsAsciiDigit))
                        return Fail(400, "client sent invalid \"Content-Length\" header", whileLine: false);
                    request.ContentLength = long.Parse(value);
                    break;
                case "transfer-encoding":
                    transferEncoding = value;
                    break;
                case "connection":
                    if (value.Contains("close", StringComparison.OrdinalIgnoreCase)) request.KeepAlive = false;
                    else if (value.Contains("keep-alive", StringComparison.OrdinalIgnoreCase)) request.KeepAlive = true;
                    break;
            }
        }

        // The host of an absolute-form URI takes precedence over the Host header.
        if (absoluteHost is not null)
        {
            request.Host = ValidateHost(absoluteHost);
            if (request.Host is null) return Fail(400, "client sent invalid host in request line");
            sawHost = true;
        }
        if (major == 1 && minor >= 1 && !sawHost)
            return Fail(400, "client sent HTTP/1.1 request without \"Host\" header", whileLine: false);
        if (transferEncoding is not null)
        {
            if (minor == 0 && major == 1)
                return Fail(400, "client sent HTTP/1.0 request with \"Transfer-Encoding\" header", whileLine: false);
            if (!transferEncoding.Equals("chunked", StringComparison.OrdinalIgnoreCase))
                return Fail(501, $"client sent unknown \"Transfer-Encoding\": \"{transferEncoding}\"", whileLine: false);
            if (sawLength)
                return Fail(400, "client sent \"Content-Length\" and \"Transfer-Encoding\" headers at the same time", whileLine: false);
            request.Chunked = true;
        }
        return (request, null);
    }

    /// <summary>The usual methods as constant strings (nothing allocated for them per request).</summary>
    private static string? KnownMethod(ReadOnlySpan<byte> method) => method.Length switch
    {
        3 when method.SequenceEqual("GET"u8) => "GET",
        3 when method.SequenceEqual("PUT"u8) => "PUT",
        4 when method.SequenceEqual("POST"u8) => "POST",
        4 when method.SequenceEqual("HEAD"u8) => "HEAD",
        5 when method.SequenceEqual("PATCH"u8) => "PATCH",
        6 when method.SequenceEqual("DELETE"u8) => "DELETE",
        7 when method.SequenceEqual("OPTIONS"u8) => "OPTIONS",
        _ => null,
    };

    /// <summary>The lowercase name of a header the parser acts on, else null (without allocating).</summary>
    private static string? KnownHeader(string name)
    {
        foreach (var known in knownHeaders)
            if (name.Equals(known, StringComparison.OrdinalIgnoreCase)) return known;
        return null;
    }

    private static readonly string[] knownHeaders = { "host", "content-length", "transfer-encoding", "connection" };

    private static HttpRequest Placeholder(string requestLine) => new()
    {
        Method = "", RawUri = "", Path = "/", Protocol = "HTTP/1.1", VersionMajor = 1, VersionMinor = 1, RequestLine = requestLine,
    };

    private static bool TryParseVersion(ReadOnlySpan<byte> v, out int major, out int minor)
    {
        major = minor = 0;
        if (v.Length < 8 || !v[..5].SequenceEqual("HTTP/"u8)) return false;
        int dot = v.IndexOf((byte)'.');
        if (dot < 6 || dot == v.Length - 1) return false;
        for (int i = 5; i < dot; i++) { if (!char.IsAsciiDigit((char)v[i])) return false; major = major * 10 + v[i] - '0'; if (major > 99) return false; }
        for (int i = dot + 1; i < v.Length; i++) { if (!char.IsAsciiDigit((char)v[i])) return false; minor = minor * 10 + v[i] - '0'; if (minor > 99) return false; }
        return true;
    }

    /// <summary>nginx's ngx_http_validate_host: lowercase, drop the port and a trailing dot, refuse "/", "\" and "..".</summary>
    public static string? ValidateHost(string host)
    {
        if (host.Length == 0) return null;
        int plain = PlainLowercaseHostLength(host);
        if (plain > 0) return plain == host.Length ? host : host[..plain];
        var sb = new StringBuilder(host.Length);
        bool inBrackets = false;
        char previous = '\0';
        foreach (char c in host)
        {
            if (c == '.' && previous == '.') return null;
            if (c == ':' && !inBrackets) break;
            if (c == '[') inBrackets = true;
            if (c == ']') inBrackets = false;
            if (c is '/' or '\\' or '\0' or < ' ') return null;
            sb.Append(char.ToLowerInvariant(c));
            previous = c;
        }
        if (sb.Length > 0 && sb[^1] == '.') sb.Length--;
        return sb.Length == 0 ? null : sb.ToString();
    }

    /// <summary>
    /// The length of a host that validation leaves as it is (lowercase letters, digits, '-', single
    /// dots, no trailing dot) up to its ":port", which validation drops; -1 for any other host.
    /// </summary>
    private static int PlainLowercaseHostLength(string host)
    {
        char previous = '\0';
        int i = 0;
        for (; i < host.Length; i++)
        {
            char c = host[i];
            if (c == ':') break;
            if (!(c is >= 'a' and <= 'z' || c is >= '0' and <= '9' || c == '-' || c == '.')) return -1;
            if (c == '.' && previous == '.') return -1;
            previous = c;
        }
        return previous == '.' || i == 0 ? -1 : i;
    }

    private static string EscapeForLog(string s)
    {
        var sb = new StringBuilder();
        foreach (char c in s)
            if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') sb.Append("\\x").Append(((int)c).ToString("X2"));
            else sb.Append(c);
        return sb.ToString();
    }
}
