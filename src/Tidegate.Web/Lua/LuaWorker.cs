using System.Text;
using Tidegate.Lua.Emit;
using Tidegate.Lua.Library;
using Tidegate.Lua.Runtime;
using Tidegate.Web.Hosting;
using Tidegate.Web.Http;
using Tidegate.Web.Logging;
using Tidegate.Web.Lua.Api;
using Tidegate.Web.Runtime;

namespace Tidegate.Web.Lua;

/// <summary>
/// One worker's Lua state (DESIGN.md non-negotiable 5): created on the worker's thread, used only
/// there, so no locks. It holds the <c>ngx</c> table, the compiled chunks (each compiled once per
/// state unless <c>lua_code_cache off</c>), and which request's Lua code is running now, which
/// is how the API functions find their request (nginx finds it through the running coroutine).
/// </summary>
public sealed class LuaWorker
{
    [ThreadStatic] private static LuaWorker? current;

    /// <summary>The Lua state of the worker running on this thread, or null (no Lua configured).</summary>
    public static LuaWorker? Current => current;

    private readonly Dictionary<LuaChunkSpec, LuaFunction> inlineChunks = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, LuaFunction> fileChunks = new(StringComparer.Ordinal);

    private LuaWorker(ServerRuntime runtime, int id)
    {
        Runtime = runtime;
        Config = runtime.Config;
        Id = id;
        Timers = new Timers.TimerScheduler(this);
        // Handlers run in coroutines (each request is one): a second, main-thread body per function would only
        // cost compile time (see LuaState.CompileMainThreadBodies).
        State = new LuaState { CompileMainThreadBodies = false };
        StandardLibraries.OpenAll(State);
        State.StandardOutput = Stream.Null;
        var environment = Config.WorkerEnvironment;
        State.EnvironmentLookup = name => environment.GetValueOrDefault(name);
        Regex = new RegexSettings
        {
            CacheMaxEntries = Config.Lua.RegexCacheMaxEntries,
            MatchLimit = (int)Math.Clamp(Config.Lua.RegexMatchLimit, 0, int.MaxValue),
        };
        Ngx = NgxTable.Create(this);
        State.Globals["ngx"] = Ngx;
        PackagePaths.Apply(State, Config.Lua);
        RestyCoreModules.Register(State, Ngx, Regex);
        LuaSharedDicts.Install(State, Ngx, runtime.SharedDicts);
        GlobalWriteGuard.Install(this);
    }

    public ServerRuntime Runtime { get; }
    public ServerConfiguration Config { get; }
    public int Id { get; }
    public LuaState State { get; }
    public LuaTable Ngx { get; }
    /// <summary>The worker's cached time (ngx.now etc.), refreshed as each handler starts or resumes, as nginx refreshes it per event-loop iteration.</summary>
    public NgxClock Clock { get; } = new();
    /// <summary>ngx.re's limits (lua_regex_cache_max_entries, lua_regex_match_limit) and its 'o' cache.</summary>
    public RegexSettings Regex { get; }
    /// <summary>True once exit_worker_by_lua started (ngx.worker.exiting()).</summary>
    public bool Exiting { get; private set; }

    /// <summary>The request whose Lua code runs now (null in init, init_worker, exit_worker).</summary>
    public LuaRequest? Request { get; set; }
    /// <summary>The timer whose coroutine runs now (ngx.timer), else null.</summary>
    public Timers.LuaTimer? Timer { get; set; }
    /// <summary>This worker's ngx.timer timers and their counts.</summary>
    public Timers.TimerScheduler Timers { get; }

    /// <summary>The phase running now, as ngx.get_phase() names it.</summary>
    public LuaPhase Phase { get; set; } = LuaPhase.Init;

    /// <summary>
    /// Creates the worker's state on the calling (worker) thread and runs init_by_lua and
    /// init_worker_by_lua in it. An init_by_lua error is returned (start-up fails, as nginx's).
    /// </summary>
    public static string? Start(ServerRuntime runtime, int id)
    {
        var worker = new LuaWorker(runtime, id);
        current = worker;
        var lua = runtime.Config.Lua;
        if (lua.Init is { } init)
        {
            worker.Phase = LuaPhase.Init;
            try { worker.State.Call(worker.Load(init, null)); }
            catch (LuaException e) { return "init_by_lua error: " + LuaErrors.Describe(e); }
        }
        if (lua.InitWorker is { } initWorker)
        {
            worker.Phase = LuaPhase.InitWorker;
            try { worker.State.Call(worker.Load(initWorker, null)); }
            catch (LuaException e) { worker.Log(LogLevel.Error, "init_worker_by_lua error: " + LuaErrors.Describe(e)); }
        }
        return null;
    }

