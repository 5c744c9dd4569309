using System.Net.Sockets;
using System.Text;

namespace Tidegate.Web.Tests.Harness;

/// <summary>
/// One HTTP/1.0 GET on a fresh connection, read until the server closes it: what the load and
/// descriptor-count tests send many of at once, where the case harness's client is too heavy.
/// </summary>
public static class OneShotHttp
{
    /// <summary>"STATUS body" (the body without its final newline), or "no response: ..." when no head came back.</summary>
    public static async Task<string> StatusAndBodyAsync(int port, string uri, TimeSpan timeout)
    {
        string text = await ExchangeAsync(port, uri, timeout);
        int split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (split < 0 || text.Length < 12) return "no response: " + text;
        return text.Substring(9, 3) + " " + text[(split + 4)..].TrimEnd('\n');
    }

    /// <summary>The body without its final newline, or "no response: ..." when no head came back.</summary>
    public static async Task<string> BodyAsync(int port, string uri, TimeSpan timeout)
    {
        string text = await ExchangeAsync(port, uri, timeout);
        int split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        return split < 0 ? "no response: " + text : text[(split + 4)..].TrimEnd('\n');
    }

    private static async Task<string> ExchangeAsync(int port, string uri, TimeSpan timeout)
    {
        using var client = new TcpClient();
        using var cts = new CancellationTokenSource(timeout);
        await client.ConnectAsync("127.0.0.1", port, cts.Token);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"GET {uri} HTTP/1.0\r\nHost: x\r\n\r\n"), cts.Token);
        var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cts.Token);
        return Encoding.Latin1.GetString(buffer.ToArray());
    }
}
