using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using Tidegate.Web.Tests.Harness;

namespace Tidegate.Web.Tests.Cli;

/// <summary>
/// nginx's process behaviour, driven as a harness drives nginx: -t/-v/-V output, daemon mode
/// returning once the server listens, the pid file, -s stop|quit|reload|reopen, and the signals
/// behind them (a reload with a broken config keeps the old one). Each test runs against
/// tidegate and, when installed, nginx, checking the same phrases.
/// </summary>
public class ProcessBehaviourTests
{
    public static IEnumerable<object[]> Servers()
    {
        yield return new object[] { ServerKind.Tidegate };
        if (ServerProcess.NginxAvailable) yield return new object[] { ServerKind.Nginx };
    }

    private static string Config(ServerProcess server, string body, bool daemon = false, bool master = false) => server.ModulePreamble + $$"""
        daemon {{(daemon ? "on" : "off")}};
        master_process {{(master ? "on" : "off")}};
        error_log logs/error.log info;
        pid logs/nginx.pid;
        events { }
        http {
            access_log logs/access.log;
            server {
                listen 127.0.0.1:{{server.Port}};
                location / { return 200 "{{body}}\n"; }
            }
        }
        """;

    private static (int Code, string Stdout, string Stderr) RunToEnd(ServerProcess server, params string[] args)
    {
        using var p = server.Launch(args);
        p.WaitForExit(20000);
        p.WaitForExit();
        Thread.Sleep(50);
        return (p.ExitCode, "", server.Stderr);
    }

    private static string Get(int port, string path = "/")
    {
        var raw = HttpExchange.SendRaw(port, Encoding.ASCII.GetBytes($"GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"), TimeSpan.FromSeconds(3));
        var responses = HttpExchange.ParseAll(raw);
        return responses.Count == 0 ? "" : responses[0].BodyText;
    }

    private static bool WaitUntil(Func<bool> condition, int ms = 10000)
    {
        var sw = Stopwatch.StartNew();
        while (sw.ElapsedMilliseconds < ms)
        {
            if (condition()) return true;
            Thread.Sleep(25);
        }
        return false;
    }

    private static bool Listening(int port)
    {
        try { using var c = new TcpClient(); c.Connect("127.0.0.1", port); return true; }
        catch (SocketException) { return false; }
    }

    [Theory]
    [MemberData(nameof(Servers))]
    public void TestFlagReportsSyntaxOk(ServerKind kind)
    {
        using var server = new ServerProcess(kind);
        server.WriteFile("conf/nginx.conf", Config(server, "x"));
        var (code, _, stderr) = RunToEnd(server, "-t", "-p", server.Prefix + "/", "-c", "conf/nginx.conf");
        Assert.Equal(0, code);
        Assert.Contains($"the configuration file {server.Prefix}/conf/nginx.conf syntax is ok", stderr);
        Assert.Contains($"configuration file {server.Prefix}/conf/nginx.conf test is successful", stderr);
    }

    [Theory]
    [MemberData(nameof(Servers))]
    public void TestFlagReportsFailure(ServerKind kind)
    {
        using var server = new ServerProcess(kind);
        server.WriteFile("conf/nginx.conf", Config(server, "x").Replace("return 200", "retrun 200"));
        var (code, _, stderr) = RunToEnd(server, "-t", "-p", server.Prefix + "/", "-c", "conf/nginx.conf");
        Assert.Equal(1, code);
        Assert.Contains("[emerg]", stderr);
        Assert.Contains($"unknown directive \"retrun\" in {server.Prefix}/conf/nginx.conf:", stderr);
        Assert.Contains($"configuration file {server.Prefix}/conf/nginx.conf test failed", stderr);
    }

