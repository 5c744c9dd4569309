using System.Net;
using System.Text.RegularExpressions;
using Tidegate.Web.Config;
using Tidegate.Web.Logging;

namespace Tidegate.Web.Hosting;

/// <summary>
/// Turns the parsed directive tree into a <see cref="ServerConfiguration"/>, applying nginx's
/// semantics: inheritance http → server → location (a level inherits what its parent sets
/// anywhere in the parent block, before or after it), listen/server_name/location validation
/// with nginx's messages, and a clear stop for every directive tidegate does not implement yet.
/// </summary>
public sealed class ConfigCompiler
{
    private readonly string prefix;
    private readonly string confFile;
    private readonly Dictionary<string, LogFormat> logFormats = new(StringComparer.Ordinal) { ["combined"] = LogFormat.Combined };
    private readonly bool runningAsRoot = Environment.UserName == "root";

    /// <summary>Warnings to log once the error log is open (nginx logs them at start-up).</summary>
    public List<(LogLevel Level, string Message)> Warnings { get; } = new();

    /// <summary>The modules beyond the core (proxy, echo, Lua, ...), fresh for this compile.</summary>
    private readonly IReadOnlyList<IConfigModule> modules = ConfigModules.Create();

    public ConfigCompiler(string prefix, string confFile)
    {
        this.prefix = prefix.EndsWith('/') ? prefix : prefix + "/";
        this.confFile = confFile;
    }

    /// <summary>The prefix (-p), ending in '/'.</summary>
    public string Prefix => prefix;
    public string ConfFile => confFile;

    private static readonly HashSet<string> builtInModules = new(StringComparer.Ordinal)
    {
        "ndk_http_module.so", "ngx_http_lua_module.so", "ngx_http_echo_module.so", "ngx_http_headers_more_filter_module.so",
    };

    public ServerConfiguration Compile(List<ConfigDirective> main)
    {
        // Variables made by "set" exist everywhere, even before the set (nginx checks names at the end).
        var declared = new HashSet<string>(StringComparer.Ordinal);
        CollectSetVariables(main, declared);
        VariableNames.Declared = declared;
        try { return CompileMain(main); }
        finally { VariableNames.Declared = null; }
    }

    private static void CollectSetVariables(List<ConfigDirective> block, HashSet<string> declared)
    {
        foreach (var d in block)
        {
            if ((d.Name == "set" && d.Arguments.Count == 2 || d.Name.StartsWith("set_by_lua", StringComparison.Ordinal) && d.Arguments.Count >= 1)
                && d.Arguments[0].StartsWith('$'))
                declared.Add(d.Arguments[0][1..].ToLowerInvariant());
            // A map's result variable exists everywhere too.
            if (d.Name == "map" && d.Arguments.Count == 2 && d.Arguments[1].StartsWith('$'))
                declared.Add(d.Arguments[1][1..].ToLowerInvariant());
            if (d.Block is not null) CollectSetVariables(d.Block, declared);
        }
    }

    /// <summary>"env NAME" inherits NAME from the process (if set); "env NAME=value" sets it.</summary>
    private static void AddEnvironment(Dictionary<string, string> environment, string argument)
    {
        int equals = argument.IndexOf('=');
        if (equals >= 0) environment[argument[..equals]] = argument[(equals + 1)..];
        else if (Environment.GetEnvironmentVariable(argument) is { } inherited) environment[argument] = inherited;
    }

