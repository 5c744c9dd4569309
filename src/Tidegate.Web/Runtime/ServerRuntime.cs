using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Tidegate.Web.Hosting;
using Tidegate.Web.Http;
using Tidegate.Web.Logging;

namespace Tidegate.Web.Runtime;

/// <summary>
/// A running configuration: its logs, its listening sockets and its workers. A reload builds a
/// new runtime that takes over the old one's sockets (so no connection is refused), then the old
/// runtime drains: it stops accepting and lets its connections finish their current request.
/// </summary>
public sealed class ServerRuntime : IAsyncDisposable
{
    private static long nextConnectionId;

    /// <summary>A new connection number ("*N" in the error log); ngx_lua's fake connections (timers) take one too.</summary>
    public static long AllocateConnectionId() => Interlocked.Increment(ref nextConnectionId);
    private readonly List<(ListenGroup Group, SocketListener Listener)> listeners = new();
    private readonly List<WorkerLoop> workers = new();
    private readonly CancellationTokenSource stopAccepting = new();
    private readonly CancellationTokenSource stopIdle = new();
    private readonly ConcurrentDictionary<long, IConnection> connections = new();
    private readonly List<Task> acceptLoops = new();
    private readonly Dictionary<List<ErrorLogTarget>, ErrorLog> locationErrorLogs = new(ReferenceEqualityComparer.Instance);

    /// <param name="previous">On a reload, the runtime being replaced: its shared dictionaries of unchanged name and size are kept.</param>
    public ServerRuntime(ServerConfiguration config, ErrorLog errorLog, ServerRuntime? previous = null)
    {
        Config = config;
        SharedDicts = Lua.LuaSharedDicts.Create(config, previous?.SharedDicts);
        ErrorLog = errorLog;
        AccessLog = new AccessLog();
        Pipeline = new RequestPipeline(ErrorLogFor);
        Prefix.Current = config.Prefix;
    }

    public ServerConfiguration Config { get; }
    /// <summary>The lua_shared_dict zones, shared by every worker's Lua state.</summary>
    public Shared.SharedDictZones SharedDicts { get; }
    public ErrorLog ErrorLog { get; }
    public AccessLog AccessLog { get; }
    public RequestPipeline Pipeline { get; }
    public int ActiveConnections => connections.Count;

    /// <summary>Opens every access log the configuration names (nginx opens them before it serves).</summary>
    public void OpenAccessLogs()
    {
        void Walk(LocationBlock location)
        {
            if (!location.Settings.AccessLogOff)
            {
                if (location.Settings.AccessLogs.Count == 0) AccessLog.Ensure(Config.Prefix + "logs/access.log");
                foreach (var target in location.Settings.AccessLogs) AccessLog.Ensure(target.Path);
            }
            foreach (var inner in location.StaticLocations) Walk(inner);
            foreach (var inner in location.RegexLocations) Walk(inner);
        }
        foreach (var server in Config.Servers)
        {
            Walk(server.Root);
            foreach (var named in server.NamedLocations.Values) Walk(named);
        }
    }

    /// <summary>Binds every listen address (reusing sockets handed over by the previous runtime).</summary>
    public void Bind(IReadOnlyDictionary<string, SocketListener>? inherited)
    {
        foreach (var group in Config.ListenGroups)
        {
            // A specific address on a port that also has a wildcard listen is served by the wildcard socket.
            if (group.EndPoint is IPEndPoint ip && !group.IsWildcard
                && Config.ListenGroups.Any(g => g.IsWildcard && ((IPEndPoint)g.EndPoint).Port == ip.Port))
                continue;
            string key = ConfigCompiler.FormatEndPoint(group.EndPoint);
            if (inherited is not null && inherited.TryGetValue(key, out var reused))
            {
                listeners.Add((group, reused));
                continue;
            }
            try
            {
                listeners.Add((group, SocketListener.Bind(group.EndPoint, group.Backlog, group.ReusePort)));
            }
            catch (SocketException e)
            {
                foreach (var (g, l) in listeners)
                    if (inherited is null || !inherited.ContainsKey(ConfigCompiler.FormatEndPoint(g.EndPoint))) l.DisposeAsync().AsTask().Wait();
                listeners.Clear();
                throw new Config.ConfigException($"bind() to {ConfigCompiler.FormatEndPoint(group.EndPoint)} failed ({Errno(e)})");
            }
        }
    }

    private static string Errno(SocketException e) => e.SocketErrorCode switch
    {
        SocketError.AddressAlreadyInUse => "98: Address already in use",
        SocketError.AddressNotAvailable => "99: Cannot assign requested address",
        SocketError.AccessDenied => "13: Permission denied",
        _ => $"{e.NativeErrorCode}: {e.Message}",
    };

