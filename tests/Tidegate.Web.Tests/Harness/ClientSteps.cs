using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Tidegate.Web.Tests.Harness;

/// <summary>
/// Sections for cases about how the connection ends, on either side:
/// <c>--- abort_after_ms: N</c> (send the request, then close the connection N ms later without
/// reading, as a client that gives up; unread response bytes make that close a reset),
/// <c>--- abort_half_close</c> (with abort_after_ms: shut down only the sending side, then read what
/// the server still sends until it closes), <c>--- response_closed</c> (the server closed the
/// connection without sending a byte: not a timeout, not a reset), <c>--- response_truncated</c> (a
/// response came, but the server closed before its body ended: a chunked body without its last
/// chunk, or fewer bytes than Content-Length), and <c>--- wait: SECONDS</c> (pause before the error
/// and access logs are read, for handlers still running after the client left).
/// </summary>
public static class ClientSteps
{
    /// <summary>How a read of the server's answer ended.</summary>
    public enum Ending { Closed, Reset, TimedOut, NotRead }

    public static bool Applies(WebCase c) =>
        c.Has("abort_after_ms") || c.Has("response_closed") || c.Has("response_truncated");

    /// <summary>Sends the case's request, carries out the abort if asked, and checks how the connection ended.</summary>
    public static List<WireResponse> Run(WebCase c, ServerProcess server, TimeSpan timeout, List<string> failures)
    {
        byte[] request = CaseRunner.BuildRequest(c, out bool head);
        using var client = new TcpClient();
        client.Connect(IPAddress.Loopback, server.Port);
        client.ReceiveTimeout = (int)timeout.TotalMilliseconds;
        var socket = client.Client;
        socket.Send(request);
        byte[] raw = Array.Empty<byte>();
        var ending = Ending.NotRead;
        if (c.Get("abort_after_ms") is { } delay)
        {
            Thread.Sleep(int.Parse(delay));
            if (c.Has("abort_half_close"))
            {
                socket.Shutdown(SocketShutdown.Send);
                (raw, ending) = ReadToEnd(socket);
            }
            else socket.Close();
        }
        else (raw, ending) = ReadToEnd(socket);

        if (c.Has("response_closed"))
        {
            if (raw.Length > 0) failures.Add($"expected the connection closed without a response, got: {Encoding.Latin1.GetString(raw[..Math.Min(raw.Length, 300)])}");
            else if (ending != Ending.Closed) failures.Add($"expected the server to close the connection, but the read ended by {ending}");
        }
        if (c.Has("response_truncated") && (raw.Length == 0 || IsComplete(raw, head)))
            failures.Add($"expected a response cut short by the close, got: {Encoding.Latin1.GetString(raw)}");
        return raw.Length == 0 ? new List<WireResponse>() : HttpExchange.ParseAll(raw, head);
    }

    private static (byte[], Ending) ReadToEnd(Socket socket)
    {
        var output = new MemoryStream();
        var buffer = new byte[65536];
        try
        {
            while (true)
            {
                int n = socket.Receive(buffer);
                if (n <= 0) return (output.ToArray(), Ending.Closed);
                output.Write(buffer, 0, n);
            }
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.TimedOut || e.SocketErrorCode == SocketError.WouldBlock)
        {
            return (output.ToArray(), Ending.TimedOut);
        }
        catch (SocketException)
        {
            return (output.ToArray(), Ending.Reset);
        }
    }

    /// <summary>Whether the one response in <paramref name="raw"/> ended as its framing says.</summary>
    private static bool IsComplete(byte[] raw, bool head)
    {
        string text = Encoding.Latin1.GetString(raw);
        int headEnd = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (headEnd < 0) return false;
        var response = HttpExchange.ParseAll(raw, head)[0];
        if (head) return true;
        if (response.Header("Transfer-Encoding") is { } te && te.Contains("chunked"))
            return text.EndsWith("\r\n0\r\n\r\n", StringComparison.Ordinal);
        if (response.Header("Content-Length") is { } length) return raw.Length - (headEnd + 4) >= long.Parse(length);
        return true;
    }
}
