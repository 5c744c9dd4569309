using Tidegate.Web.Config;
using Tidegate.Web.Hosting;
using Tidegate.Web.Logging;

namespace Tidegate.Web.Lua;

/// <summary>
/// lua-nginx-module's directives: the phase handlers in their string, <c>_block</c> and
/// <c>_file</c> forms, <c>set_by_lua*</c> as a rewrite-module step, and the <c>lua_*</c> settings.
/// </summary>
public sealed class LuaConfigModule : IConfigModule
{
    private readonly LuaMainSettings main = new();
    /// <summary>The phase handlers each level set itself (a level's settings start as its parent's).</summary>
    private readonly Dictionary<LocationSettings, HashSet<string>> setHere = new(ReferenceEqualityComparer.Instance);

    public bool TryApply(ConfigDirective d, LocationSettings? settings, ConfigLevel level, ConfigCompiler compiler)
    {
        string name = d.Name;
        if (!name.Contains("lua", StringComparison.Ordinal)) return false;
        string stem = Stem(name);
        switch (stem)
        {
            case "init_by_lua": main.Init = Chunk(d, compiler); return true;
            case "init_worker_by_lua":
                main.InitWorker = Chunk(d, compiler);
                main.HttpSettings = settings;
                return true;
            case "exit_worker_by_lua": main.ExitWorker = Chunk(d, compiler); return true;
            case "server_rewrite_by_lua": Set(settings, d, compiler, (s, c) => s.LuaServerRewrite = c, s => s.LuaServerRewrite); return true;
            case "rewrite_by_lua": Set(settings, d, compiler, (s, c) => s.LuaRewrite = c, s => s.LuaRewrite); return true;
            case "access_by_lua": Set(settings, d, compiler, (s, c) => s.LuaAccess = c, s => s.LuaAccess); return true;
            case "precontent_by_lua": Set(settings, d, compiler, (s, c) => s.LuaPrecontent = c, s => s.LuaPrecontent); return true;
            case "header_filter_by_lua": Set(settings, d, compiler, (s, c) => s.LuaHeaderFilter = c, s => s.LuaHeaderFilter); return true;
            case "body_filter_by_lua": Set(settings, d, compiler, (s, c) => s.LuaBodyFilter = c, s => s.LuaBodyFilter); return true;
            case "log_by_lua": Set(settings, d, compiler, (s, c) => s.LuaLog = c, s => s.LuaLog); return true;
            case "content_by_lua":
                // ngx_lua's own wording: "is duplicate", without the directive's name.
                if (settings!.ContentHandler is LuaContentHandler) throw ConfigException.At("is duplicate", d);
                settings.ContentHandler = new LuaContentHandler(Chunk(d, compiler));
                return true;
            case "set_by_lua":
                settings!.Rewrites.Add(SetByLua(d, compiler));
                return true;
        }
        switch (name)
        {
            case "lua_package_path": main.PackagePath = d.Arguments[0]; return true;
            case "lua_package_cpath": main.PackageCPath = d.Arguments[0]; return true;
            case "lua_code_cache":
                settings!.LuaCodeCache = ConfigValues.Flag(d);
                if (!settings.LuaCodeCache)
                {
                    main.CodeCache = false;
                    compiler.Warnings.Add((LogLevel.Alert, $"lua_code_cache is off; this will hurt performance{d.Where}"));
                }
                return true;
            case "lua_need_request_body": settings!.LuaNeedRequestBody = ConfigValues.Flag(d); return true;
            case "lua_transform_underscores_in_response_headers": settings!.LuaTransformUnderscores = ConfigValues.Flag(d); return true;
            case "lua_use_default_type": settings!.LuaUseDefaultType = ConfigValues.Flag(d); return true;
            case "lua_http10_buffering": settings!.LuaHttp10Buffering = ConfigValues.Flag(d); return true;
            case "lua_check_client_abort": settings!.LuaCheckClientAbort = ConfigValues.Flag(d); return true;
            case "lua_socket_log_errors": settings!.LuaSocketLogErrors = ConfigValues.Flag(d); return true;
            case "rewrite_by_lua_no_postpone": main.RewriteNoPostpone = ConfigValues.Flag(d); return true;
            case "access_by_lua_no_postpone": main.AccessNoPostpone = ConfigValues.Flag(d); return true;
            case "lua_shared_dict": AddSharedDict(d); return true;
            case "lua_capture_error_log": main.CaptureErrorLogSize = CaptureErrorLogSize(d); return true;
            case "lua_regex_cache_max_entries": main.RegexCacheMaxEntries = (int)Number(d); return true;
            case "lua_regex_match_limit": main.RegexMatchLimit = Number(d); return true;
            case "lua_max_pending_timers": main.MaxPendingTimers = (int)Number(d); return true;
            case "lua_max_running_timers": main.MaxRunningTimers = (int)Number(d); return true;
            case "lua_socket_connect_timeout":
            case "lua_socket_send_timeout":
            case "lua_socket_read_timeout":
            case "lua_socket_keepalive_timeout":
                SocketSetting(settings!, name, (long)ConfigValues.ParseTime(d, 0).TotalMilliseconds);
                return true;
            case "lua_socket_send_lowat":
            case "lua_socket_buffer_size":
                SocketSetting(settings!, name, ConfigValues.ParseSize(d, 0));
                return true;
            case "lua_socket_pool_size":
                long pool = Number(d);
                if (pool <= 0) throw ConfigException.At("invalid value", d);
                SocketSetting(settings!, name, pool);
                return true;
            case "lua_malloc_trim": Number(d); return true;
            case "lua_sa_restart": return true;
        }
        return false;
    }

