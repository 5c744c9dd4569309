using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using Tidegate.Web.Runtime;
using Tidegate.Web.Tests.Harness;

namespace Tidegate.Web.Tests.Runtime;

/// <summary>
/// The tail instrument (TIDEGATE_TAIL_PROBE): its log-linear buckets hold every value exactly once and in
/// order, a batch's counts add up, and a server started with the variable writes one event per keepalive
/// request served (and nothing without it).
/// </summary>
public class WorkerTailProbeTests
{
    [Fact]
    public void EveryValueFallsInOneBucketWhoseBoundsHoldIt()
    {
        int previous = -1;
        for (long v = 0; v < 1 << 22; v = v < 4096 ? v + 1 : v + 97)
        {
            int bucket = WorkerTailProbe.Bucket(v);
            Assert.True(bucket >= previous, $"bucket of {v} went down");
            Assert.True(WorkerTailProbe.UpperBound(bucket) >= v, $"{v} above its bucket's bound {WorkerTailProbe.UpperBound(bucket)}");
            if (bucket > 0) Assert.True(WorkerTailProbe.UpperBound(bucket - 1) < v, $"{v} belongs to the bucket below");
            previous = bucket;
        }
        // Exact below 16; then within one eighth of the value.
        Assert.Equal(15, WorkerTailProbe.UpperBound(WorkerTailProbe.Bucket(15)));
        long bound = WorkerTailProbe.UpperBound(WorkerTailProbe.Bucket(1000));
        Assert.InRange(bound, 1000, 1000 + 1000 / 8);
        Assert.Equal(WorkerTailProbe.Bucket(0), WorkerTailProbe.Bucket(-5)); // a clock step back counts as zero
    }

    [Fact]
    public void ABatchRecordsItsEventsWallAndCpuTime()
    {
        var probe = new WorkerTailProbe();
        probe.BatchStart(3);
        for (int i = 0; i < 3; i++) probe.EventDone();
        probe.BatchEnd();
        probe.BatchStart(0); // a poll that found nothing is not a batch
        probe.BatchEnd();
        probe.Posted(2);
        var snapshot = Parse(probe.Snapshot());
        Assert.Equal(1, snapshot.Counters["batches"]);
        Assert.Equal(3, snapshot.Counters["events"]);
        Assert.Equal(2, snapshot.Counters["posted"]);
        Assert.Equal(3, snapshot.Histograms["event_done_us"].Values.Sum());
        Assert.Equal(3, snapshot.Histograms["event_cpu_us"].Values.Sum());
        Assert.Equal(1, snapshot.Histograms["batch_wall_us"].Values.Sum());
        Assert.Equal(1, snapshot.Histograms["batch_cpu_us"].Values.Sum());
        Assert.Equal(1, snapshot.Histograms["batch_events"][3]);
    }

    [Fact]
    public void AnEventsCpuTimeIsItsOwnWork()
    {
        var probe = new WorkerTailProbe();
        probe.BatchStart(2);
        probe.EventDone(); // nothing done: well under a millisecond
        var spin = Stopwatch.StartNew();
        while (spin.ElapsedMilliseconds < 3) { } // ~3 ms of this thread's CPU
        probe.EventDone();
        probe.BatchEnd();
        var cpu = Parse(probe.Snapshot()).Histograms["event_cpu_us"];
        Assert.Equal(2, cpu.Values.Sum());
        Assert.True(cpu.Keys.Min() < 1000, string.Join(" ", cpu.Keys));
        Assert.True(cpu.Keys.Max() >= 2000, string.Join(" ", cpu.Keys));
    }

    [Fact]
    public void AServerStartedWithTheVariableCountsEachKeepaliveRequest()
    {
        if (!OperatingSystem.IsLinux()) return;
        using var server = new ServerProcess(ServerKind.Tidegate);
        server.WriteFile("conf/nginx.conf", $$"""
            daemon off;
            master_process off;
            error_log logs/error.log;
            events { }
            http {
                access_log off;
                server {
                    listen 127.0.0.1:{{server.Port}};
                    location /t { content_by_lua_block { ngx.say("probed") } }
                }
            }
            """);
        string file = Path.Combine(server.Prefix, "logs", "probe");
        var start = new ProcessStartInfo(ServerProcess.TidegateBinary) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[] { "-p", server.Prefix + "/", "-c", "conf/nginx.conf" }) start.ArgumentList.Add(a);
        start.Environment["TIDEGATE_TAIL_PROBE"] = file;
        using var process = Process.Start(start)!;
        try
        {
            using var client = Connect(server.Port);
            var stream = client.GetStream();
            const int requests = 25;
            var request = Encoding.ASCII.GetBytes("GET /t HTTP/1.1\r\nHost: localhost\r\n\r\n");
            var buffer = new byte[4096];
            for (int i = 0; i < requests; i++)
            {
                stream.Write(request);
                var seen = new StringBuilder();
                while (!seen.ToString().Contains("probed\n"))
                {
                    int n = stream.Read(buffer);
                    Assert.True(n > 0, "connection closed");
                    seen.Append(Encoding.ASCII.GetString(buffer, 0, n));
                }
            }
            // The file is rewritten every second with cumulative counts.
            Snapshot? snapshot = null;
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(200);
                if (!File.Exists(file + ".w0")) continue;
                try { snapshot = Parse(File.ReadAllText(file + ".w0")); } catch (IOException) { continue; } catch (FormatException) { continue; }
                if (snapshot.Counters.GetValueOrDefault("events") >= requests - 1) break;
            }
            Assert.NotNull(snapshot);
            // One readable event per request on the one connection but the first (read as the connection is
            // accepted, before any event), each also in the histogram.
            Assert.InRange(snapshot!.Counters["events"], requests - 1, requests * 2 + 4);
            Assert.Equal(snapshot.Counters["events"], snapshot.Histograms["event_done_us"].Values.Sum());
            Assert.Equal(snapshot.Counters["batches"], snapshot.Histograms["batch_wall_us"].Values.Sum());
            Assert.Equal(0, snapshot.Counters["gc2"]);
        }
        finally
        {
            try { process.Kill(); } catch (InvalidOperationException) { }
            process.WaitForExit(5000);
        }
    }

    [Fact]
    public void WithoutTheVariableNoProbeIsMade() =>
        Assert.Null(Environment.GetEnvironmentVariable("TIDEGATE_TAIL_PROBE") is null ? WorkerTailProbe.For(0) : null);

    private static TcpClient Connect(int port)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            try { return new TcpClient("127.0.0.1", port); }
            catch (SocketException) when (DateTime.UtcNow < deadline) { Thread.Sleep(50); }
        }
    }

    private sealed record Snapshot(Dictionary<string, long> Counters, Dictionary<string, Dictionary<long, long>> Histograms);

    private static Snapshot Parse(string text)
    {
        var counters = new Dictionary<string, long>();
        var histograms = new Dictionary<string, Dictionary<long, long>>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var f = line.Split(' ');
            if (f.Length != 3) throw new FormatException(line);
            if (f[0] == "counter") counters[f[1]] = long.Parse(f[2]);
            else
            {
                if (!histograms.TryGetValue(f[0], out var h)) histograms[f[0]] = h = new();
                h[long.Parse(f[1])] = long.Parse(f[2]);
            }
        }
        return new Snapshot(counters, histograms);
    }
}
