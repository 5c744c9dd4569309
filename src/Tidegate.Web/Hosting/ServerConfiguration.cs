using System.Net;
using Tidegate.Web.Logging;

namespace Tidegate.Web.Hosting;

/// <summary>
/// A configuration compiled from the directive tree: what a running server consults. Built once
/// per (re)load by <see cref="ConfigCompiler"/>; immutable afterwards, so workers share it freely.
/// Modules beyond the core add their compiled state in their own partial files, filled in by
/// their <see cref="IConfigModule.Complete"/>.
/// </summary>
public sealed partial class ServerConfiguration
{
    public required string Prefix { get; init; }
    public required string ConfFile { get; init; }
    public bool Daemon { get; init; } = true;
    public bool MasterProcess { get; init; } = true;
    /// <summary>Worker threads; nginx's default is 1, "auto" is one per core.</summary>
    public int WorkerProcesses { get; init; } = 1;
    public int WorkerConnections { get; init; } = 512;
    /// <summary>worker_cpu_affinity: the CPUs each worker thread is bound to; null: unbound.</summary>
    public Runtime.WorkerCpuAffinity? WorkerCpuAffinity { get; init; }
    public required string PidPath { get; init; }
    public required IReadOnlyList<ErrorLogTarget> ErrorLogs { get => errorLogs; init => errorLogs = value; }
    private IReadOnlyList<ErrorLogTarget> errorLogs = null!;
    public required IReadOnlyList<ServerBlock> Servers { get; init; }
    /// <summary>One entry per distinct address:port, with the servers listening there.</summary>
    public required IReadOnlyList<ListenGroup> ListenGroups { get; init; }
    /// <summary>
    /// The environment nginx gives its workers: TZ plus the variables "env" names (inherited, or
    /// set by "env NAME=value"). Lua's os.getenv sees only this; the process environment is untouched.
    /// </summary>
    public IReadOnlyDictionary<string, string> WorkerEnvironment { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// This configuration with other error logs (the -e option, when the file names none). A
    /// member-wise copy, so the state every module added in its partial file comes along.
    /// </summary>
    public ServerConfiguration WithErrorLogs(IReadOnlyList<ErrorLogTarget> logs)
    {
        var copy = (ServerConfiguration)MemberwiseClone();
        copy.errorLogs = logs;
        return copy;
    }
}

/// <summary>An error_log target: a file path (or "stderr") and the least severe level written.</summary>
public sealed record ErrorLogTarget(string Path, LogLevel Level);

/// <summary>One listening address and the servers that answer on it.</summary>
public sealed class ListenGroup
{
    public ListenGroup(EndPoint endPoint) { EndPoint = endPoint; }
    /// <summary>An IPEndPoint, or a UnixDomainSocketEndPoint for <c>listen unix:/path</c>.</summary>
    public EndPoint EndPoint { get; }
    public bool IsWildcard => EndPoint is IPEndPoint ip && ip.Address.Equals(IPAddress.Any);
    public List<ServerBlock> Servers { get; } = new();
    /// <summary>The server marked default_server, else the first one defined for this address.</summary>
    public ServerBlock DefaultServer { get; set; } = null!;
    public bool ReusePort { get; set; }
    public int Backlog { get; set; } = 511;
}

/// <summary>A <c>server { }</c> block.</summary>
public sealed class ServerBlock
{
    public List<ListenSpec> Listens { get; } = new();
    public List<ServerName> Names { get; } = new();
    /// <summary>The first server_name, which is what $server_name gives.</summary>
    public string PrimaryName => Names.Count > 0 ? Names[0].Text : "";
    /// <summary>The server-level settings (also the settings when no location matches).</summary>
    public required LocationBlock Root { get; init; }
    public Dictionary<string, LocationBlock> NamedLocations { get; } = new(StringComparer.Ordinal);
    public int ClientHeaderBufferSize { get; set; } = 1024;
    public int LargeHeaderBufferCount { get; set; } = 4;
    public int LargeHeaderBufferSize { get; set; } = 8192;
    public TimeSpan ClientHeaderTimeout { get; set; } = TimeSpan.FromSeconds(60);
    public bool MergeSlashes { get; set; } = true;
    public bool IgnoreInvalidHeaders { get; set; } = true;
}

public sealed record ListenSpec(EndPoint EndPoint, bool DefaultServer, bool ReusePort, int Backlog)
{
    public Config.ConfigDirective? Directive { get; init; }
}

public enum ServerNameKind { Exact, LeadingWildcard, TrailingWildcard, Regex }

/// <summary>A server_name entry; wildcard entries keep the fixed part lowercased.</summary>
public sealed record ServerName(string Text, ServerNameKind Kind, string Fixed, System.Text.RegularExpressions.Regex? Regex);