    public void Complete(ServerConfiguration config, ConfigCompiler compiler)
    {
        main.Prefix = compiler.Prefix;
        if (VariableNames.Declared is { } declared) main.DeclaredVariables = new HashSet<string>(declared, StringComparer.Ordinal);
        // config.Lua.Enabled: a module completed earlier (balancer_by_lua in an upstream block) needs Lua too.
        main.Enabled = main.Enabled || config.Lua.Enabled || main.Init is not null || main.InitWorker is not null || main.ExitWorker is not null;
        config.Lua = main;
    }

    /// <summary>"content_by_lua_block" and "content_by_lua_file" belong to "content_by_lua".</summary>
    private static string Stem(string name)
    {
        if (name.EndsWith("_block", StringComparison.Ordinal)) return name[..^6];
        if (name.EndsWith("_file", StringComparison.Ordinal)) return name[..^5];
        return name;
    }

    private LuaChunkSpec Chunk(ConfigDirective d, ConfigCompiler compiler, int index = 0)
    {
        main.Enabled = true;
        var spec = LuaChunkSpec.FromDirective(d, compiler.Prefix, index);
        // nginx compiles inline code on first use: a syntax error fails the request, not start-up.
        return spec;
    }

    /// <summary>A phase handler: one per level (a second one at the same level is "is duplicate").</summary>
    private void Set(LocationSettings? settings, ConfigDirective d, ConfigCompiler compiler,
        Action<LocationSettings, LuaChunkSpec> assign, Func<LocationSettings, LuaChunkSpec?> current)
    {
        var s = settings!;
        if (!setHere.TryGetValue(s, out var names)) setHere[s] = names = new HashSet<string>(StringComparer.Ordinal);
        if (!names.Add(Stem(d.Name))) throw ConfigException.At("is duplicate", d);
        assign(s, Chunk(d, compiler));
    }

    private RewriteStep SetByLua(ConfigDirective d, ConfigCompiler compiler)
    {
        string variable = d.Arguments[0];
        if (!variable.StartsWith('$')) throw ConfigException.At($"invalid variable name \"{variable}\"", d);
        bool block = d.Name.EndsWith("_block", StringComparison.Ordinal);
        var chunk = Chunk(d, compiler, block ? 0 : 1);
        var args = new List<VariableTemplate>();
        for (int i = block ? 1 : 2; i < d.Arguments.Count; i++) args.Add(ConfigCompiler.Template(d, i));
        return new SetByLuaStep(variable[1..].ToLowerInvariant(), chunk, args);
    }

    /// <summary>
    /// lua_capture_error_log's size with ngx_lua's checks: at least nginx's error-line buffer (2048 in
    /// stock nginx; OpenResty's 4096), read by ngx_parse_size (k and m units, no g).
    /// </summary>
    private int CaptureErrorLogSize(ConfigDirective d)
    {
        // The handler's "is duplicate" goes through nginx's usual "\"name\" directive ..." wording.
        if (main.CaptureErrorLogSize > 0) throw ConfigException.At("\"lua_capture_error_log\" directive is duplicate", d);
        string text = d.Arguments[0];
        if (text.Length == 0) throw ConfigException.At($"invalid capture error log size \"{text}\"", d);
        long size = NginxParseSize(text);
        if (size < ErrorLogRing.MaxLine)
            throw ConfigException.At($"invalid capture error log size \"{text}\", minimum size is {ErrorLogRing.MaxLine}", d);
        // nginx would allocate any size malloc gives it; a .NET array stops below 2 GiB.
        if (size > Array.MaxLength)
            throw ConfigException.At($"invalid capture error log size \"{text}\", tidegate's maximum size is {Array.MaxLength}", d);
        return (int)size;
    }

    /// <summary>nginx's ngx_parse_size: digits with an optional k/K or m/M; -1 for anything else or an overflow.</summary>
    private static long NginxParseSize(string text)
    {
        long scale = 1;
        string digits = text;
        char unit = text[^1];
        if (unit is 'k' or 'K') { scale = 1024; digits = text[..^1]; }
        else if (unit is 'm' or 'M') { scale = 1024 * 1024; digits = text[..^1]; }
        if (digits.Length == 0 || !digits.All(char.IsAsciiDigit)) return -1;
        if (!long.TryParse(digits, out long n) || n > long.MaxValue / scale) return -1;
        return n * scale;
    }

    /// <summary>The declarations checked with nginx's messages (size syntax, minimum, conflicts, duplicates).</summary>
    private readonly Shared.SharedDictDeclarations sharedDictChecks = new();

    private void AddSharedDict(ConfigDirective d)
    {
        var declared = sharedDictChecks.Add(d);
        main.SharedDicts.Add(new SharedDictDeclaration(declared.Name, declared.Size));
    }

    private static long Number(ConfigDirective d)
    {
        if (!long.TryParse(d.Arguments[0], System.Globalization.NumberStyles.None, null, out long n))
            throw ConfigException.At("invalid number", d);
        return n;
    }

    private static void SocketSetting(LocationSettings s, string name, long value)
    {
        s.LuaSocketSettings = s.LuaSocketSettings is null ? new() : new Dictionary<string, long>(s.LuaSocketSettings);
        s.LuaSocketSettings[name] = value;
    }
}
