using System.Text;
using Tidegate.Lua.Library;
using Tidegate.Lua.Runtime;

namespace Tidegate.Lua.Hosting;

/// <summary>
/// The embedding API: a Lua state with the standard libraries and a friendly surface for .NET programs —
/// globals with .NET values converted (<see cref="LuaConverter"/>), .NET functions callable from Lua
/// (synchronous, and suspending ones that await a Task inside <see cref="RunAsync"/>), running chunks,
/// calling Lua functions, and limits on run time and recursion depth. Everything lower-level stays
/// reachable through <see cref="State"/>.
/// Like a LuaState, an engine is single-threaded: use it from one thread at a time.
/// </summary>
public sealed class LuaEngine : IDisposable
{
    /// <summary>The underlying state, for anything this surface does not cover.</summary>
    public LuaState State { get; }

    /// <summary>Coroutines RunAsync is driving, and the Task each is suspended on.</summary>
    private readonly Dictionary<LuaThread, Task<object?>?> _drivers = new();

    /// <summary>Nesting of runs (a .NET function called from Lua may run Lua again): limits apply to the outermost.</summary>
    private int _runDepth;

    /// <param name="openStandardLibraries">Open base, package, string, table, math, io, os, ... (default); false for a bare state.</param>
    public LuaEngine(bool openStandardLibraries = true)
    {
        State = new LuaState();
        if (openStandardLibraries) StandardLibraries.OpenAll(State);
        // An embedded script must not end the host process: os.exit is an error unless the host allows it.
        OsLibrary.SetExitHandler(State, code =>
        {
            if (AllowProcessExit)
            {
                IoLibrary.FlushAll(State);
                Environment.Exit(code);
            }
            throw State.MainThread.RuntimeError("os.exit is disabled by the host (LuaEngine.AllowProcessExit)");
        });
    }

    /// <summary>Closes the engine as lua_close does: the __gc finalizers of userdata still alive run now.</summary>
    public void Dispose() => UserdataFinalizers.RunAll(State);

    /// <summary>Whether os.exit may end the process (false by default).</summary>
    public bool AllowProcessExit { get; set; }

    // ---- limits ----

    /// <summary>
    /// The most function entries plus loop iterations one run may perform before it fails with the Lua
    /// error "run time limit exceeded"; null for no limit. Applies to each Run/Call (and each stretch of
    /// RunAsync between suspensions).
    /// </summary>
    public long? InstructionLimit { get; set; }

    /// <summary>Wall-clock time one run may take before it fails with "run time limit exceeded"; null for no limit.</summary>
    public TimeSpan? TimeLimit { get; set; }

    /// <summary>Lua call depth at which "stack overflow" is raised.</summary>
    public int MaxCallDepth
    {
        get => State.MaxCallDepth;
        set => State.MaxCallDepth = value;
    }

    /// <summary>Where print and io.write go (stdout by default).</summary>
    public Stream StandardOutput
    {
        get => State.StandardOutput;
        set => State.StandardOutput = value;
    }

    // ---- globals ----

    /// <summary>A global variable as a natural .NET value (see <see cref="LuaConverter.ToClr"/>); setting converts.</summary>
    public object? this[string name]
    {
        get => LuaConverter.ToClr(State.Globals[name]);
        set => State.Globals[name] = LuaConverter.ToLua(value);
    }

    public void SetGlobal(string name, object? value) => State.Globals[name] = LuaConverter.ToLua(value);

    public T GetGlobal<T>(string name) => LuaConverter.To<T>(null, State.Globals[name]);

    public LuaValue GetGlobalValue(string name) => State.Globals[name];

    // ---- .NET functions ----

    /// <summary>Makes any delegate a global Lua function (reflective; see <see cref="DelegateFunction"/>).</summary>
    public void RegisterFunction(string name, Delegate function) => State.Globals[name] = DelegateFunction.Create(name, function);

    /// <summary>A global function with direct access to the call (arguments, results, errors): the fastest form.</summary>
    public void RegisterFunction(string name, HostFunctionBody body) => State.Globals[name] = new HostFunction(name, body);

    public void RegisterFunction<TResult>(string name, Func<TResult> f) => State.Globals[name] = DelegateFunction.Create(name, f);
    public void RegisterFunction<T1, TResult>(string name, Func<T1, TResult> f) => State.Globals[name] = DelegateFunction.Create(name, f);
    public void RegisterFunction<T1, T2, TResult>(string name, Func<T1, T2, TResult> f) => State.Globals[name] = DelegateFunction.Create(name, f);
    public void RegisterFunction<T1, T2, T3, TResult>(string name, Func<T1, T2, T3, TResult> f) => State.Globals[name] = DelegateFunction.Create(name, f);
    public void RegisterFunction<T1, T2, T3, T4, TResult>(string name, Func<T1, T2, T3, T4, TResult> f) => State.Globals[name] = DelegateFunction.Create(name, f);
    public void RegisterAction(string name, Action f) => State.Globals[name] = DelegateFunction.Create(name, f);
    public void RegisterAction<T1>(string name, Action<T1> f) => State.Globals[name] = DelegateFunction.Create(name, f);
    public void RegisterAction<T1, T2>(string name, Action<T1, T2> f) => State.Globals[name] = DelegateFunction.Create(name, f);
    public void RegisterAction<T1, T2, T3>(string name, Action<T1, T2, T3> f) => State.Globals[name] = DelegateFunction.Create(name, f);

