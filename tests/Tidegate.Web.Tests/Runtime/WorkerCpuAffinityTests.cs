using Tidegate.Web.Config;
using Tidegate.Web.Hosting;
using Tidegate.Web.Logging;
using Tidegate.Web.Runtime;

namespace Tidegate.Web.Tests.Runtime;

/// <summary>
/// worker_cpu_affinity: masks read as nginx reads them (CPU 0 last), one per worker or "auto", and the
/// binding of a worker thread only (the rest of the process keeps its affinity). The messages were taken
/// from nginx 1.22 (<c>nginx -t</c> and its error log).
/// </summary>
public class WorkerCpuAffinityTests
{
    private static ServerConfiguration Compile(string main) =>
        new ConfigCompiler("/tmp/", "/tmp/nginx.conf").Compile(new ConfigParser("/tmp/").ParseText(main + " events {}", "/tmp/nginx.conf"));

    private static string Error(string main) => Assert.Throws<ConfigException>(() => Compile(main)).Message;

    [Fact]
    public void MasksAreReadFromTheirLastCharacterAndTheLastServesTheRemainingWorkers()
    {
        var affinity = Compile("worker_processes 3; worker_cpu_affinity 0101 10;").WorkerCpuAffinity!;
        Assert.Equal([0, 2], affinity.CpusOf(0));
        Assert.Equal([1], affinity.CpusOf(1));
        Assert.Equal([1], affinity.CpusOf(2));
    }

    [Fact]
    public void AutoGivesEachWorkerTheNextCpuOfItsMaskWrappingAround()
    {
        var masked = Compile("worker_processes 3; worker_cpu_affinity auto 1010;").WorkerCpuAffinity!;
        Assert.Equal([1], masked.CpusOf(0));
        Assert.Equal([3], masked.CpusOf(1));
        Assert.Equal([1], masked.CpusOf(2));
        var all = Compile("worker_cpu_affinity auto;").WorkerCpuAffinity!;
        Assert.Equal([Environment.ProcessorCount == 1 ? 0 : 1], all.CpusOf(1));
        Assert.Empty(Compile("worker_cpu_affinity auto 00;").WorkerCpuAffinity!.CpusOf(0));
    }

    [Fact]
    public void BadMasksFailWithNginxsMessages()
    {
        Assert.Equal("invalid character \"x\" in \"worker_cpu_affinity\" in /tmp/nginx.conf:1", Error("worker_cpu_affinity 0x1;"));
        // nginx reads from the end, so it names the last bad character.
        Assert.Equal("invalid character \"a\" in \"worker_cpu_affinity\" in /tmp/nginx.conf:1", Error("worker_cpu_affinity 0a1;"));
        Assert.Equal("invalid character \"o\" in \"worker_cpu_affinity\" in /tmp/nginx.conf:1", Error("worker_cpu_affinity auto auto;"));
        Assert.Equal("invalid number of arguments in \"worker_cpu_affinity\" directive in /tmp/nginx.conf:1", Error("worker_cpu_affinity auto 01 10;"));
        Assert.Equal("\"worker_cpu_affinity\" directive is duplicate in /tmp/nginx.conf:1", Error("worker_cpu_affinity 01; worker_cpu_affinity 10;"));
    }

    [Fact]
    public void MoreOrFewerMasksThanWorkersIsNginxsWarning()
    {
        var compiler = new ConfigCompiler("/tmp/", "/tmp/nginx.conf");
        compiler.Compile(new ConfigParser("/tmp/").ParseText("worker_processes 2; worker_cpu_affinity 01; events {}", "/tmp/nginx.conf"));
        Assert.Contains((LogLevel.Warn, "the number of \"worker_processes\" is not equal to the number of \"worker_cpu_affinity\" masks, using last mask for remaining worker processes"), compiler.Warnings);
        var matched = new ConfigCompiler("/tmp/", "/tmp/nginx.conf");
        matched.Compile(new ConfigParser("/tmp/").ParseText("worker_processes 2; worker_cpu_affinity 01 10; events {}", "/tmp/nginx.conf"));
        Assert.Empty(matched.Warnings);
    }

    /// <summary>The thread that applies it is bound; the process's other threads are not.</summary>
    [Fact]
    public void ApplyingBindsOnlyTheCallingThread()
    {
        if (!OperatingSystem.IsLinux()) return;
        string before = Allowed("self");
        var log = Path.GetTempFileName();
        try
        {
            using (var errorLog = new ErrorLog([new ErrorLogTarget(log, LogLevel.Notice)]))
            {
                string? bound = null;
                var thread = new Thread(() =>
                {
                    Compile("worker_cpu_affinity 01;").WorkerCpuAffinity!.Apply(0, errorLog);
                    bound = Allowed("thread-self");
                });
                thread.Start();
                thread.Join();
                Assert.Equal("0", bound);
            }
            Assert.Equal(before, Allowed("self"));
            Assert.Contains("[notice]", File.ReadAllText(log));
            Assert.Contains("sched_setaffinity(): using cpu #0", File.ReadAllText(log));
        }
        finally { File.Delete(log); }
    }

    [Fact]
    public void AnEmptyMaskIsNginxsAlertAndLeavesTheThreadAsItWas()
    {
        if (!OperatingSystem.IsLinux()) return;
        var log = Path.GetTempFileName();
        try
        {
            string? before = null, after = null;
            using (var errorLog = new ErrorLog([new ErrorLogTarget(log, LogLevel.Notice)]))
            {
                var thread = new Thread(() =>
                {
                    before = Allowed("thread-self");
                    Compile("worker_cpu_affinity 00;").WorkerCpuAffinity!.Apply(0, errorLog);
                    after = Allowed("thread-self");
                });
                thread.Start();
                thread.Join();
            }
            Assert.Equal(before, after);
            Assert.Contains("[alert]", File.ReadAllText(log));
            Assert.Contains("sched_setaffinity() failed (22: Invalid argument)", File.ReadAllText(log));
        }
        finally { File.Delete(log); }
    }

    private static string Allowed(string which) =>
        File.ReadAllLines($"/proc/{which}/status").First(l => l.StartsWith("Cpus_allowed_list:")).Split(':')[1].Trim();
}
