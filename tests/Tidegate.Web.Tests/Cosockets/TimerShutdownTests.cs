using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Tidegate.Web.Tests.Harness;

namespace Tidegate.Web.Tests.Cosockets;

/// <summary>
/// Timers with cosockets when the server shuts down gracefully (SIGQUIT, master process on), as
/// nginx's exiting worker behaves: a pending timer fires at once with premature = true and may
/// still use cosockets and sleep; the worker lives on until its running timers end: one parked in
/// a cosocket read until the read times out (logged as usual), one in ngx.sleep until the sleep
/// ends, and both then run to their end. The peer is a TCP listener in the test: it answers
/// "PING" with "PONG" and never answers anything else.
/// </summary>
public class TimerShutdownTests
{
    public static IEnumerable<object[]> Servers()
    {
        yield return new object[] { ServerKind.Tidegate };
        if (ServerProcess.NginxAvailable) yield return new object[] { ServerKind.Nginx };
    }

    private static string Config(ServerProcess server, int peerPort) => server.ModulePreamble + $$"""
        daemon off;
        master_process on;
        worker_processes 1;
        error_log logs/error.log info;
        pid logs/nginx.pid;
        events { }
        http {
            access_log off;
            server {
                listen 127.0.0.1:{{server.Port}};
                location /t { content_by_lua_block {
                    ngx.timer.at(0, function()
                        local s = ngx.socket.tcp()
                        s:settimeout(1000)
                        assert(s:connect("127.0.0.1", {{peerPort}}))
                        s:send("WAIT\n")
                        ngx.log(ngx.ERR, "parked in receive")
                        local d, err = s:receive()
                        ngx.log(ngx.ERR, "receive resumed: ", d, " ", err)
                    end)
                    ngx.timer.at(0, function()
                        ngx.log(ngx.ERR, "sleeping")
                        ngx.sleep(2)
                        ngx.log(ngx.ERR, "sleep resumed")
                    end)
                    ngx.timer.at(100, function(premature)
                        ngx.log(ngx.ERR, "pending timer premature: ", premature)
                        local s = ngx.socket.tcp()
                        s:settimeout(1000)
                        ngx.log(ngx.ERR, "premature connect: ", s:connect("127.0.0.1", {{peerPort}}))
                        s:send("PING\n")
                        ngx.log(ngx.ERR, "premature receive: ", s:receive())
                        ngx.sleep(0.1)
                        ngx.log(ngx.ERR, "premature timer slept")
                    end)
                    ngx.say("timers made")
                } }
            }
        }
        """;

    [Theory]
    [MemberData(nameof(Servers))]
    public async Task GracefulStopFiresPendingTimersAndWaitsForRunningOnes(ServerKind kind)
    {
        using var peer = new TcpListener(IPAddress.Loopback, 0);
        peer.Start();
        using var stopPeer = new CancellationTokenSource();
        var peerTask = Serve(peer, stopPeer.Token);
        try
        {
            using var server = new ServerProcess(kind);
            server.WriteFile("conf/nginx.conf", Config(server, ((IPEndPoint)peer.LocalEndpoint).Port));
            Assert.True(server.Start(TimeSpan.FromSeconds(15)), server.Stderr + server.ErrorLog);
            var raw = HttpExchange.SendRaw(server.Port, Encoding.ASCII.GetBytes("GET /t HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"), TimeSpan.FromSeconds(3));
            Assert.Equal("timers made\n", HttpExchange.ParseAll(raw)[0].BodyText);
            await WaitFor(() => server.ErrorLog.Contains("parked in receive") && server.ErrorLog.Contains("sleeping"), 5000);

            var clock = Stopwatch.StartNew();
            server.Signal(3); // SIGQUIT: graceful shutdown
            await WaitFor(() => HasExited(server.Pid), 10000);
            var stopped = clock.Elapsed;
            string log = server.ErrorLog;

            Assert.Contains("pending timer premature: true", log);
            Assert.Contains("premature connect: 1", log);
            Assert.Contains("premature receive: PONG", log);
            Assert.Contains("premature timer slept", log);
            // The parked read held the worker until its 1 s timeout, logged in the timer's context, then resumed.
            Assert.Contains("lua tcp socket read timed out, context: ngx.timer, client: 127.0.0.1", log);
            Assert.Contains("receive resumed: nil timeout", log);
            // The sleeping timer held it until its 2 s sleep ended.
            Assert.Contains("sleep resumed", log);
            Assert.True(stopped > TimeSpan.FromMilliseconds(1500), $"stopped after {stopped}, before the sleeping timer ended");
            Assert.True(stopped < TimeSpan.FromSeconds(5), $"stopped after {stopped}");
        }
        finally
        {
            stopPeer.Cancel();
            peer.Stop();
            try { await peerTask; } catch (Exception) { }
        }
    }

    /// <summary>Gone or a zombie. The process can be reaped between any two looks at /proc, so a read that
    /// finds it gone counts as exited.</summary>
    private static bool HasExited(int pid)
    {
        try { return File.ReadAllText($"/proc/{pid}/stat").Split(' ')[2] == "Z"; }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return true; }
    }

    private static async Task WaitFor(Func<bool> condition, int milliseconds)
    {
        var clock = Stopwatch.StartNew();
        while (!condition() && clock.ElapsedMilliseconds < milliseconds) await Task.Delay(20);
    }

    /// <summary>Answers each connection's "PING" line with "PONG"; any other line gets no answer.</summary>
    private static async Task Serve(TcpListener listener, CancellationToken stop)
    {
        var clients = new List<Task>();
        while (!stop.IsCancellationRequested)
        {
            var client = await listener.AcceptTcpClientAsync(stop);
            clients.Add(Task.Run(async () =>
            {
                using var c = client;
                var stream = c.GetStream();
                var reader = new StreamReader(stream, Encoding.ASCII);
                while (await reader.ReadLineAsync(stop) is { } line)
                    if (line == "PING") await stream.WriteAsync("PONG\n"u8.ToArray(), stop);
            }, stop));
        }
    }
}