    /// <summary>
    /// A global function that suspends the calling script until <paramref name="function"/>'s Task
    /// completes, without blocking a thread: the script's coroutine is parked and <see cref="RunAsync"/>
    /// resumes it with the Task's result. A faulted Task gives the Lua results <c>nil, message</c> (the
    /// cosocket convention). Callable only from code run by RunAsync, and not from inside a coroutine the
    /// script created itself (its yield would go to that coroutine's resume).
    /// </summary>
    public void RegisterAsyncFunction(string name, Func<object?[], Task<object?>> function)
    {
        State.Globals[name] = new HostFunction(name, call =>
        {
            var thread = call.Thread;
            if (!_drivers.ContainsKey(thread))
                throw thread.RuntimeError($"'{name}' suspends the script and can only be called from code run by LuaEngine.RunAsync");
            var args = new object?[call.Count];
            for (int i = 0; i < args.Length; i++) args[i] = LuaConverter.ToClr(call[i]);
            Task<object?> task;
            try
            {
                task = function(args);
            }
            catch (Exception e) when (e is not LuaException and not OutOfMemoryException)
            {
                throw thread.RuntimeError(e.Message);
            }
            if (task.IsCompleted) return call.Return(CompletionValues(task));
            int status = thread.Suspend(call);
            _drivers[thread] = task;
            return status;
        });
    }

    private static LuaValue[] CompletionValues(Task<object?> task)
    {
        if (task.IsCompletedSuccessfully) return new[] { LuaConverter.ToLua(task.Result) };
        var error = task.Exception?.GetBaseException().Message ?? "canceled";
        return new[] { LuaValue.Nil, (LuaValue)LuaString.FromUtf8(error) };
    }

    // ---- running code ----

    /// <summary>Compiles a chunk without running it. Syntax errors throw <see cref="LuaException"/>.</summary>
    public LuaFunction Compile(string source, string chunkName = "=(string)") => State.Load(Encoding.UTF8.GetBytes(source), chunkName);

    /// <summary>Runs a chunk; returns its results as .NET values. Lua errors throw <see cref="LuaException"/>.</summary>
    public object?[] Run(string source, string chunkName = "=(string)") => ToClr(RunRaw(source, chunkName));

    /// <summary>Runs a chunk; returns its results as Lua values (byte-exact strings).</summary>
    public LuaValue[] RunRaw(string source, string chunkName = "=(string)")
    {
        var chunk = Compile(source, chunkName);
        return WithLimits(() => State.Call(chunk));
    }

    /// <summary>Runs a Lua file (chunk name "@path", as luajit names files).</summary>
    public object?[] RunFile(string path)
    {
        var chunk = State.Load(File.ReadAllBytes(path), "@" + path);
        return ToClr(WithLimits(() => State.Call(chunk)));
    }

    /// <summary>Calls the global function <paramref name="name"/> with converted arguments.</summary>
    public object?[] Call(string name, params object?[] args) => Call(State.Globals[name], args);

    /// <summary>Calls a Lua value (a function, or anything with __call) with converted arguments.</summary>
    public object?[] Call(LuaValue function, params object?[] args)
    {
        var luaArgs = Array.ConvertAll(args, LuaConverter.ToLua);
        return ToClr(WithLimits(() => State.Call(function, luaArgs)));
    }

    /// <summary>
    /// Runs a chunk as a coroutine so it may call functions registered with
    /// <see cref="RegisterAsyncFunction"/>: each such call parks the coroutine while its Task runs, and the
    /// chunk continues (on the thread that completed the Task, unless a synchronization context says
    /// otherwise) when it is done. No thread is blocked while the script waits.
    /// </summary>
    public async Task<object?[]> RunAsync(string source, string chunkName = "=(string)", CancellationToken cancellationToken = default)
    {
        var chunk = Compile(source, chunkName);
        var coroutine = State.NewThread(chunk);
        _drivers[coroutine] = null;
        try
        {
            var resumeValues = Array.Empty<LuaValue>();
            while (true)
            {
                var values = resumeValues;
                var results = WithLimits(() => coroutine.Resume(values));
                if (coroutine.Status == CoroutineStatus.Dead) return ToClr(results);
                var task = _drivers[coroutine];
                if (task is null) throw new LuaException("attempt to yield from outside a coroutine");
                _drivers[coroutine] = null;
                try
                {
                    await task.WaitAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (Exception) when (!cancellationToken.IsCancellationRequested)
                {
                    // A faulted Task is reported to the script as nil, message (see CompletionValues).
                }
                cancellationToken.ThrowIfCancellationRequested();
                resumeValues = CompletionValues(task);
            }
        }
        finally
        {
            _drivers.Remove(coroutine);
        }
    }

    private static object?[] ToClr(LuaValue[] values) => Array.ConvertAll(values, v => LuaConverter.ToClr(v));

    /// <summary>
    /// Runs <paramref name="run"/> under the configured limits. The instruction budget is the engine's
    /// counter of function entries and loop back-edges; the time limit empties that budget from a timer,
    /// so the script stops at its next call or loop iteration wherever it is.
    /// </summary>
    private LuaValue[] WithLimits(Func<LuaValue[]> run)
    {
        if (_runDepth > 0) return run();
        _runDepth++;
        State.SetBudget(InstructionLimit ?? -1);
        Timer? timer = null;
        if (TimeLimit is { } limit)
        {
            // The timer keeps emptying the budget until the run ends: a single store could be overwritten
            // by the running script's own decrement of the counter.
            timer = new Timer(_ => State.BudgetRemaining = 0, null, limit, TimeSpan.FromMilliseconds(5));
        }
        try
        {
            return run();
        }
        finally
        {
            if (timer is not null)
            {
                // Wait for a callback in flight, so it cannot empty the budget of the next run.
                using var disposed = new ManualResetEvent(false);
                if (timer.Dispose(disposed)) disposed.WaitOne();
            }
            State.SetBudget(-1);
            _runDepth--;
        }
    }
}
