using System.Text;
using Tidegate.Web.Upstreams;

namespace Tidegate.Web.Proxy;

/// <summary>
/// An upstream's status line and headers, parsed as nginx's ngx_http_parse_status_line and
/// ngx_http_parse_header_line do for upstreams: a status line that is not HTTP makes the response
/// HTTP/0.9 (no head, the bytes are the body); a header line with a control character or a
/// leading ':' is an invalid header; a head larger than proxy_buffer_size is "too big".
/// </summary>
public sealed class UpstreamResponseHead
{
    public int Status { get; private set; }
    /// <summary>"200 OK": the status line after the version, which nginx passes on.</summary>
    public string StatusText { get; private set; } = "";
    /// <summary>major * 1000 + minor, as nginx compares versions; 9 for an HTTP/0.9 response.</summary>
    public int Version { get; private set; }
    public bool IsHttp09 => Version == 9;
    public List<KeyValuePair<string, string>> Headers { get; }

    /// <summary>
    /// The head the same connection brought last, whose strings are reused where the bytes repeat
    /// (status text, header names, most values): a keepalive upstream answers alike again and again.
    /// Dropped once this head is complete, so heads never chain.
    /// </summary>
    private UpstreamResponseHead? previous;

    public UpstreamResponseHead(UpstreamResponseHead? previous = null)
    {
        this.previous = previous;
        // As many as the connection's last head had: an upstream answers alike (no array grown or left half empty).
        Headers = new(previous is null ? 8 : Math.Max(previous.Headers.Count, 1));
    }
    /// <summary>The body's length from Content-Length, unless the body is chunked.</summary>
    public long? ContentLength { get => Chunked ? null : contentLength; private set => contentLength = value; }
    private long? contentLength;
    public bool Chunked { get; private set; }
    public bool ConnectionClose { get; private set; }