    /// <summary>A graceful stop began (nginx's ngx_exiting): ngx.worker.exiting() answers true.</summary>
    public static void MarkExiting()
    {
        if (current is not { } worker) return;
        worker.Exiting = true;
        worker.Timers.Expire();
    }

    /// <summary>
    /// The state a request's Lua code runs in: the worker's, or with <c>lua_code_cache off</c> a
    /// fresh one for the request with init_by_lua run in it (ngx_lua makes a new VM per request
    /// then, so globals and loaded modules do not survive).
    /// </summary>
    public static LuaWorker? ForRequest(RequestContext ctx)
    {
        if (current is not { } worker) return null;
        if (ctx.Settings.LuaCodeCache) return worker;
        var request = LuaRequest.Of(ctx);
        if (request.OwnState is { } own) return own;
        var fresh = new LuaWorker(worker.Runtime, worker.Id);
        request.OwnState = fresh;
        if (worker.Config.Lua.Init is { } init)
        {
            var outer = Enter(fresh);
            try
            {
                fresh.Phase = LuaPhase.Init;
                fresh.State.Call(fresh.Load(init, null));
            }
            catch (LuaException e) { fresh.Log(LogLevel.Error, "init_by_lua error: " + LuaErrors.Describe(e)); }
            finally { Leave(outer); }
        }
        return fresh;
    }

    /// <summary>Makes <paramref name="worker"/> the state the API sees on this thread; returns the one to restore.</summary>
    public static LuaWorker? Enter(LuaWorker worker)
    {
        var previous = current;
        current = worker;
        return previous;
    }

    public static void Leave(LuaWorker? previous) => current = previous;

    /// <summary>Runs exit_worker_by_lua on this worker's thread (at stop).</summary>
    public static void Stop()
    {
        if (current is not { } worker) return;
        worker.Timers.Expire();
        if (worker.Config.Lua.ExitWorker is { } exit)
        {
            worker.Phase = LuaPhase.ExitWorker;
            try { worker.State.Call(worker.Load(exit, null)); }
            catch (LuaException e) { worker.Log(LogLevel.Error, "exit_worker_by_lua error: " + LuaErrors.Describe(e)); }
        }
        current = null;
    }