    /// <summary>The listening sockets, for handing over to the next runtime on reload.</summary>
    public Dictionary<string, SocketListener> Listeners => listeners.ToDictionary(l => ConfigCompiler.FormatEndPoint(l.Group.EndPoint), l => l.Listener);

    /// <summary>
    /// Creates the worker threads and, when Lua is configured, each worker's Lua state on its own
    /// thread, running init_by_lua and init_worker_by_lua there. nginx runs init_by_lua while it
    /// reads the configuration, so this comes before the sockets are bound; its failure is a
    /// <see cref="Lua.LuaInitException"/> carrying nginx's message.
    /// </summary>
    public void PrepareWorkers()
    {
        if (workers.Count > 0) return;
        for (int i = 0; i < Config.WorkerProcesses; i++)
        {
            var worker = new WorkerLoop(i);
            workers.Add(worker);
            // nginx binds a worker process at its start, and not at all in single-process mode (master_process off).
            if (Config.WorkerCpuAffinity is { } affinity && Config.MasterProcess)
            {
                int index = i;
                worker.Send(_ => affinity.Apply(index, ErrorLog, keepOthersAway: true), null);
            }
            if (!Config.Lua.Enabled) continue;
            string? failure = null;
            int id = i;
            int captureSize = Config.Lua.CaptureErrorLogSize;
            // lua_capture_error_log: each worker's own ring, in place before init_by_lua logs anything.
            worker.Send(_ => ErrorLogRing.Current = captureSize > 0 ? new ErrorLogRing(captureSize) : null, null);
            worker.Send(_ => failure = Lua.LuaWorker.Start(this, id), null);
            if (failure is not null)
            {
                foreach (var w in workers) w.Dispose();
                workers.Clear();
                throw new Lua.LuaInitException(failure);
            }
        }
    }

    /// <summary>
    /// Starts the workers; each one accepts on every listening socket: through its own epoll where it has one
    /// (<see cref="PolledAcceptor"/>), else with an accept loop on the runtime's socket engine.
    /// </summary>
    public void Start()
    {
        PrepareWorkers();
        foreach (var worker in workers)
        {
            foreach (var (group, listener) in listeners)
            {
                var done = new TaskCompletionSource();
                acceptLoops.Add(done.Task);
                if (worker.Poller is not null)
                {
                    worker.Post(_ => StartPolledAccept(worker, group, listener, done), null);
                    continue;
                }
                worker.Start(async () =>
                {
                    try { await AcceptLoopAsync(worker, group, listener); }
                    finally { done.TrySetResult(); }
                });
            }
        }
    }

    /// <summary>On the worker: the listening socket joins its epoll; a stop takes it out again and completes <paramref name="done"/>.</summary>
    private void StartPolledAccept(WorkerLoop worker, ListenGroup group, SocketListener listener, TaskCompletionSource done)
    {
        if (stopAccepting.IsCancellationRequested) { done.TrySetResult(); return; }
        var acceptor = new PolledAcceptor(listener.Socket, worker, worker.Poller!, ErrorLog, ConfigCompiler.FormatEndPoint(group.EndPoint),
            socket => Accepted(worker, group, SocketListener.Adopt(socket)));
        if (!acceptor.Start())
        {
            // epoll refused the listening socket: accept on the runtime's socket engine instead.
            worker.Start(async () =>
            {
                try { await AcceptLoopAsync(worker, group, listener); }
                finally { done.TrySetResult(); }
            });
            return;
        }
        // The stop comes from another thread; the epoll set is the worker's to change.
        stopAccepting.Token.UnsafeRegister(_ => worker.Post(_ =>
        {
            acceptor.Stop();
            done.TrySetResult();
        }, null), null);
    }

    private async Task AcceptLoopAsync(WorkerLoop worker, ListenGroup group, SocketListener listener)
    {
        while (!stopAccepting.IsCancellationRequested)
        {
            var connection = await listener.AcceptAsync(stopAccepting.Token);
            if (connection is null) return;
            Accepted(worker, group, connection);
        }
    }

    /// <summary>A connection a worker accepted: served by it, or closed when the worker has no room (worker_connections).</summary>
    private void Accepted(WorkerLoop worker, ListenGroup group, IConnection connection)
    {
        if (worker.ActiveConnections >= Config.WorkerConnections - listeners.Count)
        {
            ErrorLog.Write(LogLevel.Alert, $"{Config.WorkerConnections} worker_connections are not enough");
            connection.Dispose();
            return;
        }
        long id = Interlocked.Increment(ref nextConnectionId);
        var served = ResolveGroup(group, connection);
        _ = ServeAsync(worker, connection, served, id);
    }

