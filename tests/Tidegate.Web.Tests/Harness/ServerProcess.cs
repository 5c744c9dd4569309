using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;

namespace Tidegate.Web.Tests.Harness;

/// <summary>Which server a case runs against.</summary>
public enum ServerKind { Tidegate, Nginx }

/// <summary>
/// A server started for one case exactly as a harness starts nginx: its own prefix directory
/// (conf/, logs/, html/), <c>-p PREFIX -c conf/nginx.conf</c>, daemon off, on a free 127.0.0.1
/// port; stopped with SIGTERM (fast shutdown) and its error log read back.
/// </summary>
public sealed partial class ServerProcess : IDisposable
{
    public const string NginxBinary = "/usr/sbin/nginx";
    private static readonly string[] nginxModules =
    {
        "ndk_http_module.so", "ngx_http_lua_module.so", "ngx_http_echo_module.so", "ngx_http_headers_more_filter_module.so",
    };

    private Process? process;
    private readonly StringBuilder stderr = new();

    public ServerProcess(ServerKind kind)
    {
        Kind = kind;
        Prefix = Path.Combine(Path.GetTempPath(), $"tidegate-web-{kind.ToString().ToLowerInvariant()}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path.Combine(Prefix, "conf"));
        Directory.CreateDirectory(Path.Combine(Prefix, "logs"));
        Directory.CreateDirectory(Path.Combine(Prefix, "html"));
        Port = FreePort();
    }

    public ServerKind Kind { get; }
    public string Prefix { get; }
    public int Port { get; }
    public int? ExitCode => process is { HasExited: true } ? process.ExitCode : null;
    public string Stderr { get { lock (stderr) return stderr.ToString(); } }

    public static bool NginxAvailable =>
        File.Exists(NginxBinary) && nginxModules.All(m => File.Exists("/usr/lib/nginx/modules/" + m));

    /// <summary>The tidegate binary: TIDEGATE_BIN, else the build output next to the tests, else bin/tidegate.</summary>
    public static string TidegateBinary
    {
        get
        {
            if (Environment.GetEnvironmentVariable("TIDEGATE_BIN") is { Length: > 0 } configured) return configured;
            string local = Path.Combine(AppContext.BaseDirectory, "tidegate");
            if (File.Exists(local)) return local;
            return Path.Combine(RepositoryRoot, "bin", "tidegate");
        }
    }

    public static string RepositoryRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Tidegate.slnx"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
        }
    }

    /// <summary>
    /// The nginx-only preamble: load the modules tidegate has built in. It has no newline, so the
    /// line numbers in error messages are the same for both servers.
    /// </summary>
    public string ModulePreamble => Kind == ServerKind.Nginx
        ? string.Concat(nginxModules.Select(m => $"load_module /usr/lib/nginx/modules/{m}; "))
        : "";

    public void WriteFile(string relative, string content)
    {
        string path = Path.Combine(Prefix, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    public Process Launch(params string[] args)
    {
        var start = new ProcessStartInfo(Kind == ServerKind.Nginx ? NginxBinary : TidegateBinary)
        {
            UseShellExecute = false,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        foreach (var a in args) start.ArgumentList.Add(a);
        var p = Process.Start(start)!;
        p.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (stderr) stderr.Append(e.Data).Append('\n'); };
        p.OutputDataReceived += (_, _) => { };
        p.BeginErrorReadLine();
        p.BeginOutputReadLine();
        return p;
    }

    /// <summary>Starts the server on conf/nginx.conf; true once it accepts connections, false if it exited.</summary>
    public bool Start(TimeSpan timeout, params string[] extra)
    {
        process = Launch(new[] { "-p", Prefix + "/", "-c", "conf/nginx.conf" }.Concat(extra).ToArray());
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited) { process.WaitForExit(); return false; }
            try
            {
                using var probe = new TcpClient();
                probe.Connect(IPAddress.Loopback, Port);
                return true;
            }
            catch (SocketException) { Thread.Sleep(20); }
        }
        return false;
    }

    /// <summary>Waits for a server that is expected to fail at start-up.</summary>
    public int WaitForExit(TimeSpan timeout)
    {
        if (process is null) return -1;
        if (!process.WaitForExit((int)timeout.TotalMilliseconds)) return -1;
        process.WaitForExit();
        return process.ExitCode;
    }

    public string ErrorLog
    {
        get
        {
            string path = Path.Combine(Prefix, "logs", "error.log");
            if (!File.Exists(path)) return "";
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream, Encoding.Latin1);
            return reader.ReadToEnd();
        }
    }

    public string AccessLog
    {
        get
        {
            string path = Path.Combine(Prefix, "logs", "access.log");
            if (!File.Exists(path)) return "";
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            return new StreamReader(stream, Encoding.Latin1).ReadToEnd();
        }
    }

    public int Pid => process?.Id ?? 0;

    public void Signal(int signal)
    {
        if (process is { HasExited: false }) kill(process.Id, signal);
    }

    public void Stop()
    {
        if (process is null) return;
        if (!process.HasExited)
        {
            kill(process.Id, 15);
            if (!process.WaitForExit(3000)) process.Kill(true);
        }
        process.WaitForExit();
    }

    public void Dispose()
    {
        try { Stop(); } catch (InvalidOperationException) { }
        process?.Dispose();
        try { Directory.Delete(Prefix, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private static readonly HashSet<int> portsHandedOut = new();

    /// <summary>
    /// A port free now and never handed out before in this test run: cases run side by side and
    /// bind their ports later, so a port released here must not go to a second case meanwhile.
    /// </summary>
    public static int FreePort()
    {
        // The kernel may offer the same free port again and again; a port already handed out is
        // kept bound while asking again, so the next answer must be another port.
        var held = new List<TcpListener>();
        try
        {
            while (true)
            {
                var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                held.Add(listener);
                int port = ((IPEndPoint)listener.LocalEndpoint).Port;
                lock (portsHandedOut)
                    if (portsHandedOut.Add(port)) return port;
            }
        }
        finally
        {
            foreach (var listener in held) listener.Stop();
        }
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int kill(int pid, int signal);
}
