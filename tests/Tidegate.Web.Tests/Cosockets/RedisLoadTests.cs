using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using Tidegate.Web.Tests.Harness;

namespace Tidegate.Web.Tests.Cosockets;

/// <summary>
/// The load test: 2,000 concurrent requests, each doing three Redis round trips through
/// lua-resty-redis and the keepalive pool, all succeed without leaking descriptors (counted in
/// /proc/PID/fd, allowing the pool) and with bounded memory; then, with Redis stopped half-way
/// through a second wave, every request still gets an answer (its error) within the configured
/// timeouts and the server stays up. Uses its own redis-server so stopping it disturbs no case.
/// </summary>
public class RedisLoadTests
{
    private const int Requests = 2000, PoolSize = 64;

    private static string Config(ServerProcess server, int redisPort) => $$"""
        daemon off;
        master_process off;
        worker_processes 1;
        error_log logs/error.log warn;
        pid logs/nginx.pid;
        events { worker_connections 8192; }
        http {
            access_log off;
            lua_package_path "/usr/share/lua/5.1/?.lua;;";
            lua_socket_log_errors off;
            server {
                listen 127.0.0.1:{{server.Port}} backlog=4096;
                location /r {
                    content_by_lua_block {
                        local redis = require "nginx.redis"
                        local red = redis:new()
                        red:set_timeout(1000)
                        local ok, err = red:connect("127.0.0.1", {{redisPort}})
                        if not ok then ngx.status = 502 ngx.say("connect: ", err) return end
                        local key = "load:" .. ngx.var.arg_i
                        local res, err = red:set(key, ngx.var.arg_i)
                        if not res then ngx.status = 502 ngx.say("set: ", err) return end
                        res, err = red:get(key)
                        if res ~= ngx.var.arg_i then ngx.status = 502 ngx.say("get: ", err) return end
                        res, err = red:del(key)
                        if not res then ngx.status = 502 ngx.say("del: ", err) return end
                        red:set_keepalive(10000, {{PoolSize}})
                        ngx.say("ok")
                    }
                }
                location /alive { return 200 "alive\n"; }
            }
        }
        """;

    [Fact]
    public async Task TwoThousandConcurrentRequestsThroughThePool()
    {
        if (!File.Exists("/usr/share/lua/5.1/nginx/redis.lua") || !File.Exists("/usr/bin/redis-server")) return;
        var redis = BackingServer.Redis(ServerProcess.FreePort());
        try
        {
            using var server = new ServerProcess(ServerKind.Tidegate);
            server.WriteFile("conf/nginx.conf", Config(server, redis.Port));
            Assert.True(server.Start(TimeSpan.FromSeconds(15)), server.Stderr + server.ErrorLog);

            // Warm up (JIT, the pool), then count descriptors.
            foreach (var r in await Wave(server.Port, 50, 0)) Assert.Equal("200 ok", r);
            int fdBefore = Directory.GetFiles($"/proc/{server.Pid}/fd").Length;

            var clock = Stopwatch.StartNew();
            var results = await Wave(server.Port, Requests, 0);
            var bad = results.Where(r => r != "200 ok").GroupBy(r => r).Select(g => $"{g.Count()}× {g.Key}").ToList();
            Assert.True(bad.Count == 0, "failed requests: " + string.Join("; ", bad));
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"the wave took {clock.Elapsed}");

            await Task.Delay(300);
            int fdAfter = Directory.GetFiles($"/proc/{server.Pid}/fd").Length;
            Assert.True(fdAfter <= fdBefore + PoolSize, $"descriptors: {fdBefore} before, {fdAfter} after (pool {PoolSize})");
            long rssKb = VmRssKb(server.Pid);
            Assert.True(rssKb < 1024 * 1024, $"VmRSS {rssKb} kB");

            // Second wave: Redis goes away half-way; every request still answers within its timeouts.
            clock.Restart();
            var stopping = Task.Run(async () =>
            {
                await Task.Delay(150);
                redis.Stop();
            });
            results = await Wave(server.Port, Requests, 0);
            await stopping;
            var elapsed = clock.Elapsed;
            Assert.All(results, r => Assert.True(r == "200 ok" || r.StartsWith("502 ", StringComparison.Ordinal), "unexpected answer: " + r));
            Assert.True(elapsed < TimeSpan.FromSeconds(20), $"the failing wave took {elapsed}");
            Assert.Contains(results, r => r.StartsWith("502 ", StringComparison.Ordinal));
            Assert.Equal(new[] { "200 alive" }, await Wave(server.Port, 1, 0, "/alive"));

            // Redis back: the pool recovers (stale pooled connections are dropped, not reused).
            redis.Start();
            foreach (var r in await Wave(server.Port, 20, 0)) Assert.Equal("200 ok", r);
            Assert.Null(server.ExitCode);
        }
        finally { redis.Stop(); }
    }

    private static long VmRssKb(int pid)
    {
        foreach (var line in File.ReadAllLines($"/proc/{pid}/status"))
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                return long.Parse(line[6..].Trim().Split(' ')[0]);
        return 0;
    }

    /// <summary>Sends n requests at once (each on its own connection); each result is "STATUS first-body-line" or the client-side failure.</summary>
    private static async Task<string[]> Wave(int port, int n, int offset, string path = "/r")
    {
        var tasks = Enumerable.Range(offset, n).Select(i => OneRequest(port, path == "/r" ? $"/r?i={i}" : path));
        return await Task.WhenAll(tasks);
    }

    private static async Task<string> OneRequest(int port, string uri)
    {
        try { return await OneShotHttp.StatusAndBodyAsync(port, uri, TimeSpan.FromSeconds(30)); }
        catch (Exception e) { return "client error: " + e.GetType().Name + " " + e.Message; }
    }
}
