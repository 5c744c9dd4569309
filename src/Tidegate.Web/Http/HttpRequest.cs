namespace Tidegate.Web.Http;

/// <summary>
/// A parsed request head. Text fields are Latin-1 (one char per byte), so arbitrary bytes in a
/// URI or header survive unchanged into variables and logs.
/// </summary>
public sealed class HttpRequest
{
    public required string Method { get; set; }
    /// <summary>The URI exactly as sent (nginx's $request_uri).</summary>
    public required string RawUri { get; set; }
    /// <summary>The decoded, normalized path ($uri); changes on internal redirects.</summary>
    public required string Path { get; set; }
    /// <summary>The query string without '?' ($args), or null when there was no '?'.</summary>
    public string? Args { get; set; }
    public required string Protocol { get; set; }
    public int VersionMajor { get; set; }
    public int VersionMinor { get; set; }
    public required string RequestLine { get; set; }
    public List<KeyValuePair<string, string>> Headers { get; } = new();
    /// <summary>The validated Host (lowercased, port stripped), or null.</summary>
    public string? Host { get; set; }
    public string? RawHost { get; set; }
    public long? ContentLength { get; set; }
    public bool Chunked { get; set; }
    public bool KeepAlive { get; set; }
    public int HeaderLength { get; set; }
    public bool IsHttp09 => VersionMajor == 0;

    /// <summary>
    /// Makes this object the next request's on the same connection (see <see cref="RequestContext.Recycle"/>):
    /// the parser sets the request line's parts, everything else goes back to a new request's value. Every
    /// field must be covered here (HttpRecyclingTests checks a recycled request against a new one).
    /// </summary>
    internal void Refill(string method, string rawUri, string path, string? args, string protocol, int major, int minor, string requestLine)
    {
        (Method, RawUri, Path, Args, Protocol, VersionMajor, VersionMinor, RequestLine) = (method, rawUri, path, args, protocol, major, minor, requestLine);
        Headers.Clear();
        // A head with many header lines does not leave its big array on the connection for good.
        if (Headers.Capacity > 64) Headers.Capacity = 16;
        Host = RawHost = null;
        ContentLength = null;
        Chunked = false;
        KeepAlive = false;
        HeaderLength = 0;
    }

    public string? Header(string name)
    {
        foreach (var h in Headers)
            if (h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)) return h.Value;
        return null;
    }
}

/// <summary>Why a request head was rejected: the status to answer and the message nginx logs at info.</summary>
public sealed record RequestError(int Status, string LogMessage, string? RequestLine, bool WhileReadingLine)
{
    /// <summary>The Host header seen before the error, for the log line's host: part.</summary>
    public string? Host { get; init; }
}
