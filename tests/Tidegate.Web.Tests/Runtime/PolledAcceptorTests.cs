using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Tidegate.Web.Tests.Harness;

namespace Tidegate.Web.Tests.Runtime;

/// <summary>
/// Accepting on the worker's own epoll (Runtime/PolledAcceptor.cs), on both servers: many connections at once,
/// clients that close or reset before they are served, running out of descriptors (accepting pauses, then
/// resumes), reload and graceful stop; and for tidegate that accepting wakes no thread-pool thread.
/// </summary>
public class PolledAcceptorTests
{
    public static IEnumerable<object[]> Servers()
    {
        yield return new object[] { ServerKind.Tidegate };
        if (ServerProcess.NginxAvailable) yield return new object[] { ServerKind.Nginx };
    }

    private static string Config(ServerProcess server, string body = "accepted", bool master = false, int backlog = 511) => server.ModulePreamble + $$"""
        daemon off;
        master_process {{(master ? "on" : "off")}};
        worker_processes 1;
        error_log logs/error.log notice;
        pid logs/nginx.pid;
        events { worker_connections 1024; }
        http {
            access_log off;
            server {
                listen 127.0.0.1:{{server.Port}} backlog={{backlog}};
                location /slow { content_by_lua_block { ngx.sleep(0.5) ngx.say("slow done") } }
                location / { return 200 "{{body}}\n"; }
            }
        }
        """;

    private static readonly byte[] Request = Encoding.ASCII.GetBytes("GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

    private static string Get(int port, string path = "/")
    {
        var raw = HttpExchange.SendRaw(port, Encoding.ASCII.GetBytes($"GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"), TimeSpan.FromSeconds(5));
        var responses = HttpExchange.ParseAll(raw);
        return responses.Count == 0 ? "" : responses[0].BodyText;
    }

    /// <summary>Connects and sends a request without reading yet.</summary>
    private static Socket Open(int port, bool send = true)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Connect(IPAddress.Loopback, port);
        if (send) socket.Send(Request);
        return socket;
    }

    private static string ReadAll(Socket socket, int timeoutMs = 5000)
    {
        socket.ReceiveTimeout = timeoutMs;
        var output = new MemoryStream();
        var buffer = new byte[4096];
        try
        {
            int n;
            while ((n = socket.Receive(buffer)) > 0) output.Write(buffer, 0, n);
        }
        catch (SocketException) { }
        return Encoding.ASCII.GetString(output.ToArray());
    }

    private static bool WaitUntil(Func<bool> condition, int ms = 10000)
    {
        var sw = Stopwatch.StartNew();
        while (sw.ElapsedMilliseconds < ms)
        {
            if (condition()) return true;
            Thread.Sleep(20);
        }
        return false;
    }

    [Theory]
    [MemberData(nameof(Servers))]
    public void ManyConnectionsOpenedAtOnceAreAllServed(ServerKind kind)
    {
        using var server = new ServerProcess(kind);
        server.WriteFile("conf/nginx.conf", Config(server));
        Assert.True(server.Start(TimeSpan.FromSeconds(15)), server.Stderr + server.ErrorLog);
        // 300 connections wait in the backlog at once, each with its request sent, before any answer is read.
        var sockets = Enumerable.Range(0, 300).Select(_ => Open(server.Port)).ToList();
        try
        {
            var answers = sockets.Select(s => ReadAll(s)).ToList();
            Assert.All(answers, a => Assert.EndsWith("\r\n\r\naccepted\n", a));
        }
        finally { foreach (var s in sockets) s.Dispose(); }
        Assert.DoesNotContain("[alert]", server.ErrorLog);
        Assert.DoesNotContain("[crit]", server.ErrorLog);
    }

    [Theory]
    [MemberData(nameof(Servers))]
    public void ClientsThatCloseOrResetBeforeBeingServedLeaveTheServerServing(ServerKind kind)
    {
        using var server = new ServerProcess(kind);
        server.WriteFile("conf/nginx.conf", Config(server));
        Assert.True(server.Start(TimeSpan.FromSeconds(15)), server.Stderr + server.ErrorLog);
        Assert.Equal("accepted\n", Get(server.Port));
        int sockets = kind == ServerKind.Tidegate ? SocketDescriptors(server.Pid) : 0;
        for (int i = 0; i < 200; i++)
        {
            var socket = Open(server.Port, send: i % 4 == 3);
            // Half reset (linger 0: RST instead of FIN), half close; a quarter after sending a request.
            if (i % 2 == 0) socket.LingerState = new LingerOption(true, 0);
            socket.Dispose();
        }
        Assert.Equal("accepted\n", Get(server.Port));
        Assert.DoesNotContain("[alert]", server.ErrorLog);
        Assert.DoesNotContain("[crit]", server.ErrorLog);
        Assert.DoesNotContain("[error]", server.ErrorLog);
        if (kind == ServerKind.Nginx) return;
        // Every one of those connections was closed on the server's side too (none left open).
        Assert.True(WaitUntil(() => SocketDescriptors(server.Pid) <= sockets), $"{SocketDescriptors(server.Pid)} sockets open, {sockets} before");
    }

