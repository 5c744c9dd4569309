using System.Diagnostics;
using System.Text;
using Tidegate.Web.Tests.Harness;

namespace Tidegate.Web.Tests.Cli;

/// <summary>
/// ngx.process.signal_graceful_exit. Without a master process nginx's single process exits (checked:
/// it logs "exit" and leaves at its next event-loop turn, cutting requests still running); tidegate
/// shuts down as on SIGQUIT, so requests being served finish first. With a master process nginx
/// restarts only the calling worker, which tidegate (one process, worker threads) refuses with a
/// clear error instead of stopping the server.
/// </summary>
public class SignalGracefulExitTests
{
    private static string Config(ServerProcess server, bool master) => server.ModulePreamble + $$"""
        daemon off;
        master_process {{(master ? "on" : "off")}};
        worker_processes 1;
        error_log logs/error.log info;
        pid logs/nginx.pid;
        events { }
        http {
            access_log off;
            server {
                listen 127.0.0.1:{{server.Port}};
                location /slow { content_by_lua_block { ngx.sleep(0.6) ngx.say("slow done") } }
                location /quit { content_by_lua_block {
                    ngx.say(select("#", require("ngx.process").signal_graceful_exit()))
                } }
                location / { return 200 "up\n"; }
            }
        }
        """;

    private static (int Status, string Body) Get(int port, string path)
    {
        var raw = HttpExchange.SendRaw(port, Encoding.ASCII.GetBytes($"GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"), TimeSpan.FromSeconds(5));
        var responses = HttpExchange.ParseAll(raw);
        return responses.Count == 0 ? (0, "") : (responses[0].Status, responses[0].BodyText);
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

    [Fact]
    public async Task WithoutAMasterProcessTheServerExitsAfterFinishingItsRequests()
    {
        using var server = new ServerProcess(ServerKind.Tidegate);
        server.WriteFile("conf/nginx.conf", Config(server, master: false));
        Assert.True(server.Start(TimeSpan.FromSeconds(15)), server.Stderr);
        var slow = Task.Run(() => Get(server.Port, "/slow"));
        Thread.Sleep(200);
        Assert.Equal((200, "0\n"), Get(server.Port, "/quit"));
        Assert.Equal((200, "slow done\n"), await slow);
        Assert.True(WaitUntil(() => server.ExitCode is not null), "exited");
        Assert.Equal(0, server.ExitCode);
        Assert.False(File.Exists(Path.Combine(server.Prefix, "logs", "nginx.pid")));
        string log = server.ErrorLog;
        Assert.Contains("[notice]", log);
        Assert.Contains("gracefully shutting down", log);
        Assert.Contains(": exit\n", log);
        Assert.DoesNotContain("signal 0", log);
    }

    [Fact]
    public void NginxWithoutAMasterProcessExitsToo()
    {
        if (!ServerProcess.NginxAvailable) return;
        using var server = new ServerProcess(ServerKind.Nginx);
        server.WriteFile("conf/nginx.conf", Config(server, master: false));
        Assert.True(server.Start(TimeSpan.FromSeconds(15)), server.Stderr);
        Assert.Equal((200, "0\n"), Get(server.Port, "/quit"));
        Assert.True(WaitUntil(() => server.ExitCode is not null), "exited");
        Assert.Equal(0, server.ExitCode);
        Assert.Contains(": exit\n", server.ErrorLog);
    }

    [Fact]
    public void WithAMasterProcessTidegateRefusesAndKeepsServing()
    {
        using var server = new ServerProcess(ServerKind.Tidegate);
        server.WriteFile("conf/nginx.conf", Config(server, master: true));
        Assert.True(server.Start(TimeSpan.FromSeconds(15)), server.Stderr);
        Assert.Equal(500, Get(server.Port, "/quit").Status);
        Assert.Equal((200, "up\n"), Get(server.Port, "/"));
        Assert.Null(server.ExitCode);
        Assert.True(WaitUntil(() => server.ErrorLog.Contains("ngx.process.signal_graceful_exit is not supported by tidegate with master_process on")),
            server.ErrorLog);
    }
}
