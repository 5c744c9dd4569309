using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Tidegate.Web.Tests.Harness;

/// <summary>
/// A scripted raw TCP backend for proxy cases (the <c>--- backend</c> section): it listens on
/// <c>$TEST_NGINX_BACKEND_PORT</c> and runs a small script on every connection it accepts, one
/// step per line, so a case can make an upstream misbehave exactly (close early, stall, send
/// garbage, close an idle keepalive connection):
/// <code>
/// read            read one HTTP request (head, then a Content-Length or chunked body)
/// send TEXT       send TEXT, with raw_request's escapes (\r \n \t \xHH \{x*N})
/// sleep SECONDS   pause
/// wait            hold the connection until the peer closes it (or 20 s)
/// close           close the connection (also what happens at the end of the script)
/// reset           close with a TCP reset
/// next            ends the script of this connection: the lines after it are the next
///                 connection's; the last script repeats for every later connection
/// </code>
/// Everything each connection received is recorded, for <c>--- backend_request</c> (the exact
/// bytes of the first request, same escapes) and <c>--- backend_connections: N</c>.
/// With <c>--- backend_tls: NAME</c> every connection first completes a TLS handshake as the
/// server, presenting one of <see cref="TestCertificates"/> (see <see cref="TlsBackend"/>).
/// </summary>
public sealed class FakeBackend : IDisposable
{
    private readonly TcpListener listener;
    private readonly List<string[]> scripts;
    private readonly List<byte[]> requests = new();
    private readonly CancellationTokenSource stop = new();
    private int connections;

    private readonly TlsBackend? tls;

    public FakeBackend(string script, int port, TlsBackend? tls = null)
    {
        this.tls = tls;
        scripts = new List<string[]> { Array.Empty<string>() };
        var current = new List<string>();
        scripts.Clear();
        foreach (var raw in script.Split('\n'))
        {
            string line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            if (line == "next") { scripts.Add(current.ToArray()); current.Clear(); continue; }
            current.Add(line);
        }
        scripts.Add(current.ToArray());
        listener = new TcpListener(IPAddress.Loopback, port);
        // The port may still have connections in TIME_WAIT from an earlier case's traffic.
        listener.Server.SetSocketOption(System.Net.Sockets.SocketOptionLevel.Socket, System.Net.Sockets.SocketOptionName.ReuseAddress, true);
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        _ = Task.Run(AcceptLoopAsync);
    }

    public int Port { get; }
    public int Connections => Volatile.Read(ref connections);

    /// <summary>The requests received so far, in the order they were read.</summary>
    public List<byte[]> Requests { get { lock (requests) return requests.ToList(); } }

    private async Task AcceptLoopAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            Socket socket;
            try { socket = await listener.AcceptSocketAsync(stop.Token); }
            catch (Exception) { return; }
            int index = Interlocked.Increment(ref connections) - 1;
            var script = scripts[Math.Min(index, scripts.Count - 1)];
            _ = Task.Run(() => RunAsync(socket, script));
        }
    }

    private async Task RunAsync(Socket socket, string[] script)
    {
        var pending = new MemoryStream();
        Stream io = new NetworkStream(socket, ownsSocket: false);
        try
        {
            if (tls is not null) io = await tls.AcceptAsync(io, stop.Token);
            foreach (var step in script)
            {
                int space = step.IndexOf(' ');
                string verb = space < 0 ? step : step[..space];
                string argument = space < 0 ? "" : step[(space + 1)..];
                switch (verb)
                {
                    case "read":
                        var request = await ReadRequestAsync(io, pending);
                        if (request is null) return;
                        lock (requests) requests.Add(request);
                        break;
                    case "send":
                        await io.WriteAsync(WebCase.Unescape(argument), stop.Token);
                        break;
                    case "sleep":
                        await Task.Delay(TimeSpan.FromSeconds(double.Parse(argument, System.Globalization.CultureInfo.InvariantCulture)), stop.Token);
                        break;
                    case "wait":
                        using (var limit = CancellationTokenSource.CreateLinkedTokenSource(stop.Token))
                        {
                            limit.CancelAfter(TimeSpan.FromSeconds(20));
                            var scratch = new byte[4096];
                            while (await io.ReadAsync(scratch, limit.Token) > 0) { }
                        }
                        break;
                    case "close":
                        return;
                    case "reset":
                        socket.LingerState = new LingerOption(true, 0);
                        return;
                    default:
                        throw new InvalidOperationException($"unknown backend step \"{step}\"");
                }
            }
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or IOException or System.Security.Authentication.AuthenticationException) { }
        finally
        {
            io.Dispose();
            socket.Dispose();
        }
    }

    /// <summary>Reads one request: the head up to the empty line, then its body.</summary>
    private async Task<byte[]?> ReadRequestAsync(Stream socket, MemoryStream pending)
    {
        var buffer = new byte[8192];
        int headEnd;
        while ((headEnd = IndexOf(pending, "\r\n\r\n"u8)) < 0)
        {
            int n = await socket.ReadAsync(buffer, stop.Token);
            if (n <= 0) return null;
            pending.Write(buffer, 0, n);
        }
        int total = headEnd + 4;
        string head = Encoding.Latin1.GetString(pending.GetBuffer(), 0, headEnd);
        long length = 0;
        bool chunked = false;
        foreach (var line in head.Split("\r\n"))
        {
            if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase)) length = long.Parse(line[15..].Trim());
            if (line.StartsWith("Transfer-Encoding:", StringComparison.OrdinalIgnoreCase) && line.Contains("chunked")) chunked = true;
        }
        while (true)
        {
            if (chunked)
            {
                int end = IndexOf(pending, "\r\n0\r\n\r\n"u8, total - 2);
                if (end >= 0) { total = end + 7; break; }
            }
            else if (pending.Length >= total + length) { total += (int)length; break; }
            int n = await socket.ReadAsync(buffer, stop.Token);
            if (n <= 0) return null;
            pending.Write(buffer, 0, n);
        }
        byte[] all = pending.ToArray();
        pending.SetLength(0);
        pending.Write(all, total, all.Length - total);
        return all[..total];
    }

    private static int IndexOf(MemoryStream stream, ReadOnlySpan<byte> needle, int from = 0)
    {
        var span = stream.GetBuffer().AsSpan(0, (int)stream.Length);
        if (from < 0) from = 0;
        if (from > span.Length) return -1;
        int i = span[from..].IndexOf(needle);
        return i < 0 ? -1 : from + i;
    }

    public void Dispose()
    {
        stop.Cancel();
        listener.Stop();
    }
}
