using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text;
using Tidegate.Web.Tests.Harness;

namespace Tidegate.Web.Tests.Shared;

/// <summary>
/// One shared dictionary under real concurrency: the server runs <c>worker_processes 4</c> with
/// <c>master_process on</c> (nginx: four processes sharing the zone; tidegate: four worker
/// threads sharing one SharedDictionary), and many concurrent clients hammer incr, add and set.
/// The totals must be exact: every incr counted once, each add key won exactly once, no set lost.
/// The same test runs against nginx, so the expectations hold for the reference too.
/// </summary>
public class SharedDictMultiWorkerTests
{
    private const int Incrs = 1600, AddKeys = 100, AddTries = 6, Sets = 600, Concurrency = 48;

    public static IEnumerable<object[]> Kinds()
    {
        yield return new object[] { ServerKind.Tidegate };
        if (ServerProcess.NginxAvailable) yield return new object[] { ServerKind.Nginx };
    }

    private static string Config(ServerProcess server) => server.ModulePreamble + $$"""
        daemon off;
        master_process on;
        worker_processes 4;
        error_log logs/error.log warn;
        pid logs/nginx.pid;
        events { worker_connections 1024; }
        http {
            access_log off;
            lua_shared_dict hammer 4m;
            server {
                listen 127.0.0.1:{{server.Port}} backlog=1024;
                location /incr {
                    content_by_lua_block {
                        local v, err = ngx.shared.hammer:incr("count", 1, 0)
                        ngx.say(v and "ok" or err, " ", ngx.worker.id())
                    }
                }
                location /add {
                    content_by_lua_block {
                        local ok, err = ngx.shared.hammer:add("add:" .. ngx.var.arg_k, ngx.worker.id())
                        ngx.say(ok and "won" or err, " ", ngx.worker.id())
                    }
                }
                location /set {
                    content_by_lua_block {
                        local ok, err = ngx.shared.hammer:set("set:" .. ngx.var.arg_i, "v" .. ngx.var.arg_i)
                        ngx.say(ok and "ok" or err, " ", ngx.worker.id())
                    }
                }
                location /totals {
                    content_by_lua_block {
                        local d = ngx.shared.hammer
                        local adds, sets, wrong = 0, 0, 0
                        for _, k in ipairs(d:get_keys(0)) do
                            if k:sub(1, 4) == "add:" then adds = adds + 1 end
                            if k:sub(1, 4) == "set:" then
                                sets = sets + 1
                                if d:get(k) ~= "v" .. k:sub(5) then wrong = wrong + 1 end
                            end
                        end
                        ngx.say("count=", d:get("count"), " adds=", adds, " sets=", sets, " wrong=", wrong)
                    }
                }
            }
        }
        """;

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task IncrAddAndSetFromFourWorkersGiveExactTotals(ServerKind kind)
    {
        using var server = new ServerProcess(kind);
        server.WriteFile("conf/nginx.conf", Config(server));
        Assert.True(server.Start(TimeSpan.FromSeconds(15)), server.Stderr + server.ErrorLog);
        // nginx's workers start after the master listens: wait until a request is answered.
        for (int i = 0; i < 50 && !(await Get(server.Port, "/totals")).StartsWith("count=", StringComparison.Ordinal); i++) await Task.Delay(100);

        var uris = new List<string>();
        for (int i = 0; i < Incrs; i++) uris.Add("/incr");
        for (int k = 0; k < AddKeys; k++)
            for (int t = 0; t < AddTries; t++) uris.Add("/add?k=" + k);
        for (int i = 0; i < Sets; i++) uris.Add("/set?i=" + i);
        // Interleave the three kinds of request so they race one another.
        var shuffled = uris.OrderBy(_ => Random.Shared.Next()).ToList();

        var answers = new ConcurrentBag<(string Uri, string Answer)>();
        await Parallel.ForEachAsync(shuffled, new ParallelOptions { MaxDegreeOfParallelism = Concurrency },
            async (uri, _) => answers.Add((uri, await Get(server.Port, uri))));

        var byKind = answers.GroupBy(a => a.Uri.Split('?')[0]).ToDictionary(g => g.Key, g => g.ToList());
        Assert.All(byKind["/incr"], a => Assert.StartsWith("ok ", a.Answer));
        Assert.All(byKind["/set"], a => Assert.StartsWith("ok ", a.Answer));
        foreach (var key in byKind["/add"].GroupBy(a => a.Uri))
        {
            var results = key.Select(a => a.Answer.Split(' ')[0]).ToList();
            Assert.True(results.Count(r => r == "won") == 1 && results.Count(r => r == "exists") == AddTries - 1,
                $"{key.Key}: {string.Join(", ", results)}");
        }
        // The requests were spread over several workers (a connection goes to whichever accepts it).
        int workers = answers.Select(a => a.Answer.Split(' ').Last()).Distinct().Count();
        Assert.True(workers >= 2, $"all requests went to one worker ({workers})");

        Assert.Equal($"count={Incrs} adds={AddKeys} sets={Sets} wrong=0", await Get(server.Port, "/totals"));
        Assert.Null(server.ExitCode);
    }

    /// <summary>GET over HTTP/1.0 on a new connection; the body without its final newline.</summary>
    private static async Task<string> Get(int port, string uri)
    {
        try { return await OneShotHttp.BodyAsync(port, uri, TimeSpan.FromSeconds(20)); }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException) { return "client error: " + e.Message; }
    }
}