    private ServerConfiguration CompileMain(List<ConfigDirective> main)
    {
        bool daemon = true, master = true;
        int workers = 1, workerConnections = 512;
        string pid = Resolve("logs/nginx.pid");
        var errorLogs = new List<ErrorLogTarget>();
        var servers = new List<ServerBlock>();
        bool sawEvents = false;
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        bool sawTz = false;
        Runtime.WorkerCpuAffinity? cpuAffinity = null;

        foreach (var d in main)
        {
            CheckSupported(d);
            switch (d.Name)
            {
                case "daemon": daemon = ConfigValues.Flag(d); break;
                case "master_process": master = ConfigValues.Flag(d); break;
                case "worker_processes":
                    if (d.Arguments[0] == "auto") workers = Environment.ProcessorCount;
                    else if (!int.TryParse(d.Arguments[0], out workers) || workers <= 0)
                        throw ConfigException.At("\"worker_processes\" directive invalid value", d);
                    break;
                case "pid": pid = Resolve(d.Arguments[0]); break;
                case "worker_cpu_affinity": cpuAffinity = Runtime.WorkerCpuAffinity.Parse(d); break;
                case "env":
                    AddEnvironment(environment, d.Arguments[0]);
                    sawTz |= d.Arguments[0].Split('=')[0] == "TZ";
                    break;
                case "error_log": errorLogs.Add(ParseErrorLog(d)); break;
                case "user":
                    Warnings.Add((LogLevel.Warn, $"the \"user\" directive is not supported by tidegate (it never changes user), ignored{d.Where}"));
                    break;
                case "load_module":
                    if (!builtInModules.Contains(Path.GetFileName(d.Arguments[0])))
                        throw ConfigException.At($"load_module \"{d.Arguments[0]}\": the module is not built into tidegate", d);
                    break;
                case "events":
                    sawEvents = true;
                    foreach (var e in d.Block!)
                    {
                        CheckSupported(e);
                        if (e.Name == "worker_connections" && (!int.TryParse(e.Arguments[0], out workerConnections) || workerConnections <= 0))
                            throw ConfigException.At($"invalid number \"{e.Arguments[0]}\"", e);
                    }
                    break;
                case "http":
                    servers.AddRange(CompileHttp(d));
                    break;
                default:
                    foreach (var module in modules)
                        if (module.TryApply(d, null, ConfigLevel.Main, this)) break;
                    break;
            }
        }
        // nginx always passes TZ on to its workers unless "env TZ" said otherwise.
        if (!sawTz) AddEnvironment(environment, "TZ");
        if (!sawEvents && servers.Count > 0) throw new ConfigException("no \"events\" section in configuration");
        if (cpuAffinity?.WarningFor(workers) is { } affinityWarning) Warnings.Add((LogLevel.Warn, affinityWarning));
        if (errorLogs.Count == 0) errorLogs.Add(new ErrorLogTarget(Resolve("logs/error.log"), LogLevel.Error));

        var config = new ServerConfiguration
        {
            Prefix = prefix,
            ConfFile = confFile,
            Daemon = daemon,
            MasterProcess = master,
            WorkerProcesses = workers,
            WorkerConnections = workerConnections,
            WorkerCpuAffinity = cpuAffinity,
            PidPath = pid,
            ErrorLogs = errorLogs,
            Servers = servers,
            ListenGroups = GroupListens(servers),
            WorkerEnvironment = environment,
        };
        foreach (var module in modules) module.Complete(config, this);
        return config;
    }

    /// <summary>Stops start-up at a directive whose behaviour is not built yet (unless its value makes it a no-op).</summary>
    private static void CheckSupported(ConfigDirective d)
    {
        var spec = DirectiveRegistry.Lookup(d.Name).FirstOrDefault();
        if (spec is null || spec.Support != DirectiveSupport.NotYet) return;
        if (spec.IsFlag && spec.OffIsEquivalent && !ConfigValues.Flag(d)) return;
        throw ConfigException.At($"\"{d.Name}\" directive is not supported by tidegate yet", d);
    }

    /// <summary>A path as nginx resolves it: absolute, "stderr", or relative to the prefix.</summary>
    public string Resolve(string path) => path == "stderr" || Path.IsPathRooted(path) ? path : prefix + path;

    private ErrorLogTarget ParseErrorLog(ConfigDirective d)
    {
        var level = LogLevel.Error;
        if (d.Arguments.Count > 1 && !LogLevels.TryParse(d.Arguments[1], out level))
            throw ConfigException.At($"invalid log level \"{d.Arguments[1]}\"", d);
        if (d.Arguments.Count > 2) throw ConfigException.At($"invalid log level \"{d.Arguments[2]}\"", d);
        string path = d.Arguments[0];
        if (path.StartsWith("syslog:", StringComparison.Ordinal) || path.StartsWith("memory:", StringComparison.Ordinal))
            throw ConfigException.At($"error_log \"{path}\" is not supported by tidegate yet", d);
        return new ErrorLogTarget(Resolve(path), level);
    }

    private List<ServerBlock> CompileHttp(ConfigDirective http)
    {
        var settings = new LocationSettings();
        ApplySettings(settings, http.Block!, ConfigLevel.Http);
        var servers = new List<ServerBlock>();
        foreach (var d in http.Block!)
        {
            if (d.Name == "server") servers.Add(CompileServer(d, settings));
        }
        return servers;
    }

