using System.Net.Sockets;
using System.Text;
using Tidegate.Web.Tests.Harness;

namespace Tidegate.Web.Tests.Cosockets;

/// <summary>
/// Cosockets that Lua code leaves open are closed when their request ends (or their timer's
/// callback returns), as ngx_lua's cleanup handlers close them, so a busy server does not gather
/// descriptors until the collector runs: hundreds of requests and timers each leaving a connection
/// open to a server block of the same process leave the process's descriptor count
/// (/proc/PID/fd, both ends of every connection) where it was.
/// </summary>
public class LeftOpenSocketTests
{
    private const int Rounds = 300;

    private static string Config(ServerProcess server, int backendPort) => $$"""
        daemon off;
        master_process off;
        worker_processes 1;
        error_log logs/error.log warn;
        pid logs/nginx.pid;
        events { worker_connections 8192; }
        http {
            access_log off;
            server {
                listen 127.0.0.1:{{backendPort}};
                location / { return 200 "backend\n"; }
            }
            server {
                listen 127.0.0.1:{{server.Port}};
                location /request {
                    content_by_lua_block {
                        local s = ngx.socket.tcp()
                        assert(s:connect("127.0.0.1", {{backendPort}}))
                        local u = ngx.socket.udp()
                        assert(u:setpeername("127.0.0.1", {{backendPort}}))
                        ngx.say("ok")
                    }
                }
                location /timer {
                    content_by_lua_block {
                        ngx.timer.at(0, function()
                            local s = ngx.socket.tcp()
                            assert(s:connect("127.0.0.1", {{backendPort}}))
                        end)
                        ngx.say("ok")
                    }
                }
            }
        }
        """;

    [Fact]
    public async Task SocketsLeftOpenAreClosedWhenTheirRequestOrTimerEnds()
    {
        using var server = new ServerProcess(ServerKind.Tidegate);
        server.WriteFile("conf/nginx.conf", Config(server, ServerProcess.FreePort()));
        Assert.True(server.Start(TimeSpan.FromSeconds(15)), server.Stderr + server.ErrorLog);

        // Warm up (JIT, thread pool), then count descriptors.
        for (int i = 0; i < 20; i++) Assert.Equal("200 ok", await OneRequest(server.Port, i % 2 == 0 ? "/request" : "/timer"));
        await Task.Delay(300);
        int before = Descriptors(server.Pid);

        for (int i = 0; i < Rounds; i++)
        {
            Assert.Equal("200 ok", await OneRequest(server.Port, "/request"));
            Assert.Equal("200 ok", await OneRequest(server.Port, "/timer"));
        }
        // The backend ends of the connections close once they see the FIN; give them a moment.
        int after = 0;
        for (int wait = 0; wait < 20; wait++)
        {
            await Task.Delay(100);
            after = Descriptors(server.Pid);
            if (after <= before + 10) break;
        }
        // Left to the collector, the 900 sockets (and 600 backend ends) would still be open.
        Assert.True(after <= before + 10, $"descriptors: {before} before, {after} after {Rounds} rounds");
    }

    private static int Descriptors(int pid) => Directory.GetFiles($"/proc/{pid}/fd").Length;

    private static Task<string> OneRequest(int port, string uri) =>
        OneShotHttp.StatusAndBodyAsync(port, uri, TimeSpan.FromSeconds(10));
}
