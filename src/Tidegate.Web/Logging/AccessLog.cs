using System.Collections.Concurrent;
using System.Text;
using Tidegate.Web.Hosting;

namespace Tidegate.Web.Logging;

/// <summary>
/// Access-log files, shared by all workers: one open stream per path, each line written with a
/// single append under the file's lock. Variable values are escaped as nginx escapes them in
/// logs (<c>"</c>, <c>\</c>, control and non-ASCII bytes as <c>\xXX</c>) and empty ones print "-".
/// </summary>
public sealed class AccessLog : IDisposable
{
    private readonly ConcurrentDictionary<string, Stream> files = new(StringComparer.Ordinal);

    public void Write(AccessLogTarget target, IVariableResolver request)
    {
        var escaping = new EscapingResolver(request, target.Format);
        string line = target.Format.Template.Evaluate(escaping) + "\n";
        byte[] bytes = Encoding.Latin1.GetBytes(line);
        var stream = files.GetOrAdd(target.Path, Open);
        lock (stream)
        {
            try { stream.Write(bytes); stream.Flush(); } catch (IOException) { }
        }
    }

    /// <summary>Opens a log file at start-up, failing as nginx does when it cannot.</summary>
    public void Ensure(string path)
    {
        try { files.GetOrAdd(path, Open); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            string reason = e is DirectoryNotFoundException or FileNotFoundException ? "2: No such file or directory"
                : e is UnauthorizedAccessException ? "13: Permission denied" : e.Message;
            throw new Config.ConfigException($"open() \"{path}\" failed ({reason})");
        }
    }

    public void Reopen()
    {
        foreach (var path in files.Keys.ToArray())
        {
            if (files.TryRemove(path, out var old)) lock (old) old.Dispose();
        }
    }

    public void Dispose()
    {
        foreach (var stream in files.Values) stream.Dispose();
    }

    private static Stream Open(string path) =>
        path == "/dev/stdout" ? Console.OpenStandardOutput() : path == "/dev/stderr" ? Console.OpenStandardError()
        : new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);

    private sealed class EscapingResolver(IVariableResolver inner, LogFormat format) : IVariableResolver
    {
        public string? GetVariable(string name)
        {
            string? value = inner.GetVariable(name);
            if (string.IsNullOrEmpty(value)) return format.EscapeJson ? "" : "-";
            if (format.EscapeNone) return value;
            var sb = new StringBuilder(value.Length);
            foreach (char c in value)
            {
                if (format.EscapeJson)
                {
                    if (c == '"' || c == '\\') sb.Append('\\').Append(c);
                    else if (c < 0x20) sb.Append("\\u00").Append(((int)c).ToString("x2"));
                    else sb.Append(c);
                }
                else if (c == '"' || c == '\\' || c < 0x20 || c > 0x7e) sb.Append("\\x").Append(((int)c).ToString("X2"));
                else sb.Append(c);
            }
            return sb.ToString();
        }
    }
}