    [Theory]
    [MemberData(nameof(Servers))]
    public void RunningOutOfDescriptorsPausesAcceptingAndItResumesOnceTheyAreBack(ServerKind kind)
    {
        if (!OperatingSystem.IsLinux() || !File.Exists("/usr/bin/prlimit")) return;
        using var server = new ServerProcess(kind);
        server.WriteFile("conf/nginx.conf", Config(server));
        Assert.True(server.Start(TimeSpan.FromSeconds(15)), server.Stderr + server.ErrorLog);
        Assert.Equal("accepted\n", Get(server.Port));
        int open = Directory.GetFiles($"/proc/{server.Pid}/fd").Length;
        // Room for two more descriptors, then 10 connections: accept4 runs out with EMFILE.
        Prlimit(server.Pid, open + 2);
        var sockets = new List<Socket>();
        try
        {
            // Connections that stay open (no request yet), so the descriptors they take are not given back.
            for (int i = 0; i < 10; i++) sockets.Add(Open(server.Port, send: false));
            Assert.True(WaitUntil(() => server.ErrorLog.Contains("accept4() failed (24: Too many open files)")), server.ErrorLog);
            Assert.Contains("[crit]", server.ErrorLog);
            // Descriptors back: the connections accepted and those that waited in the backlog are all served.
            foreach (var s in sockets) s.Send(Request);
            Prlimit(server.Pid, 4096);
            var answers = sockets.Select(s => ReadAll(s)).ToList();
            Assert.All(answers, a => Assert.EndsWith("\r\n\r\naccepted\n", a));
        }
        finally { foreach (var s in sockets) s.Dispose(); }
        Assert.Equal("accepted\n", Get(server.Port));
        // The pause does not spin: the server is idle again.
        Assert.True(CpuSecondsOver(server.Pid, TimeSpan.FromMilliseconds(600)) < 0.2);
    }

    [Theory]
    [MemberData(nameof(Servers))]
    public void AReloadHandsTheListeningSocketOverAndTheOldWorkerStopsAccepting(ServerKind kind)
    {
        using var server = new ServerProcess(kind);
        server.WriteFile("conf/nginx.conf", Config(server, "first", master: true));
        Assert.True(server.Start(TimeSpan.FromSeconds(15)), server.Stderr + server.ErrorLog);
        Assert.Equal("first\n", Get(server.Port));
        // A request in progress across the reload finishes on the old configuration's worker.
        var slow = Task.Run(() => Get(server.Port, "/slow"));
        Thread.Sleep(100);
        server.WriteFile("conf/nginx.conf", Config(server, "second", master: true));
        server.Signal(1); // SIGHUP
        Assert.True(WaitUntil(() => Get(server.Port) == "second\n"), "reloaded");
        // Soon every connection goes to the new worker: the old one took the socket out of its epoll set
        // (nginx's old worker, too, may take a connection or two before its stop signal arrives).
        Assert.True(WaitUntil(() => Enumerable.Range(0, 30).All(_ => Get(server.Port) == "second\n")), "only the new worker accepts");
        Assert.Equal("slow done\n", slow.Result);
        Thread.Sleep(300);
        Assert.True(CpuSecondsOver(server.Pid, TimeSpan.FromMilliseconds(600)) < 0.2, "idle after the reload");
    }

    [Theory]
    [MemberData(nameof(Servers))]
    public void AGracefulStopFinishesTheRequestInProgressAndExits(ServerKind kind)
    {
        using var server = new ServerProcess(kind);
        server.WriteFile("conf/nginx.conf", Config(server, master: true));
        Assert.True(server.Start(TimeSpan.FromSeconds(15)), server.Stderr + server.ErrorLog);
        var slow = Task.Run(() => Get(server.Port, "/slow"));
        Thread.Sleep(150);
        server.Signal(3); // SIGQUIT
        Assert.Equal("slow done\n", slow.Result);
        Assert.Equal(0, server.WaitForExit(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public void AcceptingNeedsNoThreadPoolThread()
    {
        if (!OperatingSystem.IsLinux()) return;
        using var server = new ServerProcess(ServerKind.Tidegate);
        server.WriteFile("conf/nginx.conf", Config(server));
        Assert.True(server.Start(TimeSpan.FromSeconds(15)), server.Stderr + server.ErrorLog);
        for (int i = 0; i < 50; i++) Assert.Equal("accepted\n", Get(server.Port));
        var names = Directory.EnumerateDirectories($"/proc/{server.Pid}/task")
            .Select(t => { try { return File.ReadAllText(Path.Combine(t, "comm")).Trim(); } catch (IOException) { return ""; } })
            .ToList();
        // Socket.AcceptAsync completed on the socket engine's thread, which queued a pool item per connection:
        // the pool's threads started with the first connection. Accepting on the worker's epoll needs none.
        Assert.DoesNotContain(".NET TP Worker", names);
        Assert.DoesNotContain(".NET TP Gate", names);
    }

    private static void Prlimit(int pid, int files)
    {
        using var p = Process.Start(new ProcessStartInfo("/usr/bin/prlimit", $"--pid {pid} --nofile={files}:") { UseShellExecute = false })!;
        p.WaitForExit();
        Assert.Equal(0, p.ExitCode);
    }

    private static int SocketDescriptors(int pid)
    {
        int count = 0;
        foreach (var fd in Directory.GetFiles($"/proc/{pid}/fd"))
        {
            try { if (new FileInfo(fd).LinkTarget?.StartsWith("socket:") == true) count++; }
            catch (IOException) { }
        }
        return count;
    }

    /// <summary>The process's user + system CPU seconds (all its threads) over <paramref name="window"/>.</summary>
    private static double CpuSecondsOver(int pid, TimeSpan window)
    {
        static long Ticks(int pid)
        {
            string stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return long.Parse(fields[11]) + long.Parse(fields[12]);
        }
        long before = Ticks(pid);
        Thread.Sleep(window);
        return (Ticks(pid) - before) / 100.0;
    }
}
