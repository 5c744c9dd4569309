namespace Tidegate.Web.Lua;

/// <summary>A <c>lua_shared_dict name size</c> declaration (the dictionaries themselves live elsewhere).</summary>
public sealed record SharedDictDeclaration(string Name, long Size);

/// <summary>
/// The http{}-level Lua settings: the state-wide handlers (init, init_worker, exit_worker), the
/// module search paths, the shared dictionaries declared, and the limits other Lua modules read.
/// </summary>
public sealed class LuaMainSettings
{
    /// <summary>True when the configuration uses Lua at all (a worker then creates its state).</summary>
    public bool Enabled { get; set; }
    public LuaChunkSpec? Init { get; set; }
    public LuaChunkSpec? InitWorker { get; set; }
    public LuaChunkSpec? ExitWorker { get; set; }
    /// <summary>lua_package_path as written (";;" is the default path, "$prefix" the prefix), or null.</summary>
    public string? PackagePath { get; set; }
    public string? PackageCPath { get; set; }
    public bool CodeCache { get; set; } = true;
    public bool RewriteNoPostpone { get; set; }
    public bool AccessNoPostpone { get; set; }
    public List<SharedDictDeclaration> SharedDicts { get; } = new();
    public int RegexCacheMaxEntries { get; set; } = 1024;
    public long RegexMatchLimit { get; set; }
    public int MaxPendingTimers { get; set; } = 1024;
    public int MaxRunningTimers { get; set; } = 256;
    public string Prefix { get; set; } = "";
    /// <summary>lua_capture_error_log: the size in bytes of each worker's ring of error-log lines (0: none).</summary>
    public int CaptureErrorLogSize { get; set; }
    /// <summary>Variables the configuration makes with set (and set_by_lua): what ngx.var may write.</summary>
    public HashSet<string>? DeclaredVariables { get; set; }
    /// <summary>The http level's settings (what timers made in init_worker_by_lua read: lua_socket_*, resolver, ...).</summary>
    public Hosting.LocationSettings? HttpSettings { get; set; }
}
