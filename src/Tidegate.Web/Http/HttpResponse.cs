namespace Tidegate.Web.Http;

/// <summary>
/// The response being built for a request. The headers nginx writes from dedicated fields
/// (Content-Type, Content-Length, Last-Modified, Location) are fields here too, so the header
/// block comes out in nginx's order; everything else goes in <see cref="Headers"/> in order.
/// </summary>
public sealed class HttpResponse
{
    public int Status { get; set; } = 200;
    /// <summary>A status line's text after "HTTP/1.1 " taken from elsewhere (a proxied response's "200 Fine"), used while Status is unchanged.</summary>
    public (int Status, string Text)? StatusLineText { get; set; }
    public string? ContentType { get; set; }
    public long? ContentLength { get; set; }
    /// <summary>
    /// A Content-Length a handler set as a header (ngx.header), with its text: nginx keeps it as a header
    /// entry, which a capture reports as a string (a computed length is a number). Used while it still
    /// agrees with <see cref="ContentLength"/>.
    /// </summary>
    public (long Value, string Text)? ContentLengthHeader { get; set; }
    public DateTimeOffset? LastModified { get; set; }
    /// <summary>The Server header's value when a module replaced it (more_set_headers); "" leaves it out; null is the default.</summary>
    public string? ServerHeader { get; set; }
    public string? Location { get; set; }
    public List<KeyValuePair<string, string>> Headers { get; } = new();
    /// <summary>An in-memory body.</summary>
    public byte[]? Body { get; set; }
    /// <summary>A file body: path, offset and length (static files, ranges).</summary>
    public (string Path, long Offset, long Length)? FileBody { get; set; }
    /// <summary>Close without sending anything (return 444).</summary>
    public bool CloseWithoutResponse { get; set; }
    public bool HeadersOnly { get; set; }
    /// <summary>Answer as HTTP/0.9: no status line or headers, the body ended by closing (an upstream's HTTP/0.9 response, passed on as nginx does).</summary>
    public bool Http09 { get; set; }
    /// <summary>Set once the response came from an error page, so error_page does not apply twice.</summary>
    public bool IsErrorPage { get; set; }
    public long BodyBytesSent { get; set; }
    public long BytesSent { get; set; }

    /// <summary>
    /// Back to a new response's state, for the next request on the connection (see <see cref="RequestContext.Recycle"/>).
    /// Every field must be covered here (HttpRecyclingTests checks a recycled response against a new one).
    /// </summary>
    internal void Clear()
    {
        Status = 200;
        StatusLineText = null;
        ResetBody();
        ServerHeader = null;
        Location = null;
        Headers.Clear();
        CloseWithoutResponse = HeadersOnly = Http09 = IsErrorPage = false;
        BodyBytesSent = BytesSent = 0;
    }

    /// <summary>Drops everything: the body, the headers describing it, Location and the other headers.</summary>
    public void Reset()
    {
        ResetBody();
        Location = null;
        Headers.Clear();
    }

    /// <summary>
    /// Drops the body and the headers that describe it (type, length, modification time). Location
    /// and the other headers stay: nginx's special responses and <c>return</c> keep what handlers
    /// set earlier (ngx.header in access_by_lua before ngx.exit(401), more_set_headers).
    /// </summary>
    public void ResetBody()
    {
        ContentType = null; ContentLength = null; ContentLengthHeader = null; LastModified = null;
        Body = null; FileBody = null;
    }

    public string? Header(string name)
    {
        foreach (var h in Headers)
            if (h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)) return h.Value;
        return null;
    }
}
