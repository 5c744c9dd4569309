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

    public static byte[] Build(RequestContext ctx, ProxySettings settings, string proxyHost, string uri)
    {
        var request = ctx.Request;
        byte[]? body = null;
        if (settings.SetBody is { } setBody) body = Encoding.Latin1.GetBytes(setBody.Evaluate(ctx));
        else if (settings.PassRequestBody) body = ctx.RequestBody;
        string method = settings.Method?.Evaluate(ctx) ?? request.Method;

        var head = new StringBuilder(512);
        head.Append(method).Append(' ').Append(uri).Append(" HTTP/1.").Append(settings.HttpVersionMinor).Append("\r\n");
        var named = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in settings.SetHeaders)
        {
            named.Add(name);
            AppendHeader(head, name, value.Evaluate(ctx));
        }
        if (named.Add("Host")) AppendHeader(head, "Host", proxyHost);
        if (named.Add("Connection")) AppendHeader(head, "Connection", "close");
        if (named.Add("Content-Length"))
        {
            // $proxy_internal_body_length: the body set by proxy_set_body, else the client's length.
            long? length = settings.SetBody is not null ? body!.Length
                : request.Chunked ? ctx.RequestBody?.Length ?? 0 : request.ContentLength;
            if (length is long n) AppendHeader(head, "Content-Length", n.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        foreach (var name in clearedByDefault) named.Add(name);
        if (settings.PassRequestHeaders)
        {
            foreach (var header in request.Headers)
                if (!named.Contains(header.Key)) AppendHeader(head, header.Key, header.Value);
        }
        head.Append("\r\n");
        byte[] headBytes = Encoding.Latin1.GetBytes(head.ToString());
        if (body is null || body.Length == 0) return headBytes;
        var all = new byte[headBytes.Length + body.Length];
        headBytes.CopyTo(all, 0);
        body.CopyTo(all, headBytes.Length);
        return all;
    }

    private static void AppendHeader(StringBuilder head, string name, string value)
    {
        if (value.Length == 0) return;
        head.Append(name).Append(": ").Append(value).Append("\r\n");
    }
}