    /// <summary>On a wildcard socket, the group of the exact local address wins when one is configured.</summary>
    private ListenGroup ResolveGroup(ListenGroup group, IConnection connection)
    {
        if (!group.IsWildcard) return group;
        foreach (var candidate in Config.ListenGroups)
            if (candidate.EndPoint.Equals(connection.LocalEndPoint)) return candidate;
        return group;
    }

    private async Task ServeAsync(WorkerLoop worker, IConnection connection, ListenGroup group, long id)
    {
        worker.ActiveConnections++;
        connections[id] = connection;
        try
        {
            await new HttpConnection(connection, this, group, id).RunAsync(stopIdle.Token);
        }
        finally
        {
            connections.TryRemove(id, out _);
            worker.ActiveConnections--;
        }
    }

    public void LogAccess(RequestContext ctx)
    {
        var settings = ctx.Settings;
        // nginx runs a request's cleanup handlers before its log phase: ngx_lua's close the
        // cosockets the request left open (today's only cleanup to run here).
        Lua.Sockets.RequestCosocketOwner.EndRequest(ctx);
        // The log phase: log_by_lua runs before the access log line is written.
        if (settings.LuaLog is { } luaLog && ctx.RunsFilters) Lua.LuaSyncRunner.Run(ctx, luaLog, Lua.LuaPhase.Log);
        if (settings.AccessLogOff) return;
        if (settings.AccessLogs.Count == 0)
        {
            AccessLog.Write(new AccessLogTarget(Config.Prefix + "logs/access.log", LogFormat.Combined), ctx);
            return;
        }
        foreach (var target in settings.AccessLogs) AccessLog.Write(target, ctx);
    }

    /// <summary>
    /// The error log a request writes to: its location's error_log (set at http, server or
    /// location level, inherited), else the main one.
    /// </summary>
    public ErrorLog ErrorLogFor(Hosting.LocationSettings settings)
    {
        if (settings.ErrorLogs is not { } targets) return ErrorLog;
        lock (locationErrorLogs)
        {
            if (!locationErrorLogs.TryGetValue(targets, out var log))
                locationErrorLogs[targets] = log = new ErrorLog(targets);
            return log;
        }
    }

    public void ReopenLogs()
    {
        ErrorLog.Reopen();
        AccessLog.Reopen();
        lock (locationErrorLogs) foreach (var log in locationErrorLogs.Values) log.Reopen();
    }

    /// <summary>Stops accepting without closing the sockets (they may go to the next runtime).</summary>
    public async Task StopAcceptingAsync()
    {
        stopAccepting.Cancel();
        await Task.WhenAll(acceptLoops).WaitAsync(TimeSpan.FromSeconds(5)).ContinueWith(_ => { });
    }

    /// <summary>Graceful: idle keepalive connections close, busy ones finish their request, then workers end.</summary>
    public async Task DrainAsync(TimeSpan limit)
    {
        MarkLuaExiting();
        await StopAcceptingAsync();
        stopIdle.Cancel();
        var deadline = DateTime.UtcNow + limit;
        // As nginx's exiting worker, also wait for running timers (parked in ngx.sleep, a cosocket, ...).
        while ((!connections.IsEmpty || Lua.Timers.TimerScheduler.RunningInProcess > 0) && DateTime.UtcNow < deadline) await Task.Delay(20);
        CloseAll();
    }

    /// <summary>Fast: every connection is closed at once.</summary>
    public void CloseAll()
    {
        stopAccepting.Cancel();
        stopIdle.Cancel();
        foreach (var connection in connections.Values) connection.Dispose();
        StopLua();
        foreach (var worker in workers) worker.Dispose();
    }

    private bool luaStopped;

    /// <summary>Runs exit_worker_by_lua on every worker's thread, once, waiting (briefly) for it to finish.</summary>
    private void StopLua()
    {
        if (!Config.Lua.Enabled || luaStopped) return;
        luaStopped = true;
        var done = new List<ManualResetEventSlim>();
        foreach (var worker in workers)
        {
            var finished = new ManualResetEventSlim();
            done.Add(finished);
            worker.Post(_ => { try { Lua.LuaWorker.Stop(); } finally { finished.Set(); } }, null);
        }
        foreach (var finished in done) finished.Wait(TimeSpan.FromSeconds(5));
    }

    /// <summary>A graceful stop began: ngx.worker.exiting() is true from now on.</summary>
    private void MarkLuaExiting()
    {
        if (!Config.Lua.Enabled) return;
        foreach (var worker in workers) worker.Post(_ => Lua.LuaWorker.MarkExiting(), null);
    }

    public async ValueTask DisposeAsync()
    {
        CloseAll();
        foreach (var (_, listener) in listeners) await listener.DisposeAsync();
        AccessLog.Dispose();
        lock (locationErrorLogs) foreach (var log in locationErrorLogs.Values) log.Dispose();
    }
}