    /// <summary>The compiled chunk of a handler: from the cache, or compiled now (syntax errors throw).</summary>
    public LuaFunction Load(LuaChunkSpec spec, RequestContext? ctx)
    {
        bool cache = ctx?.Settings.LuaCodeCache ?? Config.Lua.CodeCache;
        if (!spec.IsFile)
        {
            if (cache && inlineChunks.TryGetValue(spec, out var known)) return known;
            var chunk = Compile(spec.Source!, spec.ChunkName!, isFile: false, cache);
            if (cache) inlineChunks[spec] = chunk;
            return chunk;
        }
        string path = spec.ResolveFile(ctx);
        if (cache && fileChunks.TryGetValue(path, out var loaded)) return loaded;
        byte[] source;
        try { source = File.ReadAllBytes(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new LuaFileMissingException($"failed to load external Lua file \"{path}\": cannot open {path}: No such file or directory");
        }
        var fileChunk = Compile(source, "@" + path, isFile: true, cache);
        if (cache) fileChunks[path] = fileChunk;
        return fileChunk;
    }

    /// <summary>
    /// Compiles a configuration's chunk. A cached chunk is compiled once per worker and configuration load (a
    /// reload compiles the configuration's code again: bounded by the number of reloads), so its code is permanent
    /// and tiered by the runtime (CompiledCodeLifetime.Permanent); with lua_code_cache off it is compiled for every
    /// request and stays collectible. Code the handlers load themselves (load, loadstring, and also dofile, loadfile
    /// and require, which a handler may call per request: LuaState.FileCodeLifetime stays Collectible here) is
    /// collectible.
    /// </summary>
    private LuaFunction Compile(byte[] source, string chunkName, bool isFile, bool cached)
    {
        try { return State.Load(source, chunkName, lifetime: cached ? CompiledCodeLifetime.Permanent : CompiledCodeLifetime.Collectible); }
        catch (LuaException e)
        {
            // nginx words a compile failure by the kind of code it loaded.
            string what = isFile ? "failed to load external Lua file \"" + chunkName[1..] + "\"" : "failed to load inlined Lua code";
            throw new LuaCompileException(what + ": " + LuaErrors.Message(e.Value));
        }
    }

    /// <summary>The connection number of each running timer's log lines, taken at its first line.</summary>
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<Timers.LuaTimer, System.Runtime.CompilerServices.StrongBox<long>> timerConnections = new();

    /// <summary>
    /// Logs in <paramref name="request"/>'s context and phase, whatever runs on the worker now: code
    /// that resumes after an await (a cosocket's completion) may find another request current.
    /// </summary>
    public void LogFor(LuaRequest request, LuaPhase phase, LogLevel level, string message)
    {
        var previous = (Request, Phase);
        Request = request;
        Phase = phase;
        try { Log(level, message); }
        finally { (Request, Phase) = previous; }
    }

    /// <summary>Logs in <paramref name="timer"/>'s context, whatever runs on the worker now (a timer's cosocket completing after an await).</summary>
    public void LogForTimer(Timers.LuaTimer timer, LogLevel level, string message)
    {
        var previous = (Request, Phase, Timer);
        (Request, Phase, Timer) = (null, LuaPhase.Timer, timer);
        try { Log(level, message); }
        finally { (Request, Phase, Timer) = previous; }
    }

    public void Log(LogLevel level, string message)
    {
        if (Request is { } request)
        {
            var ctx = request.Context;
            var log = Runtime.ErrorLogFor(ctx.Settings);
            if (!log.IsEnabled(level)) return;
            // nginx's log action: the balancer runs while connecting, with the last attempt's upstream.
            string suffix = Phase switch
            {
                LuaPhase.Log => " while logging request",
                LuaPhase.Balancer => " while connecting to upstream",
                _ => "",
            };
            var logContext = Phase == LuaPhase.Balancer && Balancer.BalancerCall.Current?.LogContext is { } balancer ? balancer : ctx.LogContext;
            log.Write(level, message + suffix, ctx.Connection.Id, logContext);
            return;
        }
        if (Phase == LuaPhase.Timer && Timer is { } timer)
        {
            // ngx_lua's fake timer connection: a connection number of its own, and the client and the
            // listening address (not the server name) of the request that made the timer.
            string suffix = timer.Creator is { } creator
                ? ", context: ngx.timer, client: " + creator.Client + ", server: " + (creator.Listen ?? creator.Server)
                : ", context: ngx.timer";
            // The timer's fake connection logs to the error_log of where the timer was created.
            var timerLog = Runtime.ErrorLogFor(timer.Settings);
            if (!timerLog.IsEnabled(level)) return;
            timerLog.Write(level, message + suffix, timerConnections.GetValue(timer, static _ => new(ServerRuntime.AllocateConnectionId())).Value);
            return;
        }
        string context = Phase switch
        {
            LuaPhase.InitWorker => ", context: init_worker_by_lua*",
            _ => "",
        };
        Runtime.ErrorLog.Write(level, message + context);
    }

    public bool LogEnabled(LogLevel level) =>
        Request is { } r ? Runtime.ErrorLogFor(r.Context.Settings).IsEnabled(level)
        : Phase == LuaPhase.Timer && Timer is { } t ? Runtime.ErrorLogFor(t.Settings).IsEnabled(level)
        : Runtime.ErrorLog.IsEnabled(level);
}

/// <summary>A _file handler whose file cannot be read: nginx answers 404.</summary>
public sealed class LuaFileMissingException : LuaException
{
    public LuaFileMissingException(string message) : base(message) { }
}

/// <summary>A chunk that failed to compile: the message is nginx's whole text ("failed to load inlined Lua code: ...").</summary>
public sealed class LuaCompileException : LuaException
{
    public LuaCompileException(string message) : base(message) { }
}

/// <summary>init_by_lua failed in a worker's state: start-up (or a reload) stops with nginx's "init_by_lua error: ..." message.</summary>
public sealed class LuaInitException : Exception
{
    public LuaInitException(string message) : base(message) { }
}