    public string? Header(string name)
    {
        foreach (var h in Headers)
            if (h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)) return h.Value;
        return null;
    }

    /// <summary>nginx's action while the head is awaited, for the read's failures.</summary>
    public const string WhileReading = "while reading response header from upstream";

    /// <summary>Whether the status line was parsed (the header lines come next).</summary>
    private bool statusParsed;
    /// <summary>The head's bytes taken so far, against proxy_buffer_size.</summary>
    private int used;

    /// <summary>
    /// Parses what the connection has buffered, consuming what it took: true once the head is
    /// complete (the buffer then starts at the first body byte), false when more bytes are needed
    /// (the caller reads them and calls again). Incremental, so the caller's own state machine waits
    /// for the bytes rather than one more level of async method per request.
    /// </summary>
    public bool TryRead(UpstreamConnection connection, int bufferSize)
    {
        if (!statusParsed)
        {
            var data = connection.Buffered;
            var result = ParseStatusLine(data, this, out int consumed);
            if (result == ParseResult.Again)
            {
                if (data.Length >= bufferSize) throw TooBig();
                return false;
            }
            if (result == ParseResult.Error)
            {
                // Not HTTP at all: nginx treats the response as HTTP/0.9, all of it body.
                Version = 9;
                Status = 200;
                ConnectionClose = true;
                previous = null;
                return true;
            }
            connection.Consume(consumed);
            statusParsed = true;
            if (Version < 1001) ConnectionClose = true;
            used = StatusText.Length;
        }
        // Then the headers, up to the empty line.
        while (true)
        {
            var data = connection.Buffered;
            int lineEnd = data.IndexOf((byte)'\n');
            if (lineEnd < 0)
            {
                if (data.Length + used >= bufferSize) throw TooBig();
                return false;
            }
            var line = data[..lineEnd];
            used += lineEnd + 1;
            if (used > bufferSize) throw TooBig();
            if (line.Length > 0 && line[^1] == '\r') line = line[..^1];
            if (line.Length == 0)
            {
                connection.Consume(lineEnd + 1);
                previous = null;
                return true;
            }
            AddHeaderLine(line);
            connection.Consume(lineEnd + 1);
        }
    }

    /// <summary>The upstream closed before the head was complete.</summary>
    public static UpstreamException PrematureClose() =>
        new(UpstreamFailure.Error, "upstream prematurely closed connection " + WhileReading);

    private static UpstreamException TooBig() =>
        new(UpstreamFailure.InvalidHeader, "upstream sent too big header " + WhileReading);

    private enum ParseResult { Done, Again, Error }

    private static ParseResult ParseStatusLine(ReadOnlySpan<byte> data, UpstreamResponseHead head, out int consumed)
    {
        consumed = 0;
        ReadOnlySpan<byte> http = "HTTP/"u8;
        int i = 0;
        for (; i < http.Length; i++)
        {
            if (i >= data.Length) return ParseResult.Again;
            if (data[i] != http[i]) return ParseResult.Error;
        }
        int major = 0, minor = 0, digits = 0;
        for (; ; i++)
        {
            if (i >= data.Length) return ParseResult.Again;
            byte c = data[i];
            if (c == '.' && digits > 0) { i++; break; }
            if (c is < (byte)'0' or > (byte)'9' || (digits == 0 && c == '0')) return ParseResult.Error;
            major = major * 10 + (c - '0');
            if (++digits > 1 && major > 99) return ParseResult.Error;
        }
        digits = 0;
        for (; ; i++)
        {
            if (i >= data.Length) return ParseResult.Again;
            byte c = data[i];
            if (c == ' ' && digits > 0) { i++; break; }
            if (c is < (byte)'0' or > (byte)'9') return ParseResult.Error;
            minor = minor * 10 + (c - '0');
            digits++;
            if (minor > 99) return ParseResult.Error;
        }
        while (true)
        {
            if (i >= data.Length) return ParseResult.Again;
            if (data[i] != ' ') break;
            i++;
        }
        int codeStart = i, code = 0;
        for (int k = 0; k < 3; k++, i++)
        {
            if (i >= data.Length) return ParseResult.Again;
            byte c = data[i];
            if (c is < (byte)'0' or > (byte)'9') return ParseResult.Error;
            code = code * 10 + (c - '0');
        }
        if (i >= data.Length) return ParseResult.Again;
        if (data[i] is not ((byte)' ' or (byte)'.' or (byte)'\r' or (byte)'\n')) return ParseResult.Error;
        int lineEnd = data[i..].IndexOf((byte)'\n');
        if (lineEnd < 0) return ParseResult.Again;
        lineEnd += i;
        int textEnd = lineEnd;
        if (textEnd > codeStart && data[textEnd - 1] == '\r') textEnd--;
        // A CR must be followed by the LF.
        int cr = data[i..lineEnd].IndexOf((byte)'\r');
        if (cr >= 0 && i + cr != textEnd) return ParseResult.Error;
        head.Status = code;
        head.Version = major * 1000 + minor;
        head.StatusText = Http.HeadStringCache.Reuse(data[codeStart..textEnd], head.previous?.StatusText);
        consumed = lineEnd + 1;
        return ParseResult.Done;
    }

    private void AddHeaderLine(ReadOnlySpan<byte> line)
    {
        int colon = -1;
        for (int i = 0; i < line.Length; i++)
        {
            byte c = line[i];
            if (c == ':' && i > 0) { colon = i; break; }
            if (c <= 0x20 || c == 0x7f || c == ':') throw Invalid(line, i);
        }
        // nginx reads "HTTP/..." status lines repeated by IIS as lines to ignore.
        if (colon < 0 && line.StartsWith("HTTP/"u8)) return;
        var valueSpan = colon < 0 ? ReadOnlySpan<byte>.Empty : line[(colon + 1)..];
        int nul = valueSpan.IndexOf((byte)0);
        if (nul >= 0) throw Invalid(line, colon + 1 + nul);
        valueSpan = valueSpan.Trim(" \t"u8);
        // The previous head's line at the same place is the likely match.
        var known = previous is { } p && Headers.Count < p.Headers.Count ? p.Headers[Headers.Count] : default;
        string name = Http.HeadStringCache.Reuse(colon < 0 ? line : line[..colon], known.Key);
        string value = Http.HeadStringCache.Reuse(valueSpan, known.Value);
        Headers.Add(new(name, value));
        // nginx 1.22 keeps the last Content-Length, reads an unparsable one as absent, frames
        // the body by chunks whenever Transfer-Encoding is "chunked" (ignoring Content-Length)
        // and reads to the close for any other Transfer-Encoding.
        if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            ContentLength = long.TryParse(value, System.Globalization.NumberStyles.None, null, out long length) ? length : null;
        else if (name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase))
            Chunked = value.Equals("chunked", StringComparison.OrdinalIgnoreCase);
        else if (name.Equals("Connection", StringComparison.OrdinalIgnoreCase))
        {
            if (value.Contains("close", StringComparison.OrdinalIgnoreCase)) ConnectionClose = true;
        }
    }

    /// <summary>nginx's "upstream sent invalid header: "name\xHH..."" (the text up to the bad byte, then that byte).</summary>
    private static UpstreamException Invalid(ReadOnlySpan<byte> line, int at) =>
        new(UpstreamFailure.InvalidHeader,
            $"upstream sent invalid header: \"{Encoding.Latin1.GetString(line[..at])}\\x{line[at]:x2}...\" " + WhileReading);
}