    private ServerBlock CompileServer(ConfigDirective serverDirective, LocationSettings httpSettings)
    {
        var settings = httpSettings.InheritFrom();
        var server = new ServerBlock { Root = new LocationBlock("", LocationKind.ServerLevel, settings) };
        foreach (var d in serverDirective.Block!)
        {
            switch (d.Name)
            {
                case "listen": server.Listens.Add(ParseListen(d, server)); break;
                case "server_name": foreach (var name in d.Arguments) AddServerName(server, name, d); break;
                case "client_header_buffer_size": server.ClientHeaderBufferSize = (int)ConfigValues.ParseSize(d, 0); break;
                case "large_client_header_buffers":
                    if (!int.TryParse(d.Arguments[0], out int count) || count <= 0)
                        throw ConfigException.At($"invalid value \"{d.Arguments[0]}\"", d);
                    server.LargeHeaderBufferCount = count;
                    server.LargeHeaderBufferSize = (int)ConfigValues.ParseSize(d, 1);
                    break;
                case "client_header_timeout": server.ClientHeaderTimeout = ConfigValues.ParseTime(d, 0); break;
                case "merge_slashes": server.MergeSlashes = ConfigValues.Flag(d); break;
                case "ignore_invalid_headers": server.IgnoreInvalidHeaders = ConfigValues.Flag(d); break;
            }
        }
        ApplySettings(settings, serverDirective.Block!, ConfigLevel.Server);
        if (server.Listens.Count == 0)
            server.Listens.Add(new ListenSpec(new IPEndPoint(IPAddress.Any, runningAsRoot ? 80 : 8000), false, false, 511));
        if (server.Names.Count == 0) server.Names.Add(new ServerName("", ServerNameKind.Exact, "", null));

        foreach (var d in serverDirective.Block!)
        {
            if (d.Name == "location") AddLocation(server, server.Root, d);
        }
        return server;
    }

    private ListenSpec ParseListen(ConfigDirective d, ServerBlock server)
    {
        string address = d.Arguments[0];
        EndPoint endPoint = address.StartsWith("unix:", StringComparison.Ordinal)
            ? new System.Net.Sockets.UnixDomainSocketEndPoint(address[5..])
            : ParseEndPoint(address, d);
        bool isDefault = false, reusePort = false;
        int backlog = 511;
        foreach (var parameter in d.Arguments.Skip(1))
        {
            if (parameter is "default_server" or "default") isDefault = true;
            else if (parameter == "reuseport") reusePort = true;
            else if (parameter.StartsWith("backlog=", StringComparison.Ordinal))
            {
                if (!int.TryParse(parameter.AsSpan(8), out backlog)) throw ConfigException.At($"invalid backlog \"{parameter[8..]}\"", d);
            }
            else if (parameter is "bind" || parameter.StartsWith("so_keepalive=", StringComparison.Ordinal)
                     || parameter.StartsWith("ipv6only=", StringComparison.Ordinal) || parameter.StartsWith("rcvbuf=", StringComparison.Ordinal)
                     || parameter.StartsWith("sndbuf=", StringComparison.Ordinal) || parameter == "deferred") { }
            else if (parameter is "ssl" or "http2" or "proxy_protocol" or "quic")
                throw ConfigException.At($"the \"{parameter}\" parameter of \"listen\" is not supported by tidegate yet", d);
            else throw ConfigException.At($"invalid parameter \"{parameter}\"", d);
        }
        if (server.Listens.Any(l => FormatEndPoint(l.EndPoint) == FormatEndPoint(endPoint)))
            throw ConfigException.At($"a duplicate listen {FormatEndPoint(endPoint)}", d);
        return new ListenSpec(endPoint, isDefault, reusePort, backlog) { Directive = d };
    }

    public static string FormatEndPoint(EndPoint endPoint) => endPoint switch
    {
        IPEndPoint ip => FormatIp(ip),
        System.Net.Sockets.UnixDomainSocketEndPoint unix => "unix:" + unix,
        _ => endPoint.ToString() ?? "",
    };