    [Theory]
    [MemberData(nameof(Servers))]
    public void GlobalDirectivesComeFromTheCommandLine(ServerKind kind)
    {
        using var server = new ServerProcess(kind);
        server.WriteFile("conf/nginx.conf", Config(server, "x"));
        var (code, _, stderr) = RunToEnd(server, "-t", "-p", server.Prefix + "/", "-c", "conf/nginx.conf", "-g", "bogus_directive on;");
        Assert.Equal(1, code);
        Assert.Contains("unknown directive \"bogus_directive\" in command line", stderr);
    }

    [Fact]
    public void VersionFlags()
    {
        using var server = new ServerProcess(ServerKind.Tidegate);
        var (code, _, stderr) = RunToEnd(server, "-v");
        Assert.Equal(0, code);
        Assert.Contains("tidegate version: tidegate/0.1.0", stderr);
        using var server2 = new ServerProcess(ServerKind.Tidegate);
        (code, _, stderr) = RunToEnd(server2, "-V");
        Assert.Equal(0, code);
        Assert.Contains("ngx_lua 0.10.23", stderr);
    }

    [Fact]
    public void InvalidOptionExitsWithOne()
    {
        using var server = new ServerProcess(ServerKind.Tidegate);
        var (code, _, stderr) = RunToEnd(server, "-x");
        Assert.Equal(1, code);
        Assert.Contains("invalid option: \"x\"", stderr);
    }

    [Theory]
    [MemberData(nameof(Servers))]
    public void DaemonReturnsOnceListeningAndStopsThroughThePidFile(ServerKind kind)
    {
        using var server = new ServerProcess(kind);
        server.WriteFile("conf/nginx.conf", Config(server, "daemon", daemon: true));
        var (code, _, _) = RunToEnd(server, "-p", server.Prefix + "/", "-c", "conf/nginx.conf");
        Assert.Equal(0, code);
        Assert.True(Listening(server.Port), "the server listens when the launcher returns");
        Assert.Equal("daemon\n", Get(server.Port));
        string pidFile = Path.Combine(server.Prefix, "logs", "nginx.pid");
        Assert.True(int.TryParse(File.ReadAllText(pidFile).Trim(), out _));

        var (stopCode, _, _) = RunToEnd(server, "-p", server.Prefix + "/", "-c", "conf/nginx.conf", "-s", "stop");
        Assert.Equal(0, stopCode);
        Assert.True(WaitUntil(() => !Listening(server.Port)), "stopped");
        Assert.True(WaitUntil(() => !File.Exists(pidFile)), "the pid file is removed on exit");
    }

    [Theory]
    [MemberData(nameof(Servers))]
    public void ReloadAppliesANewConfigAndKeepsTheOldOneWhenTheNewOneIsBroken(ServerKind kind)
    {
        using var server = new ServerProcess(kind);
        // nginx reloads only with a master process; tidegate behaves the same either way.
        server.WriteFile("conf/nginx.conf", Config(server, "first", master: true));
        Assert.True(server.Start(TimeSpan.FromSeconds(15)));
        Assert.Equal("first\n", Get(server.Port));

        server.WriteFile("conf/nginx.conf", Config(server, "second", master: true));
        server.Signal(1); // SIGHUP
        Assert.True(WaitUntil(() => Get(server.Port) == "second\n"), "reloaded");

        server.WriteFile("conf/nginx.conf", Config(server, "third", master: true).Replace("return 200", "retrun 200"));
        server.Signal(1);
        Assert.True(WaitUntil(() => server.ErrorLog.Contains("unknown directive \"retrun\"")), "the failure is logged");
        Assert.Equal("second\n", Get(server.Port));
    }

