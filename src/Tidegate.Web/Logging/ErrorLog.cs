using System.Text;
using Tidegate.Web.Hosting;

namespace Tidegate.Web.Logging;

/// <summary>
/// The error log: one or more targets (files or stderr), each with its own level, written in
/// nginx's line format <c>2026/11/21 10:00:00 [error] 123#123: *5 message, client: ...</c>.
/// Lines are appended with one write each so concurrent workers never interleave within a line.
/// Reopen (SIGUSR1, <c>-s reopen</c>) closes and reopens every file, for log rotation.
/// </summary>
public sealed class ErrorLog : IDisposable
{
    private readonly object gate = new();
    private readonly List<(ErrorLogTarget Target, Stream? Stream)> sinks = new();

    public ErrorLog(IEnumerable<ErrorLogTarget> targets)
    {
        foreach (var target in targets) sinks.Add((target, Open(target.Path)));
        MostVerbose = sinks.Count == 0 ? LogLevel.Emerg : sinks.Max(s => s.Target.Level);
    }

    /// <summary>Before any configuration is read nginx logs to stderr at every level up to notice.</summary>
    public static ErrorLog StderrOnly() => new(new[] { new ErrorLogTarget("stderr", LogLevel.Notice) });

    public LogLevel MostVerbose { get; }

    public bool IsEnabled(LogLevel level) => level <= MostVerbose;

    public void Write(LogLevel level, string message, long connection = 0, RequestLogContext? request = null)
    {
        if (!IsEnabled(level)) return;
        var line = new StringBuilder(128);
        line.Append(DateTime.Now.ToString("yyyy/MM/dd HH:mm:ss"))
            .Append(" [").Append(LogLevels.Name(level)).Append("] ")
            .Append(Environment.ProcessId).Append('#').Append(Environment.ProcessId).Append(": ");
        if (connection > 0) line.Append('*').Append(connection).Append(' ');
        line.Append(message);
        request?.AppendTo(line);
        line.Append('\n');
        byte[] bytes = Encoding.Latin1.GetBytes(line.ToString());
        // lua_capture_error_log: the worker's ring gets the line as written, without its line feed.
        ErrorLogRing.Current?.Capture(level, bytes.AsSpan(0, bytes.Length - 1), CaptureTime());
        lock (gate)
        {
            foreach (var (target, stream) in sinks)
            {
                if (level > target.Level) continue;
                try
                {
                    if (stream is null) { using var err = Console.OpenStandardError(); err.Write(bytes); }
                    else { stream.Write(bytes); stream.Flush(); }
                }
                catch (IOException) { /* a full disk must not take the server down */ }
            }
        }
    }

    /// <summary>ngx_lua stamps a captured line with the cached time, seconds with milliseconds.</summary>
    private static double CaptureTime() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;

    public void Reopen()
    {
        lock (gate)
        {
            for (int i = 0; i < sinks.Count; i++)
            {
                sinks[i].Stream?.Dispose();
                sinks[i] = (sinks[i].Target, Open(sinks[i].Target.Path));
            }
        }
    }

    public void Dispose()
    {
        lock (gate) foreach (var (_, stream) in sinks) stream?.Dispose();
    }

    private static Stream? Open(string path) =>
        path == "stderr" ? null : new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
}

/// <summary>The ", client: ..., server: ..., request: ..., host: ..." tail nginx adds to request-time lines.</summary>
public sealed record RequestLogContext(string Client, string Server, string? RequestLine, string? Host)
{
    /// <summary>The upstream URL a proxied request was talking to (nginx's ", upstream: ..." part).</summary>
    public string? Upstream { get; init; }
    /// <summary>The URI of the subrequest being run (nginx's ", subrequest: ..." part).</summary>
    public string? Subrequest { get; init; }
    /// <summary>The listening address of the request's connection (what a timer it made names as its server).</summary>
    public string? Listen { get; init; }

    public void AppendTo(StringBuilder line)
    {
        line.Append(", client: ").Append(Client).Append(", server: ").Append(Server);
        if (RequestLine is not null) line.Append(", request: \"").Append(RequestLine).Append('"');
        if (Subrequest is not null) line.Append(", subrequest: \"").Append(Subrequest).Append('"');
        if (Upstream is not null) line.Append(", upstream: \"").Append(Upstream).Append('"');
        if (Host is not null) line.Append(", host: \"").Append(Host).Append('"');
    }
}
