using System.Net.Sockets;
using System.Text;
using Tidegate.Web.Tests.Harness;

namespace Tidegate.Web.Tests.Cosockets;

/// <summary>
/// Debian's lua-resty-redis (nginx.redis), unmodified, when the Redis server goes away and comes
/// back, and pub/sub between two requests. Each test runs on tidegate and on nginx with its own
/// redis-server (stopped and restarted by the test), and both must give the same answers.
/// </summary>
public class RedisResilienceTests
{
    public static IEnumerable<object[]> Kinds()
    {
        yield return new object[] { ServerKind.Tidegate };
        if (ServerProcess.NginxAvailable) yield return new object[] { ServerKind.Nginx };
    }

    private static bool Available => File.Exists("/usr/share/lua/5.1/nginx/redis.lua") && File.Exists("/usr/bin/redis-server");

    private static string Config(ServerProcess server, int redisPort) => server.ModulePreamble + $$"""
        daemon off;
        master_process off;
        worker_processes 1;
        error_log logs/error.log info;
        pid logs/nginx.pid;
        events { worker_connections 1024; }
        http {
            access_log off;
            lua_package_path "/usr/share/lua/5.1/?.lua;;";
            lua_shared_dict flags 1m;
            server {
                listen 127.0.0.1:{{server.Port}};
                location /r {
                    content_by_lua_block {
                        local redis = require "nginx.redis"
                        local red = redis:new()
                        red:set_timeout(1000)
                        local ok, err = red:connect("127.0.0.1", {{redisPort}})
                        if not ok then ngx.say("connect: ", err) return end
                        local reused = red:get_reused_times()
                        local res, err = red:incr("resilience:n")
                        if not res then ngx.say("incr: ", err) return end
                        ngx.say("ok reused=", reused)
                        red:set_keepalive(10000, 4)
                    }
                }
                location /mid {
                    content_by_lua_block {
                        local redis = require "nginx.redis"
                        local flags = ngx.shared.flags
                        local red = redis:new()
                        red:set_timeout(1000)
                        assert(red:connect("127.0.0.1", {{redisPort}}))
                        ngx.say("ping: ", red:ping())
                        flags:set("connected", true)
                        -- Wait (up to 10 s) until the test says Redis is gone.
                        for i = 1, 200 do
                            if flags:get("stopped") then break end
                            ngx.sleep(0.05)
                        end
                        local res, err = red:ping()
                        ngx.say("after the stop: ", res, " ", err)
                        res, err = red:ping()
                        ngx.say("again: ", res, " ", err)
                    }
                }
                location /flag {
                    content_by_lua_block {
                        local flags = ngx.shared.flags
                        if ngx.var.arg_set then flags:set(ngx.var.arg_set, true) end
                        ngx.say(flags:get(ngx.var.arg_get or "none") and "yes" or "no")
                    }
                }
                location /sub {
                    content_by_lua_block {
                        local redis = require "nginx.redis"
                        local red = redis:new()
                        red:set_timeout(5000)
                        assert(red:connect("127.0.0.1", {{redisPort}}))
                        local res, err = red:subscribe("resilience:chan")
                        if not res then ngx.say("subscribe: ", err) return end
                        local msg, err = red:read_reply()
                        if not msg then ngx.say("read: ", err) return end
                        ngx.say(table.concat(msg, " "))
                        red:unsubscribe("resilience:chan")
                        red:close()
                    }
                }
                location /pub {
                    content_by_lua_block {
                        local redis = require "nginx.redis"
                        local red = redis:new()
                        red:set_timeout(1000)
                        assert(red:connect("127.0.0.1", {{redisPort}}))
                        ngx.say(red:publish("resilience:chan", ngx.var.arg_m))
                        red:set_keepalive(10000, 4)
                    }
                }
            }
        }
        """;

