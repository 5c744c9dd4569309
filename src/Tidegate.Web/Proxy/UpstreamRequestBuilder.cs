using System.Buffers;
using System.Globalization;
using System.Text;
using Tidegate.Web.Http;

namespace Tidegate.Web.Proxy;

/// <summary>
/// The request line, headers and body sent upstream: proxy_set_header entries first, then the
/// proxy module's defaults not overridden (Host $proxy_host, Connection close, the body's
/// Content-Length, and TE, Keep-Alive, Expect, Upgrade cleared); an empty value sends nothing.
/// Then the client's headers, except those any entry names (proxy_pass_request_headers).
/// </summary>
public static class UpstreamRequestBuilder
{
    private static readonly string[] clearedByDefault = { "Transfer-Encoding", "TE", "Keep-Alive", "Expect", "Upgrade" };

    /// <returns>the whole request, head and body, in an array rented from <see cref="ArrayPool{T}.Shared"/>: the
    /// caller gives it back once the request is sent for the last time (it was a new array per proxied request).</returns>
    public static ArraySegment<byte> Build(RequestContext ctx, ProxySettings settings, string proxyHost, string uri)
    {
        var request = ctx.Request;
        byte[]? body = null;
        if (settings.SetBody is { } setBody) body = Encoding.Latin1.GetBytes(setBody.Evaluate(ctx));
        else if (settings.PassRequestBody) body = ctx.RequestBody;
        string method = settings.Method?.Evaluate(ctx) ?? request.Method;

        // The head is written as Latin-1 bytes into a rented buffer (a proxied request used to build
        // a StringBuilder, its string, a set of the names sent and the bytes: ~2 KB per request).
        var head = new HeadBytes(512);
        bool built = false;
        try
        {
            head.Append(method);
            head.Append(" ");
            head.Append(uri);
            head.Append(settings.HttpVersionMinor == 1 ? " HTTP/1.1\r\n" : " HTTP/1.0\r\n");
            foreach (var (name, value) in settings.SetHeaders) AppendHeader(ref head, name, value.Evaluate(ctx));
            if (!SetByEntry(settings, "Host")) AppendHeader(ref head, "Host", proxyHost);
            if (!SetByEntry(settings, "Connection")) AppendHeader(ref head, "Connection", "close");
            if (!SetByEntry(settings, "Content-Length"))
            {
                // $proxy_internal_body_length: the body set by proxy_set_body, else the client's length.
                long? length = settings.SetBody is not null ? body!.Length
                    : request.Chunked ? ctx.RequestBody?.Length ?? 0 : request.ContentLength;
                if (length is long n) AppendHeader(ref head, "Content-Length", n.ToString(CultureInfo.InvariantCulture));
            }
            if (settings.PassRequestHeaders)
            {
                foreach (var header in request.Headers)
                    if (!NamedBeforeClientHeaders(settings, header.Key)) AppendHeader(ref head, header.Key, header.Value);
            }
            head.Append("\r\n");
            if (body is not null) head.Append(body);
            built = true;
            return head.Take();
        }
        finally
        {
            if (!built) head.Return();
        }
    }

    /// <summary>A proxy_set_header entry names the header (whatever its value, an empty one included).</summary>
    private static bool SetByEntry(ProxySettings settings, string name)
    {
        foreach (var (entry, _) in settings.SetHeaders)
            if (entry.Equals(name, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }

    /// <summary>
    /// A client header is not passed when an entry named it, or the module sends or clears it
    /// itself (Host, Connection, Content-Length, and the ones cleared by default).
    /// </summary>
    private static bool NamedBeforeClientHeaders(ProxySettings settings, string name)
    {
        if (name.Equals("Host", StringComparison.OrdinalIgnoreCase) || name.Equals("Connection", StringComparison.OrdinalIgnoreCase)
            || name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            return true;
        foreach (var cleared in clearedByDefault)
            if (cleared.Equals(name, StringComparison.OrdinalIgnoreCase)) return true;
        return SetByEntry(settings, name);
    }

    private static void AppendHeader(ref HeadBytes head, string name, string value)
    {
        if (value.Length == 0) return;
        head.Append(name);
        head.Append(": ");
        head.Append(value);
        head.Append("\r\n");
    }

    /// <summary>Latin-1 bytes (as <see cref="Encoding.Latin1"/> writes them) in a buffer rented from the shared pool.</summary>
    private struct HeadBytes
    {
        private byte[] buffer;

        public HeadBytes(int capacity) { buffer = ArrayPool<byte>.Shared.Rent(capacity); Length = 0; }

        public int Length { get; private set; }
        public readonly ReadOnlySpan<byte> Written => buffer.AsSpan(0, Length);

        public void Append(string text)
        {
            Reserve(Encoding.Latin1.GetMaxByteCount(text.Length));
            Length += Encoding.Latin1.GetBytes(text, buffer.AsSpan(Length));
        }

        public void Append(ReadOnlySpan<byte> bytes)
        {
            Reserve(bytes.Length);
            bytes.CopyTo(buffer.AsSpan(Length));
            Length += bytes.Length;
        }

        private void Reserve(int most)
        {
            if (buffer.Length - Length >= most) return;
            var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(buffer.Length * 2, Length + most));
            buffer.AsSpan(0, Length).CopyTo(bigger);
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = bigger;
        }

        /// <summary>Hands the rented buffer, with what was written, to the caller.</summary>
        public ArraySegment<byte> Take()
        {
            var written = new ArraySegment<byte>(buffer, 0, Length);
            buffer = Array.Empty<byte>();
            return written;
        }

        public void Return()
        {
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = Array.Empty<byte>();
        }
    }
}
