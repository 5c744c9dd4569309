using System.Text;

namespace Tidegate.Web.Http;

/// <summary>Reason phrases and nginx's built-in error pages (ngx_http_special_response.c).</summary>
public static class HttpStatus
{
    private static readonly Dictionary<int, string> reasons = new()
    {
        [100] = "Continue", [101] = "Switching Protocols",
        [200] = "OK", [201] = "Created", [202] = "Accepted", [204] = "No Content", [206] = "Partial Content",
        [301] = "Moved Permanently", [302] = "Moved Temporarily", [303] = "See Other", [304] = "Not Modified",
        [307] = "Temporary Redirect", [308] = "Permanent Redirect",
        [400] = "Bad Request", [401] = "Unauthorized", [402] = "Payment Required", [403] = "Forbidden",
        [404] = "Not Found", [405] = "Not Allowed", [406] = "Not Acceptable", [408] = "Request Time-out",
        [409] = "Conflict", [410] = "Gone", [411] = "Length Required", [412] = "Precondition Failed",
        [413] = "Request Entity Too Large", [414] = "Request-URI Too Large", [415] = "Unsupported Media Type",
        [416] = "Requested Range Not Satisfiable", [421] = "Misdirected Request", [429] = "Too Many Requests",
        [500] = "Internal Server Error", [501] = "Not Implemented", [502] = "Bad Gateway",
        [503] = "Service Temporarily Unavailable", [504] = "Gateway Time-out", [505] = "HTTP Version Not Supported",
        [507] = "Insufficient Storage",
    };

    /// <summary>The status line's text; nginx prints codes it has no phrase for as "NNN " with an empty reason.</summary>
    public static string? Reason(int status) => reasons.TryGetValue(status, out var r) ? r : null;

    public static string StatusLine(int status) =>
        Reason(status) is { } reason ? $"HTTP/1.1 {status} {reason}\r\n" : $"HTTP/1.1 {status} \r\n";

    // Status lines as bytes, made on first use per status (a race only makes the same bytes twice).
    private static readonly byte[]?[] statusLineBytes = new byte[]?[1000];

    /// <summary><see cref="StatusLine"/> as bytes, cached for the three-digit statuses.</summary>
    public static byte[] StatusLineBytes(int status)
    {
        if ((uint)status >= (uint)statusLineBytes.Length) return Encoding.ASCII.GetBytes(StatusLine(status));
        return statusLineBytes[status] ??= Encoding.ASCII.GetBytes(StatusLine(status));
    }

    /// <summary>Statuses nginx answers with its built-in page when there is no body of the request's own.</summary>
    public static bool HasSpecialPage(int status) => status >= 301 && status != 304 && reasons.ContainsKey(status)
        || status == 494;

    /// <summary>The built-in page; <paramref name="serverToken"/> is "tidegate/0.1.0" or "tidegate" (server_tokens off).</summary>
    public static byte[] ErrorPage(int status, string serverToken)
    {
        string title = status switch
        {
            494 => "400 Request Header Or Cookie Too Large",
            // The page titles nginx words differently from its status lines.
            302 => "302 Found",
            401 => "401 Authorization Required",
            _ => $"{status} {Reason(status)}",
        };
        string heading = status == 494
            ? "<center><h1>400 Bad Request</h1></center>\r\n<center>Request Header Or Cookie Too Large</center>\r\n"
            : $"<center><h1>{title}</h1></center>\r\n";
        var sb = new StringBuilder();
        sb.Append("<html>\r\n<head><title>").Append(title).Append("</title></head>\r\n<body>\r\n")
          .Append(heading)
          .Append("<hr><center>").Append(serverToken).Append("</center>\r\n</body>\r\n</html>\r\n");
        return Encoding.ASCII.GetBytes(sb.ToString());
    }

    /// <summary>Errors after which nginx never keeps the connection alive.</summary>
    public static bool ClosesConnection(int status) => status is 400 or 413 or 414 or 494 or 500 or 501 or 505 or 408;
}
