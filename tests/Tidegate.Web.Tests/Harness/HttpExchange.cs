using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Tidegate.Web.Tests.Harness;

/// <summary>A response as read off the wire: status, headers (in order), body, and the raw bytes.</summary>
public sealed class WireResponse
{
    public int Status { get; init; }
    public string StatusLine { get; init; } = "";
    public List<KeyValuePair<string, string>> Headers { get; } = new();
    public byte[] Body { get; init; } = Array.Empty<byte>();
    public byte[] Raw { get; init; } = Array.Empty<byte>();
    /// <summary>True when the server closed without sending anything (return 444, dropped connection).</summary>
    public bool Empty => Raw.Length == 0;

    public string? Header(string name) =>
        Headers.FirstOrDefault(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;

    public string BodyText => Encoding.Latin1.GetString(Body);
}

/// <summary>Sends raw request bytes on a fresh connection and reads responses until the server closes.</summary>
public static class HttpExchange
{
    public static byte[] SendRaw(int port, byte[] request, TimeSpan timeout, int pauseAfterMs = 0)
    {
        using var client = new TcpClient();
        client.Connect(IPAddress.Loopback, port);
        client.ReceiveTimeout = (int)timeout.TotalMilliseconds;
        var stream = client.GetStream();
        stream.Write(request);
        var output = new MemoryStream();
        var buffer = new byte[65536];
        try
        {
            while (true)
            {
                int n = stream.Read(buffer);
                if (n <= 0) break;
                output.Write(buffer, 0, n);
            }
        }
        catch (IOException) { /* timeout or reset: return what arrived */ }
        return output.ToArray();
    }

    /// <summary>Splits a byte stream into responses (Content-Length, chunked, or to the end).</summary>
    public static List<WireResponse> ParseAll(byte[] raw, bool headRequest = false)
    {
        var list = new List<WireResponse>();
        int pos = 0;
        while (pos < raw.Length)
        {
            int headEnd = IndexOf(raw, "\r\n\r\n"u8, pos);
            if (headEnd < 0 || !raw.AsSpan(pos).StartsWith("HTTP/"u8))
            {
                list.Add(new WireResponse { Status = 0, Body = raw[pos..], Raw = raw[pos..] });
                break;
            }
            string head = Encoding.Latin1.GetString(raw, pos, headEnd - pos);
            var lines = head.Split("\r\n");
            var statusParts = lines[0].Split(' ', 3);
            int status = statusParts.Length > 1 && int.TryParse(statusParts[1], out int s) ? s : 0;
            var headers = new List<KeyValuePair<string, string>>();
            foreach (var line in lines.Skip(1))
            {
                int colon = line.IndexOf(':');
                if (colon > 0) headers.Add(new(line[..colon], line[(colon + 1)..].Trim()));
            }
            int bodyStart = headEnd + 4;
            byte[] body;
            int next;
            var length = headers.FirstOrDefault(h => h.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)).Value;
            bool chunked = headers.Any(h => h.Key.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase) && h.Value.Contains("chunked"));
            if (headRequest || status is 204 or 304 || status < 200)
            {
                body = Array.Empty<byte>();
                next = bodyStart;
            }
            else if (length is not null && int.TryParse(length, out int n))
            {
                n = Math.Min(n, raw.Length - bodyStart);
                body = raw.AsSpan(bodyStart, n).ToArray();
                next = bodyStart + n;
            }
            else if (chunked)
            {
                var decoded = new MemoryStream();
                int p = bodyStart;
                while (p < raw.Length)
                {
                    int lineEnd = IndexOf(raw, "\r\n"u8, p);
                    if (lineEnd < 0)
                    {
                        // A tail that cannot begin a chunk-size line is raw bytes after the head: kept as body.
                        if (raw.AsSpan(p).ContainsAnyExcept("0123456789abcdefABCDEF;\r"u8))
                        {
                            decoded.Write(raw, p, raw.Length - p);
                            p = raw.Length;
                        }
                        break;
                    }
                    string sizeText = Encoding.ASCII.GetString(raw, p, lineEnd - p).Split(';')[0].Trim();
                    if (!int.TryParse(sizeText, System.Globalization.NumberStyles.AllowHexSpecifier, null, out int size))
                    {
                        // Bytes that are not a chunk (a raw ngx.req.socket writing after a chunked head): kept as body.
                        decoded.Write(raw, p, raw.Length - p);
                        p = raw.Length;
                        break;
                    }
                    p = lineEnd + 2;
                    if (size == 0) { p = IndexOf(raw, "\r\n"u8, p) + 2; break; }
                    decoded.Write(raw, p, Math.Min(size, raw.Length - p));
                    p += size + 2;
                }
                body = decoded.ToArray();
                next = Math.Min(p, raw.Length);
            }
            else
            {
                body = raw[bodyStart..];
                next = raw.Length;
            }
            var response = new WireResponse { Status = status, StatusLine = lines[0], Body = body, Raw = raw[pos..next] };
            response.Headers.AddRange(headers);
            list.Add(response);
            pos = next;
        }
        return list;
    }

    private static int IndexOf(byte[] data, ReadOnlySpan<byte> needle, int from)
    {
        int i = data.AsSpan(from).IndexOf(needle);
        return i < 0 ? -1 : from + i;
    }
}
