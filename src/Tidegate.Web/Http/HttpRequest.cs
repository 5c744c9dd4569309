namespace Tidegate.Web.Http;

/// <summary>
/// A parsed request head. Text fields are Latin-1 (one char per byte), so arbitrary bytes in a
/// URI or header survive unchanged into variables and logs.
/// </summary>
public sealed class HttpRequest
{
    public required string Method { get; set; }
    /// <summary>The URI exactly as sent (nginx's $request_uri).</summary>
    public required string RawUri { get; init; }
    /// <summary>The decoded, normalized path ($uri); changes on internal redirects.</summary>
    public required string Path { get; set; }
    /// <summary>The query string without '?' ($args), or null when there was no '?'.</summary>
    public string? Args { get; set; }
    public required string Protocol { get; init; }
    public int VersionMajor { get; init; }
    public int VersionMinor { get; init; }
    public required string RequestLine { get; init; }
    public List<KeyValuePair<string, string>> Headers { get; } = new();
    /// <summary>The validated Host (lowercased, port stripped), or null.</summary>
    public string? Host { get; set; }
    public string? RawHost { get; set; }
    public long? ContentLength { get; set; }
    public bool Chunked { get; set; }
    public bool KeepAlive { get; set; }
    public int HeaderLength { get; set; }
    public bool IsHttp09 => VersionMajor == 0;

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