    private static string FormatIp(IPEndPoint e) =>
        e.Address.Equals(IPAddress.Any) ? $"0.0.0.0:{e.Port}" : e.Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{e.Address}]:{e.Port}" : $"{e.Address}:{e.Port}";

    private static IPEndPoint ParseEndPoint(string text, ConfigDirective d)
    {
        string host;
        string? portText;
        if (text.StartsWith('['))
        {
            int close = text.IndexOf(']');
            if (close < 0) throw ConfigException.At($"invalid host in \"{text}\" of the \"listen\" directive", d);
            host = text.Substring(1, close - 1);
            portText = close + 1 < text.Length && text[close + 1] == ':' ? text[(close + 2)..] : null;
        }
        else
        {
            int colon = text.LastIndexOf(':');
            if (colon >= 0) { host = text[..colon]; portText = text[(colon + 1)..]; }
            else if (text.All(char.IsAsciiDigit)) { host = "*"; portText = text; }
            else { host = text; portText = null; }
        }
        int port = 80;
        if (portText is not null && (!int.TryParse(portText, out port) || port < 1 || port > 65535))
            throw ConfigException.At($"invalid port in \"{text}\" of the \"listen\" directive", d);
        IPAddress address;
        if (host is "*" or "") address = IPAddress.Any;
        else if (host == "localhost") address = IPAddress.Loopback;
        else if (!IPAddress.TryParse(host, out address!))
        {
            try { address = Dns.GetHostAddresses(host).First(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork); }
            catch (Exception) { throw ConfigException.At($"host not found in \"{text}\" of the \"listen\" directive", d); }
        }
        return new IPEndPoint(address, port);
    }

    private static void AddServerName(ServerBlock server, string name, ConfigDirective d)
    {
        if (name.StartsWith('~'))
        {
            Regex regex;
            try { regex = new Regex(name[1..], RegexOptions.CultureInvariant | RegexOptions.IgnoreCase); }
            catch (ArgumentException e) { throw ConfigException.At($"pcre_compile() failed: {e.Message} in \"{name[1..]}\"", d); }
            server.Names.Add(new ServerName(name, ServerNameKind.Regex, "", regex));
            return;
        }
        string lower = name.ToLowerInvariant();
        if (lower.StartsWith("*.", StringComparison.Ordinal))
            server.Names.Add(new ServerName(name, ServerNameKind.LeadingWildcard, lower[1..], null));
        else if (lower.StartsWith('.'))
        {
            server.Names.Add(new ServerName(name, ServerNameKind.Exact, lower[1..], null));
            server.Names.Add(new ServerName(name, ServerNameKind.LeadingWildcard, lower, null));
        }
        else if (lower.EndsWith(".*", StringComparison.Ordinal))
            server.Names.Add(new ServerName(name, ServerNameKind.TrailingWildcard, lower[..^1], null));
        else if (lower.Contains('*'))
            throw ConfigException.At($"invalid server name or wildcard \"{name}\" on {FormatEndPoint(server.Listens.FirstOrDefault()?.EndPoint ?? new IPEndPoint(IPAddress.Any, 80))}", d);
        else
            server.Names.Add(new ServerName(name, ServerNameKind.Exact, lower, null));
    }

    private List<ListenGroup> GroupListens(List<ServerBlock> servers)
    {
        var groups = new Dictionary<string, ListenGroup>(StringComparer.Ordinal);
        var result = new List<ListenGroup>();
        foreach (var server in servers)
        {
            foreach (var listen in server.Listens)
            {
                if (!groups.TryGetValue(FormatEndPoint(listen.EndPoint), out var group))
                {
                    groups[FormatEndPoint(listen.EndPoint)] = group = new ListenGroup(listen.EndPoint) { DefaultServer = server, Backlog = listen.Backlog };
                    result.Add(group);
                }
                if (!group.Servers.Contains(server)) group.Servers.Add(server);
                group.ReusePort |= listen.ReusePort;
                if (listen.DefaultServer)
                {
                    if (group.DefaultServer != server && group.DefaultServer.Listens.Any(l => FormatEndPoint(l.EndPoint) == FormatEndPoint(listen.EndPoint) && l.DefaultServer))
                        throw ConfigException.At($"a duplicate default server for {FormatEndPoint(listen.EndPoint)}", listen.Directive!);
                    group.DefaultServer = server;
                }
            }
        }
        // A wildcard address on a port serves the specific addresses on it too (nginx binds once).
        foreach (var group in result)
        {
            if (group.EndPoint is not IPEndPoint ip || group.IsWildcard) continue;
            if (groups.TryGetValue(FormatEndPoint(new IPEndPoint(IPAddress.Any, ip.Port)), out var wildcard))
                foreach (var server in wildcard.Servers.Where(s => !group.Servers.Contains(s))) group.Servers.Add(server);
        }
        foreach (var group in result)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var server in group.Servers)
                foreach (var name in server.Names)
                    if (name.Kind != ServerNameKind.Regex && name.Text.Length > 0 && !seen.Add(name.Kind + name.Fixed))
                        Warnings.Add((LogLevel.Warn, $"conflicting server name \"{name.Text}\" on {FormatEndPoint(group.EndPoint)}, ignored"));
        }
        return result;
    }

    private void AddLocation(ServerBlock server, LocationBlock parent, ConfigDirective d)
    {
        var (kind, name) = ParseLocationName(d);
        // The order and wording of ngx_http_core_location's checks.
        if (parent.Kind == LocationKind.Exact)
            throw ConfigException.At($"location \"{name}\" cannot be inside the exact location \"{parent.Name}\"", d);
        if (parent.Kind == LocationKind.Named)
            throw ConfigException.At($"location \"{name}\" cannot be inside the named location \"{parent.Name}\"", d);
        if (kind == LocationKind.Named && parent.Kind != LocationKind.ServerLevel)
            throw ConfigException.At($"named location \"{name}\" can be on the server level only", d);
        if (parent.Kind != LocationKind.ServerLevel && kind is not (LocationKind.Regex or LocationKind.RegexCaseless)
            && !name.StartsWith(parent.Name, StringComparison.Ordinal))
            throw ConfigException.At($"location \"{name}\" is outside location \"{parent.Name}\"", d);

        Regex? pattern = null;
        if (kind is LocationKind.Regex or LocationKind.RegexCaseless)
        {
            try
            {
                pattern = new Regex(name, RegexOptions.CultureInvariant | (kind == LocationKind.RegexCaseless ? RegexOptions.IgnoreCase : 0));
            }
            catch (ArgumentException e) { throw ConfigException.At($"pcre_compile() failed: {e.Message} in \"{name}\"", d); }
        }

        var settings = parent.Settings.InheritFrom();
        var location = new LocationBlock(name, kind, settings) { Pattern = pattern };
        ApplySettings(settings, d.Block!, ConfigLevel.Location);
        BuildIfScopes(location);

        if (kind == LocationKind.Named)
        {
            if (!server.NamedLocations.TryAdd(name, location)) throw ConfigException.At($"duplicate location \"{name}\"", d);
        }
        else if (pattern is not null) parent.RegexLocations.Add(location);
        else
        {
            if (parent.StaticLocations.Any(l => l.Name == name && (l.Kind == LocationKind.Exact) == (kind == LocationKind.Exact)))
                throw ConfigException.At($"duplicate location \"{name}\"", d);
            parent.StaticLocations.Add(location);
        }

        foreach (var inner in d.Block!)
            if (inner.Name == "location") AddLocation(server, location, inner);
    }

    private static (LocationKind, string) ParseLocationName(ConfigDirective d)
    {
        var args = d.Arguments;
        if (args.Count == 2)
        {
            var kind = args[0] switch
            {
                "=" => LocationKind.Exact,
                "~" => LocationKind.Regex,
                "~*" => LocationKind.RegexCaseless,
                "^~" => LocationKind.NoRegexPrefix,
                _ => throw ConfigException.At($"invalid location modifier \"{args[0]}\"", d),
            };
            return (kind, args[1]);
        }
        string name = args[0];
        if (name.StartsWith('=')) return (LocationKind.Exact, name[1..]);
        if (name.StartsWith("~*", StringComparison.Ordinal)) return (LocationKind.RegexCaseless, name[2..]);
        if (name.StartsWith("^~", StringComparison.Ordinal)) return (LocationKind.NoRegexPrefix, name[2..]);
        if (name.StartsWith('~')) return (LocationKind.Regex, name[1..]);
        if (name.StartsWith('@')) return (LocationKind.Named, name);
        return (LocationKind.Prefix, name);
    }

    /// <summary>Applies the per-location directives of one level (http, server or location) to its settings.</summary>
    private void ApplySettings(LocationSettings s, List<ConfigDirective> block, ConfigLevel level)
    {
        foreach (var d in block)
        {
            CheckSupported(d);
            switch (d.Name)
            {
                case "root": s.Root = d.Arguments[0]; s.Alias = null; break;
                case "alias": s.Alias = d.Arguments[0]; break;
                case "index":
                    if (!s.SetsIndex) { s.Index = new List<string>(); s.SetsIndex = true; }
                    foreach (var a in d.Arguments)
                    {
                        if (a.Length == 0) throw ConfigException.At("index \"\" in \"index\" directive is invalid", d);
                        s.Index.Add(a);
                    }
                    break;
                case "default_type": s.DefaultType = d.Arguments[0]; break;
                case "types":
                    s.Types = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                    foreach (var t in d.Block!)
                        foreach (var ext in t.Arguments) s.Types[ext] = t.Name;
                    break;
                case "internal": s.Internal = true; break;
                case "error_page": AddErrorPage(s, d); break;
                case "add_header":
                    if (!s.SetsAddHeaders) { s.AddHeaders = new List<HeaderToAdd>(); s.SetsAddHeaders = true; }
                    if (d.Arguments.Count == 3 && d.Arguments[2] != "always")
                        throw ConfigException.At($"invalid parameter \"{d.Arguments[2]}\"", d);
                    s.AddHeaders.Add(new HeaderToAdd(d.Arguments[0], Template(d, 1), d.Arguments.Count == 3));
                    break;
                case "keepalive_timeout":
                    s.KeepaliveTimeout = ConfigValues.ParseTime(d, 0);
                    if (d.Arguments.Count == 2) s.KeepaliveHeaderTimeoutSeconds = (int)ConfigValues.ParseTime(d, 1).TotalSeconds;
                    break;
                case "keepalive_requests":
                    if (!int.TryParse(d.Arguments[0], out int n) || n < 0) throw ConfigException.At("\"keepalive_requests\" directive invalid value", d);
                    s.KeepaliveRequests = n;
                    break;
                case "server_tokens":
                    s.ServerTokens = d.Arguments[0] switch
                    {
                        "on" => ServerTokens.On, "off" => ServerTokens.Off, "build" => ServerTokens.Build,
                        _ => throw ConfigException.At($"invalid value \"{d.Arguments[0]}\"", d),
                    };
                    break;
                case "client_max_body_size": s.ClientMaxBodySize = ConfigValues.ParseSize(d, 0); break;
                case "client_body_buffer_size": ConfigValues.ParseSize(d, 0); break;
                case "client_body_timeout": s.ClientBodyTimeout = ConfigValues.ParseTime(d, 0); break;
                case "send_timeout": s.SendTimeout = ConfigValues.ParseTime(d, 0); break;
                case "etag": s.Etag = ConfigValues.Flag(d); break;
                case "log_not_found": s.LogNotFound = ConfigValues.Flag(d); break;
                case "port_in_redirect": s.PortInRedirect = ConfigValues.Flag(d); break;
                case "absolute_redirect": s.AbsoluteRedirect = ConfigValues.Flag(d); break;
                case "if_modified_since":
                    s.IfModifiedSince = d.Arguments[0] switch
                    {
                        "off" => IfModifiedSince.Off, "exact" => IfModifiedSince.Exact, "before" => IfModifiedSince.Before,
                        _ => throw ConfigException.At($"invalid value \"{d.Arguments[0]}\" in \"if_modified_since\" directive, it must be \"off\", \"exact\" or \"before\"", d),
                    };
                    break;
                case "return": s.Rewrites.Add(new ReturnStep(ParseReturn(d))); break;
                case "rewrite": s.Rewrites.Add(ParseRewrite(d)); break;
                case "set": s.Rewrites.Add(ParseSet(d)); break;
                case "break": s.Rewrites.Add(new BreakStep()); break;
                case "if": s.Rewrites.Add(ParseIf(d)); break;
                case "try_files":
                    s.TryFiles = d.Arguments.Select((_, i) => Template(d, i)).ToList();
                    break;
                case "log_format": AddLogFormat(d); break;
                case "access_log": AddAccessLog(s, d); break;
                case "error_log":
                    if (!s.SetsErrorLogs) { s.ErrorLogs = new List<ErrorLogTarget>(); s.SetsErrorLogs = true; }
                    s.ErrorLogs!.Add(ParseErrorLog(d));
                    break;
                default:
                    foreach (var module in modules)
                        if (module.TryApply(d, s, level, this)) break;
                    break;
            }
        }
    }

    public static VariableTemplate Template(ConfigDirective d, int index)
    {
        try { return VariableTemplate.Compile(d.Arguments[index]); }
        catch (ConfigException e) when (!e.Message.Contains(" in ")) { throw new ConfigException(e.Message); }
    }

    private static RewriteRuleStep ParseRewrite(ConfigDirective d)
    {
        Regex pattern;
        try { pattern = new Regex(d.Arguments[0], RegexOptions.CultureInvariant); }
        catch (ArgumentException e) { throw ConfigException.At($"pcre_compile() failed: {e.Message} in \"{d.Arguments[0]}\"", d); }
        var flag = RewriteFlag.None;
        if (d.Arguments.Count == 3)
        {
            flag = d.Arguments[2] switch
            {
                "last" => RewriteFlag.Last, "break" => RewriteFlag.Break,
                "redirect" => RewriteFlag.Redirect, "permanent" => RewriteFlag.Permanent,
                _ => throw ConfigException.At($"invalid parameter \"{d.Arguments[2]}\"", d),
            };
        }
        string replacement = d.Arguments[1];
        bool url = replacement.StartsWith("http://", StringComparison.Ordinal) || replacement.StartsWith("https://", StringComparison.Ordinal)
                   || replacement.StartsWith("$scheme", StringComparison.Ordinal);
        return new RewriteRuleStep(pattern, Template(d, 1), flag, url);
    }

    private static SetStep ParseSet(ConfigDirective d)
    {
        string name = d.Arguments[0];
        if (name.Length < 2 || name[0] != '$') throw ConfigException.At($"invalid variable name \"{name}\"", d);
        return new SetStep(name[1..].ToLowerInvariant(), Template(d, 1));
    }

    /// <summary>
    /// if (condition) { ... }: the rewrite module's own directives become the step's body. In a
    /// location, nginx also makes the block a nested pseudo-location: when the condition holds,
    /// the request takes the block's configuration (root, add_header, ...), inherited from the
    /// enclosing location. That scope is built once the enclosing level is complete
    /// (<see cref="BuildIfScopes"/>), since it inherits directives written after the if too.
    /// </summary>
    private IfStep ParseIf(ConfigDirective d)
    {
        var condition = ParseCondition(d);
        var body = new List<RewriteStep>();
        foreach (var inner in d.Block!)
        {
            CheckSupported(inner);
            switch (inner.Name)
            {
                case "return": body.Add(new ReturnStep(ParseReturn(inner))); break;
                case "rewrite": body.Add(ParseRewrite(inner)); break;
                case "set": body.Add(ParseSet(inner)); break;
                case "break": body.Add(new BreakStep()); break;
            }
        }
        return new IfStep(condition, body) { Directive = d };
    }

    /// <summary>Gives each location-level if its configuration scope (see <see cref="ParseIf"/>).</summary>
    private void BuildIfScopes(LocationBlock location)
    {
        foreach (var step in location.Settings.Rewrites)
        {
            if (step is not IfStep when_) continue;
            var settings = location.Settings.InheritFrom();
            settings.Internal = location.Settings.Internal;
            settings.TryFiles = location.Settings.TryFiles;
            // The block runs the location's content handler unless it sets its own (nginx keeps
            // r->content_handler when the if's configuration has none).
            settings.ContentHandler = location.Settings.ContentHandler;
            ApplySettings(settings, when_.Directive!.Block!, ConfigLevel.LocationIf);
            settings.Rewrites = location.Settings.Rewrites;
            when_.Scope = new LocationBlock(location.Name, location.Kind, settings) { Pattern = location.Pattern };
        }
    }

    private static RewriteCondition ParseCondition(ConfigDirective d)
    {
        var args = d.Arguments.ToList();
        if (!args[0].StartsWith('(')) throw ConfigException.At($"invalid condition \"{args[0]}\"", d);
        args[0] = args[0][1..];
        if (!args[^1].EndsWith(')')) throw ConfigException.At($"invalid condition \"{args[^1]}\"", d);
        args[^1] = args[^1][..^1];
        args = args.Where(a => a.Length > 0).ToList();
        if (args.Count == 0) throw ConfigException.At("invalid condition \"\"", d);

        VariableTemplate Operand(string text)
        {
            try { return VariableTemplate.Compile(text); }
            catch (ConfigException e) when (!e.Message.Contains(" in ")) { throw new ConfigException(e.Message); }
        }

        if (args[0].StartsWith('$') && args.Count == 1)
            return new RewriteCondition(ConditionKind.Variable, Operand(args[0]), null, null, false);
        if (args[0].StartsWith('$') && args.Count == 3)
        {
            string op = args[1];
            switch (op)
            {
                case "=": return new RewriteCondition(ConditionKind.Equal, Operand(args[0]), args[2], null, false);
                case "!=": return new RewriteCondition(ConditionKind.NotEqual, Operand(args[0]), args[2], null, false);
                case "~": case "~*": case "!~": case "!~*":
                    Regex regex;
                    try { regex = new Regex(args[2], RegexOptions.CultureInvariant | (op.EndsWith('*') ? RegexOptions.IgnoreCase : 0)); }
                    catch (ArgumentException e) { throw ConfigException.At($"pcre_compile() failed: {e.Message} in \"{args[2]}\"", d); }
                    return new RewriteCondition(ConditionKind.Match, Operand(args[0]), null, regex, op.StartsWith('!'));
                default: throw ConfigException.At($"unexpected \"{op}\" in condition", d);
            }
        }
        if (args.Count == 2 && args[0] is "-f" or "!-f" or "-d" or "!-d" or "-e" or "!-e" or "-x" or "!-x")
        {
            var kind = args[0].TrimStart('!') switch
            {
                "-f" => ConditionKind.FileExists, "-d" => ConditionKind.DirectoryExists, "-e" => ConditionKind.Exists, _ => ConditionKind.Executable,
            };
            return new RewriteCondition(kind, Operand(args[1]), null, null, args[0].StartsWith('!'));
        }
        throw ConfigException.At($"invalid condition \"{args[0]}\"", d);
    }

    private static ReturnAction ParseReturn(ConfigDirective d)
    {
        string first = d.Arguments[0];
        if (!first.All(char.IsAsciiDigit) || first.Length == 0)
        {
            if (d.Arguments.Count == 1 && (first.StartsWith("http://", StringComparison.Ordinal) || first.StartsWith("https://", StringComparison.Ordinal) || first.StartsWith("$scheme", StringComparison.Ordinal)))
                return new ReturnAction(302, Template(d, 0));
            throw ConfigException.At($"invalid return code \"{first}\"", d);
        }
        if (!int.TryParse(first, out int code) || code > 999) throw ConfigException.At($"invalid return code \"{first}\"", d);
        return new ReturnAction(code, d.Arguments.Count > 1 ? Template(d, 1) : null);
    }

    private static void AddErrorPage(LocationSettings s, ConfigDirective d)
    {
        if (!s.SetsErrorPages) { s.ErrorPages = new Dictionary<int, ErrorPageTarget>(); s.SetsErrorPages = true; }
        var args = d.Arguments;
        int last = args.Count - 1;
        int? overrideStatus = null;
        bool useTarget = false;
        int codesEnd = last;
        string maybeOverride = args[last - 1];
        if (maybeOverride.StartsWith('='))
        {
            codesEnd = last - 1;
            if (maybeOverride.Length == 1) useTarget = true;
            else if (int.TryParse(maybeOverride.AsSpan(1), out int o)) overrideStatus = o;
            else throw ConfigException.At($"invalid value \"{maybeOverride}\"", d);
        }
        else if (args[last].StartsWith('=') && args.Count >= 2)
        {
            throw ConfigException.At("invalid number of arguments in \"error_page\" directive", d);
        }
        var target = Template(d, last);
        for (int i = 0; i < codesEnd; i++)
        {
            if (!int.TryParse(args[i], out int code)) throw ConfigException.At($"invalid value \"{args[i]}\"", d);
            if (code < 300 || code > 599) throw ConfigException.At($"value \"{args[i]}\" must be between 300 and 599", d);
            s.ErrorPages[code] = new ErrorPageTarget(target, overrideStatus, useTarget);
        }
    }

    private void AddLogFormat(ConfigDirective d)
    {
        var args = d.Arguments;
        int first = 1;
        bool json = false, none = false;
        if (args[1].StartsWith("escape=", StringComparison.Ordinal))
        {
            first = 2;
            switch (args[1][7..])
            {
                case "json": json = true; break;
                case "none": none = true; break;
                case "default": break;
                default: throw ConfigException.At($"unknown log format escaping \"{args[1][7..]}\"", d);
            }
            if (args.Count < 3) throw ConfigException.At("invalid number of arguments in \"log_format\" directive", d);
        }
        if (logFormats.ContainsKey(args[0])) throw ConfigException.At($"duplicate \"log_format\" name \"{args[0]}\"", d);
        var template = VariableTemplate.Compile(string.Concat(args.Skip(first)));
        logFormats[args[0]] = new LogFormat(args[0], template, json, none);
    }

    private void AddAccessLog(LocationSettings s, ConfigDirective d)
    {
        if (!s.SetsAccessLogs) { s.AccessLogs = new List<AccessLogTarget>(); s.SetsAccessLogs = true; s.AccessLogOff = false; }
        if (d.Arguments[0] == "off")
        {
            if (d.Arguments.Count > 1) throw ConfigException.At("invalid number of arguments in \"access_log\" directive", d);
            s.AccessLogOff = true;
            return;
        }
        string path = d.Arguments[0];
        if (path.Contains('$')) throw ConfigException.At("access_log paths with variables are not supported by tidegate yet", d);
        if (path.StartsWith("syslog:", StringComparison.Ordinal)) throw ConfigException.At("access_log to syslog is not supported by tidegate yet", d);
        var format = LogFormat.Combined;
        if (d.Arguments.Count > 1 && !logFormats.TryGetValue(d.Arguments[1], out format!))
            throw ConfigException.At($"unknown log format \"{d.Arguments[1]}\"", d);
        foreach (var option in d.Arguments.Skip(2))
        {
            if (option.StartsWith("buffer=", StringComparison.Ordinal) || option.StartsWith("flush=", StringComparison.Ordinal)) continue;
            if (option.StartsWith("if=", StringComparison.Ordinal) || option.StartsWith("gzip", StringComparison.Ordinal))
                throw ConfigException.At($"the \"{option.Split('=')[0]}\" parameter of \"access_log\" is not supported by tidegate yet", d);
            throw ConfigException.At($"invalid parameter \"{option}\"", d);
        }
        s.AccessLogs.Add(new AccessLogTarget(Resolve(path), format));
    }
}
