using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;

namespace Tidegate.Web.Tests.Harness;

/// <summary>
/// A scripted UDP peer for datagram cosocket cases (the <c>--- udp_backend</c> section) on
/// 127.0.0.1:<c>$TEST_NGINX_UDP_PORT</c>. Its script runs once, one step per line:
/// <code>
/// recv            wait for the next datagram (its sender is where replies go)
/// send TEXT       send TEXT as one datagram, with raw_request's escapes (\r \n \t \xHH \{x*N})
/// echo            send back the datagram last received, prefixed with "echo:"
/// sleep SECONDS   pause
/// loop            start the script again from its first line
/// </code>
/// Every datagram received is recorded, for <c>--- udp_backend_received</c> (one line per
/// datagram, in order, with the same escapes).
/// </summary>
public sealed class FakeUdpBackend : IDisposable
{
    private readonly Socket socket;
    private readonly string[] script;
    private readonly Channel<(byte[] Data, EndPoint From)> inbox = Channel.CreateUnbounded<(byte[], EndPoint)>();
    private readonly List<byte[]> received = new();
    private readonly CancellationTokenSource stop = new();

    public FakeUdpBackend(string script, int port)
    {
        this.script = script.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToArray();
        socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
        _ = Task.Run(ReceiveLoopAsync);
        _ = Task.Run(RunAsync);
    }

    /// <summary>The datagrams received so far, in order.</summary>
    public List<byte[]> Received { get { lock (received) return received.ToList(); } }

    private async Task ReceiveLoopAsync()
    {
        var buffer = new byte[70000];
        while (!stop.IsCancellationRequested)
        {
            SocketReceiveFromResult got;
            try { got = await socket.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), stop.Token); }
            catch (SocketException) { continue; }
            catch (Exception) { return; }
            var data = buffer.AsSpan(0, got.ReceivedBytes).ToArray();
            lock (received) received.Add(data);
            inbox.Writer.TryWrite((data, got.RemoteEndPoint));
        }
    }

    private async Task RunAsync()
    {
        byte[] last = Array.Empty<byte>();
        EndPoint? peer = null;
        try
        {
            for (int i = 0; i < script.Length; i++)
            {
                string step = script[i];
                int space = step.IndexOf(' ');
                string verb = space < 0 ? step : step[..space];
                string argument = space < 0 ? "" : step[(space + 1)..];
                switch (verb)
                {
                    case "recv":
                        (last, peer) = await inbox.Reader.ReadAsync(stop.Token);
                        break;
                    case "send":
                        if (peer is not null) await socket.SendToAsync(WebCase.Unescape(argument), SocketFlags.None, peer, stop.Token);
                        break;
                    case "echo":
                        if (peer is not null) await socket.SendToAsync("echo:"u8.ToArray().Concat(last).ToArray(), SocketFlags.None, peer, stop.Token);
                        break;
                    case "sleep":
                        await Task.Delay(TimeSpan.FromSeconds(double.Parse(argument, CultureInfo.InvariantCulture)), stop.Token);
                        break;
                    case "loop":
                        i = -1;
                        break;
                    default:
                        throw new InvalidOperationException($"unknown udp_backend step \"{step}\"");
                }
            }
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or ChannelClosedException) { }
    }

    public void Dispose()
    {
        stop.Cancel();
        socket.Dispose();
    }
}
