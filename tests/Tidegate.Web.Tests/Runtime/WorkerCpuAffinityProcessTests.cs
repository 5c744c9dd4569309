using System.Text;
using Tidegate.Web.Tests.Harness;

namespace Tidegate.Web.Tests.Runtime;

/// <summary>
/// worker_cpu_affinity in a running server (master process on): nginx binds its worker process and logs
/// each CPU; tidegate binds its worker thread, logs the same lines, and keeps every other thread of the
/// process (the .NET runtime's JIT, timer, thread-pool threads) off the worker's CPU.
/// </summary>
public class WorkerCpuAffinityProcessTests
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
        worker_cpu_affinity 01;
        error_log logs/error.log notice;
        pid logs/nginx.pid;
        events { }
        http {
            access_log off;
            server {
                listen 127.0.0.1:{{server.Port}};
                location /t { content_by_lua_block { ngx.say("bound") } }
            }
        }
        """;

    [Theory]
    [MemberData(nameof(Servers))]
    public void TheWorkerRunsOnItsCpuAndNothingElseOfTheServerDoes(ServerKind kind)
    {
        if (!OperatingSystem.IsLinux() || Environment.ProcessorCount < 2) return;
        using var server = new ServerProcess(kind);
        server.WriteFile("conf/nginx.conf", Config(server));
        Assert.True(server.Start(TimeSpan.FromSeconds(15)), server.Stderr + server.ErrorLog);
        // Requests make the runtime start helper threads (a thread created by the worker starts on its CPU).
        for (int i = 0; i < 50; i++)
        {
            var raw = HttpExchange.SendRaw(server.Port, Encoding.ASCII.GetBytes("GET /t HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"), TimeSpan.FromSeconds(3));
            Assert.Contains("bound", Encoding.ASCII.GetString(raw));
        }
        Thread.Sleep(700); // the keeper's sweep runs every 200 ms
        Assert.Contains("[notice]", server.ErrorLog);
        Assert.Contains("sched_setaffinity(): using cpu #0", server.ErrorLog);

        var threads = new List<(string Name, string Cpus)>();
        foreach (int pid in new[] { server.Pid }.Concat(Children(server.Pid)))
            foreach (var task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
            {
                try
                {
                    string name = File.ReadAllText(Path.Combine(task, "comm")).Trim();
                    string cpus = File.ReadAllLines(Path.Combine(task, "status")).First(l => l.StartsWith("Cpus_allowed_list:")).Split(':')[1].Trim();
                    threads.Add((pid == server.Pid ? name : "child " + name, cpus));
                }
                catch (IOException) { } // a thread that ended meanwhile
            }
        string listing = string.Join(", ", threads.Select(t => $"{t.Name}={t.Cpus}"));
        if (kind == ServerKind.Nginx)
        {
            // The worker process is bound; the master is not.
            Assert.Contains(threads, t => t.Name.StartsWith("child ") && t.Cpus == "0");
            Assert.Contains(threads, t => !t.Name.StartsWith("child ") && t.Cpus != "0");
            return;
        }
        Assert.Single(threads, t => t.Name == "tidegate worker");
        Assert.True(threads.Single(t => t.Name == "tidegate worker").Cpus == "0", listing);
        foreach (var (name, cpus) in threads.Where(t => t.Name != "tidegate worker"))
            Assert.False(Cpus(cpus).Contains(0), $"{name} may run on the worker's CPU 0: {listing}");
    }

    private static IEnumerable<int> Children(int pid)
    {
        var path = $"/proc/{pid}/task/{pid}/children";
        if (!File.Exists(path)) return [];
        return File.ReadAllText(path).Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse);
    }

    /// <summary>A Cpus_allowed_list ("0-1,3") as CPU numbers.</summary>
    private static HashSet<int> Cpus(string list)
    {
        var cpus = new HashSet<int>();
        foreach (var part in list.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var range = part.Split('-');
            int from = int.Parse(range[0]), to = int.Parse(range[^1]);
            for (int c = from; c <= to; c++) cpus.Add(c);
        }
        return cpus;
    }
}
