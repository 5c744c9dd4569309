using System.Diagnostics;
using System.Text;
using Tidegate.Web.Tests.Harness;

namespace Tidegate.Web.Tests.Lua.Threads;

/// <summary>
/// Timers expire prematurely when the worker exits (here: a reload), and their code still runs
/// fully: light threads and semaphores included. The corpus cannot send signals, so this drives
/// tidegate and nginx as ProcessBehaviourTests does and reads the error log afterwards.
/// </summary>
public class PrematureTimerTests
{
    public static IEnumerable<object[]> Servers()
    {
        yield return new object[] { ServerKind.Tidegate };
        if (ServerProcess.NginxAvailable) yield return new object[] { ServerKind.Nginx };
    }

    private static string Config(ServerProcess server) => server.ModulePreamble + $$"""
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
                    ngx.timer.at(100, function(premature)
                        local sema = require("ngx.semaphore").new()
                        local t = ngx.thread.spawn(function() ngx.log(ngx.ERR, "thread of premature timer: ", premature) sema:post() end)
                        ngx.log(ngx.ERR, "premature timer waits: ", sema:wait(1))
                        ngx.log(ngx.ERR, "premature timer joined: ", ngx.thread.wait(t))
                    end)
                    ngx.say("pending ", ngx.timer.pending_count())
                } }
            }
        }
        """;

    [Theory]
    [MemberData(nameof(Servers))]
    public void ReloadExpiresPendingTimersWhoseThreadsStillRun(ServerKind kind)
    {
        using var server = new ServerProcess(kind);
        server.WriteFile("conf/nginx.conf", Config(server));
        Assert.True(server.Start(TimeSpan.FromSeconds(15)));
        var raw = HttpExchange.SendRaw(server.Port, Encoding.ASCII.GetBytes("GET /t HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"), TimeSpan.FromSeconds(3));
        Assert.Equal("pending 1\n", HttpExchange.ParseAll(raw)[0].BodyText);
        server.Signal(1); // SIGHUP: the old worker exits gracefully, its timers fire prematurely
        var sw = Stopwatch.StartNew();
        while (sw.ElapsedMilliseconds < 10000 && !server.ErrorLog.Contains("premature timer joined")) Thread.Sleep(50);
        string log = server.ErrorLog;
        Assert.Contains("thread of premature timer: true", log);
        Assert.Contains("premature timer waits: true", log);
        Assert.Contains("premature timer joined: true", log);
    }
}