    [Theory]
    [MemberData(nameof(Servers))]
    public void ReopenStartsANewAccessLog(ServerKind kind)
    {
        using var server = new ServerProcess(kind);
        server.WriteFile("conf/nginx.conf", Config(server, "log"));
        Assert.True(server.Start(TimeSpan.FromSeconds(15)));
        Get(server.Port, "/before");
        string log = Path.Combine(server.Prefix, "logs", "access.log");
        Assert.True(WaitUntil(() => File.Exists(log) && File.ReadAllText(log).Contains("/before")));
        File.Move(log, log + ".1");
        var (code, _, _) = RunToEnd(server, "-p", server.Prefix + "/", "-c", "conf/nginx.conf", "-s", "reopen");
        Assert.Equal(0, code);
        Assert.True(WaitUntil(() => { Get(server.Port, "/after"); return File.Exists(log) && File.ReadAllText(log).Contains("/after"); }));
        Assert.DoesNotContain("/after", File.ReadAllText(log + ".1"));
    }

    /// <summary>
    /// -e replaces the error log of a file that names none; everything else the file configures
    /// (Lua state, shared dicts, upstream blocks, env) must survive that replacement.
    /// </summary>
    [Theory]
    [MemberData(nameof(Servers))]
    public void ErrorLogOptionKeepsTheRestOfTheConfiguration(ServerKind kind)
    {
        using var server = new ServerProcess(kind);
        server.WriteFile("conf/nginx.conf", server.ModulePreamble + $$"""
            daemon off;
            master_process off;
            pid logs/nginx.pid;
            env TG_OPTION_E=kept;
            events { }
            http {
                access_log off;
                lua_shared_dict d 1m;
                upstream self { server 127.0.0.1:{{server.Port}}; }
                server {
                    listen 127.0.0.1:{{server.Port}};
                    location /lua {
                        content_by_lua_block {
                            ngx.shared.d:set("k", "dict")
                            ngx.log(ngx.ERR, "marker for -e")
                            ngx.say(ngx.shared.d:get("k"), " ", os.getenv("TG_OPTION_E"))
                        }
                    }
                    location /up { proxy_pass http://self/lua; }
                }
            }
            """);
        Assert.True(server.Start(TimeSpan.FromSeconds(15), "-e", "logs/other.log"));
        Assert.Equal("dict kept\n", Get(server.Port, "/up"));
        string log = Path.Combine(server.Prefix, "logs", "other.log");
        Assert.True(WaitUntil(() => File.Exists(log) && File.ReadAllText(log).Contains("marker for -e")), "the -e log has the line");
    }

    [Theory]
    [MemberData(nameof(Servers))]
    public void QuitIsGraceful(ServerKind kind)
    {
        using var server = new ServerProcess(kind);
        server.WriteFile("conf/nginx.conf", Config(server, "q"));
        Assert.True(server.Start(TimeSpan.FromSeconds(15)));
        Assert.Equal("q\n", Get(server.Port));
        server.Signal(3); // SIGQUIT
        Assert.True(WaitUntil(() => server.ExitCode is not null), "exited");
        Assert.Equal(0, server.ExitCode);
        Assert.False(File.Exists(Path.Combine(server.Prefix, "logs", "nginx.pid")));
    }

    [Theory]
    [MemberData(nameof(Servers))]
    public void SignalWithoutAPidFileFails(ServerKind kind)
    {
        using var server = new ServerProcess(kind);
        server.WriteFile("conf/nginx.conf", Config(server, "x"));
        var (code, _, stderr) = RunToEnd(server, "-p", server.Prefix + "/", "-c", "conf/nginx.conf", "-s", "stop");
        Assert.Equal(1, code);
        Assert.Contains($"open() \"{server.Prefix}/logs/nginx.pid\" failed (2: No such file or directory)", stderr);
    }

    [Theory]
    [MemberData(nameof(Servers))]
    public void BindFailureStopsStartUp(ServerKind kind)
    {
        using var blocker = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        blocker.Start();
        int port = ((System.Net.IPEndPoint)blocker.LocalEndpoint).Port;
        using var server = new ServerProcess(kind);
        server.WriteFile("conf/nginx.conf", Config(server, "x").Replace($"127.0.0.1:{server.Port}", $"127.0.0.1:{port}"));
        Assert.False(server.Start(TimeSpan.FromSeconds(10)));
        Assert.Equal(1, server.WaitForExit(TimeSpan.FromSeconds(5)));
        Assert.Contains($"bind() to 127.0.0.1:{port} failed (98: Address already in use)", server.Stderr + server.ErrorLog);
    }