    [Theory]
    [MemberData(nameof(Kinds))]
    public void RestartedRedisErrorsWhileDownAndRecoversThroughThePool(ServerKind kind)
    {
        if (!Available) return;
        var redis = BackingServer.Redis(ServerProcess.FreePort());
        try
        {
            using var server = new ServerProcess(kind);
            server.WriteFile("conf/nginx.conf", Config(server, redis.Port));
            Assert.True(server.Start(TimeSpan.FromSeconds(15)), server.Stderr + server.ErrorLog);

            Assert.Equal("ok reused=0", Get(server.Port, "/r"));
            Assert.Equal("ok reused=1", Get(server.Port, "/r"));

            // Down: the pooled connection is dead and dropped (not handed out); a new connect is refused.
            redis.Stop();
            Thread.Sleep(100);
            Assert.Equal("connect: connection refused", Get(server.Port, "/r"));
            Assert.Equal("connect: connection refused", Get(server.Port, "/r"));

            // Back on the same port: a fresh connection, then the pool again.
            redis.Start();
            Assert.Equal("ok reused=0", Get(server.Port, "/r"));
            Assert.Equal("ok reused=1", Get(server.Port, "/r"));
            Assert.Null(server.ExitCode);
        }
        finally { redis.Stop(); }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task RedisStoppedDuringARequestGivesThatRequestAnError(ServerKind kind)
    {
        if (!Available) return;
        var redis = BackingServer.Redis(ServerProcess.FreePort());
        try
        {
            using var server = new ServerProcess(kind);
            server.WriteFile("conf/nginx.conf", Config(server, redis.Port));
            Assert.True(server.Start(TimeSpan.FromSeconds(15)), server.Stderr + server.ErrorLog);

            var pending = Task.Run(() => Get(server.Port, "/mid"));
            for (int i = 0; i < 200 && Get(server.Port, "/flag?get=connected") != "yes"; i++) await Task.Delay(25);
            redis.Stop();
            Get(server.Port, "/flag?set=stopped");
            string answer = await pending;
            // Redis closed its clients as it went: the next command reads the close; the one after
            // writes into the reset connection.
            Assert.Equal("ping: PONG\nafter the stop: nil closed\nagain: nil broken pipe", answer);
        }
        finally { redis.Stop(); }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task PublishInOneRequestReachesASubscriberWaitingInAnother(ServerKind kind)
    {
        if (!Available) return;
        var redis = BackingServer.Redis(ServerProcess.FreePort());
        try
        {
            using var server = new ServerProcess(kind);
            server.WriteFile("conf/nginx.conf", Config(server, redis.Port));
            Assert.True(server.Start(TimeSpan.FromSeconds(15)), server.Stderr + server.ErrorLog);

            var subscriber = Task.Run(() => Get(server.Port, "/sub"));
            // Publish until Redis counts the subscriber (publish answers the number of receivers).
            string receivers = "0";
            for (int i = 0; i < 50 && receivers == "0"; i++)
            {
                await Task.Delay(50);
                receivers = Get(server.Port, "/pub?m=hello" + i);
            }
            Assert.Equal("1", receivers);
            string message = await subscriber;
            Assert.Matches(@"^message resilience:chan hello\d+$", message);
        }
        finally { redis.Stop(); }
    }

    /// <summary>GET over HTTP/1.0; the body without its final newline (or the status line when not 200).</summary>
    private static string Get(int port, string uri)
    {
        using var client = new TcpClient();
        client.Connect("127.0.0.1", port);
        client.ReceiveTimeout = 10000;
        var stream = client.GetStream();
        stream.Write(Encoding.ASCII.GetBytes($"GET {uri} HTTP/1.0\r\nHost: x\r\n\r\n"));
        var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        string text = Encoding.Latin1.GetString(buffer.ToArray());
        int split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (split < 0 || !text.StartsWith("HTTP/1.1 200", StringComparison.Ordinal)) return "bad response: " + text;
        return text[(split + 4)..].TrimEnd('\n');
    }
}
