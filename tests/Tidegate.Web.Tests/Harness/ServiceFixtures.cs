using System.Diagnostics;

namespace Tidegate.Web.Tests.Harness;

/// <summary>
/// Real backing servers for the cosocket library cases (lua-resty-redis, -memcached): one
/// redis-server and one memcached on 127.0.0.1 free ports, started the first time a case names
/// <c>$TEST_NGINX_REDIS_PORT</c> or <c>$TEST_NGINX_MEMCACHED_PORT</c> and stopped when the test
/// run ends. A case that restarts Redis uses <see cref="RestartRedis"/> through its own process.
/// </summary>
public static class ServiceFixtures
{
    private static readonly object gate = new();
    private static BackingServer? redis, memcached;

    static ServiceFixtures()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            redis?.Stop();
            memcached?.Stop();
            lock (gate)
                foreach (var s in ownRedis.Values.Concat(ownMemcached.Values)) s.Stop();
        };
    }

    public static int RedisPort
    {
        get { lock (gate) return (redis ??= BackingServer.Redis(ServerProcess.FreePort())).Port; }
    }

    public static int MemcachedPort
    {
        get { lock (gate) return (memcached ??= BackingServer.Memcached(ServerProcess.FreePort())).Port; }
    }

    /// <summary>
    /// A redis-server and a memcached of each server kind's own: the cases of one kind run one
    /// after the other while the two kinds run side by side, so a case may flush or restart these
    /// without disturbing a case of the other server.
    /// </summary>
    private static readonly Dictionary<ServerKind, BackingServer> ownRedis = new(), ownMemcached = new();

    public static BackingServer OwnRedis(ServerKind kind)
    {
        lock (gate)
        {
            if (!ownRedis.TryGetValue(kind, out var s)) ownRedis[kind] = s = BackingServer.Redis(ServerProcess.FreePort());
            return s;
        }
    }

    public static BackingServer OwnMemcached(ServerKind kind)
    {
        lock (gate)
        {
            if (!ownMemcached.TryGetValue(kind, out var s)) ownMemcached[kind] = s = BackingServer.Memcached(ServerProcess.FreePort());
            return s;
        }
    }

    public static string Substitute(string text, ServerKind kind)
    {
        if (text.Contains("$TEST_NGINX_OWN_REDIS_PORT", StringComparison.Ordinal)) text = text.Replace("$TEST_NGINX_OWN_REDIS_PORT", OwnRedis(kind).Port.ToString());
        if (text.Contains("$TEST_NGINX_OWN_MEMCACHED_PORT", StringComparison.Ordinal)) text = text.Replace("$TEST_NGINX_OWN_MEMCACHED_PORT", OwnMemcached(kind).Port.ToString());
        return Substitute(text);
    }

    public static string Substitute(string text)
    {
        if (text.Contains("$TEST_NGINX_REDIS_PORT", StringComparison.Ordinal)) text = text.Replace("$TEST_NGINX_REDIS_PORT", RedisPort.ToString());
        if (text.Contains("$TEST_NGINX_MEMCACHED_PORT", StringComparison.Ordinal)) text = text.Replace("$TEST_NGINX_MEMCACHED_PORT", MemcachedPort.ToString());
        return text;
    }
}

/// <summary>A redis-server or memcached child process on one port; Start waits until it accepts connections.</summary>
public sealed class BackingServer
{
    private readonly string file;
    private readonly string[] args;
    private Process? process;

    private BackingServer(string file, string[] args, int port)
    {
        this.file = file;
        this.args = args;
        Port = port;
        Start();
    }

    public int Port { get; }

    public static BackingServer Redis(int port) => new("redis-server",
        new[] { "--port", port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no", "--maxclients", "10000", "--logfile", "" }, port);

    public static BackingServer Memcached(int port) => new("memcached",
        // memcached refuses to run as root without -u (and ignores -u otherwise).
        new[] { "-l", "127.0.0.1", "-p", port.ToString(), "-U", "0", "-c", "4096", "-u", Environment.UserName }, port);

    public void Start()
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) info.ArgumentList.Add(a);
        process = Process.Start(info) ?? throw new InvalidOperationException("cannot start " + file);
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var probe = new System.Net.Sockets.TcpClient();
                probe.Connect("127.0.0.1", Port);
                return;
            }
            catch (System.Net.Sockets.SocketException) { Thread.Sleep(20); }
        }
        throw new InvalidOperationException($"{file} did not listen on {Port}");
    }

    public void Stop()
    {
        if (process is not { } p) return;
        process = null;
        try { if (!p.HasExited) { p.Kill(); p.WaitForExit(5000); } } catch (InvalidOperationException) { }
        p.Dispose();
    }
}