    [Theory]
    [MemberData(nameof(Servers))]
    public void ListensOnAUnixSocket(ServerKind kind)
    {
        using var server = new ServerProcess(kind);
        string socketPath = Path.Combine(server.Prefix, "logs", "http.sock");
        server.WriteFile("conf/nginx.conf", Config(server, "x").Replace(
            "location / { return 200 \"x\\n\"; }",
            "location / { return 200 \"[$remote_addr][$server_addr][$server_port]\\n\"; }")
            .Replace($"listen 127.0.0.1:{server.Port};", $"listen 127.0.0.1:{server.Port}; listen unix:{socketPath};"));
        Assert.True(server.Start(TimeSpan.FromSeconds(15)), server.Stderr);
        using var socket = ConnectUnix(socketPath);
        socket.Send(Encoding.ASCII.GetBytes("GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"));
        var received = new MemoryStream();
        var buffer = new byte[4096];
        int n;
        while ((n = socket.Receive(buffer)) > 0) received.Write(buffer, 0, n);
        var response = HttpExchange.ParseAll(received.ToArray()).Single();
        Assert.Equal(200, response.Status);
        Assert.Equal($"[unix:][unix:{socketPath}][]\n", response.BodyText);
        server.Stop();
        Assert.False(File.Exists(socketPath), "the socket file is removed on exit");
    }

    /// <summary>
    /// Connects to a server's unix socket, retrying for up to 5 s: Start waits only for the TCP port, and the
    /// clean-clone CI once saw nginx's unix socket refuse the first connect ("Cannot assign requested address")
    /// right after start-up. A socket that never accepts still fails the test with its error.
    /// </summary>
    private static Socket ConnectUnix(string path)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (true)
        {
            var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            try
            {
                socket.Connect(new UnixDomainSocketEndPoint(path));
                return socket;
            }
            catch (SocketException)
            {
                socket.Dispose();
                if (DateTime.UtcNow >= deadline) throw;
                Thread.Sleep(50);
            }
        }
    }

    /// <summary>A shell starts background jobs with SIGINT and SIGQUIT ignored; nginx still obeys them.</summary>
    [Theory]
    [MemberData(nameof(Servers))]
    public void QuitWorksWhenStartedInTheBackgroundByAShell(ServerKind kind)
    {
        using var server = new ServerProcess(kind);
        server.WriteFile("conf/nginx.conf", Config(server, "bg"));
        string binary = kind == ServerKind.Nginx ? ServerProcess.NginxBinary : ServerProcess.TidegateBinary;
        using (var shell = Process.Start(new ProcessStartInfo("/bin/sh")
        {
            ArgumentList = { "-c", $"'{binary}' -p '{server.Prefix}/' -c conf/nginx.conf >/dev/null 2>&1 &" },
            UseShellExecute = false,
        })!)
        {
            shell.WaitForExit();
        }
        string pidFile = Path.Combine(server.Prefix, "logs", "nginx.pid");
        // nginx writes its pid file in two steps (create, then write): wait for the content, not the file.
        Assert.True(WaitUntil(() => File.Exists(pidFile) && File.ReadAllText(pidFile).Trim().Length > 0 && Listening(server.Port)), "started");
        int pid = int.Parse(File.ReadAllText(pidFile).Trim());
        var (code, _, _) = RunToEnd(server, "-p", server.Prefix + "/", "-c", "conf/nginx.conf", "-s", "quit");
        Assert.Equal(0, code);
        Assert.True(WaitUntil(() => !Directory.Exists($"/proc/{pid}") || File.ReadAllText($"/proc/{pid}/stat").Contains(") Z ")), "exited on SIGQUIT");
    }
}
