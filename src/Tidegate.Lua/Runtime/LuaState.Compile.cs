using System.Text;
using Tidegate.Lua.Emit;

namespace Tidegate.Lua.Runtime;

// Loading and running code, and the limits an embedder sets on it.
public sealed partial class LuaState
{
    /// <summary>Lua call depth at which "stack overflow" is raised (the .NET stack is checked too).</summary>
    public int MaxCallDepth { get; set; } = 220_000;

    /// <summary>
    /// The countdown compiled code decrements at every function entry and loop back-edge (entries in batches of
    /// up to 16 while no budget and no count hook is set, see LuaThread.EntryBudget.cs); when it goes
    /// negative, <see cref="BudgetExhausted"/> settles it against the run-time budget and the count hook.
    /// </summary>
    public long BudgetRemaining = long.MaxValue;

    /// <summary>What is left of the run-time budget as of the last countdown start (MaxValue: no limit).</summary>
    private long _budget = long.MaxValue;
    private long _countdownStart = long.MaxValue;
    private Action<LuaThread>? _countHook;
    private long _countHookInterval;

    /// <summary>
    /// Limits the run time: after <paramref name="backEdgesAndCalls"/> more function entries and loop
    /// iterations, running Lua code raises a Lua error. Pass a negative value to remove the limit.
    /// </summary>
    public void SetBudget(long backEdgesAndCalls)
    {
        _budget = backEdgesAndCalls < 0 ? long.MaxValue : backEdgesAndCalls;
        RestartCountdown();
        MainThread.RestartEntryBatch(); // its entries are charged in batches while nothing is set (LuaThread.EntryBudget.cs)
    }

    /// <summary>
    /// A count hook (debug.sethook's count): <paramref name="hook"/> runs every <paramref name="interval"/>
    /// function entries and loop back-edges (compiled code has no per-instruction count; these are its
    /// unit). Pass null to remove it.
    /// </summary>
    public void SetCountHook(Action<LuaThread>? hook, long interval)
    {
        _countHook = interval > 0 ? hook : null;
        _countHookInterval = interval;
        RestartCountdown();
        MainThread.RestartEntryBatch(); // see SetBudget
    }

    /// <summary>The function debug hooks call (null: none), and the events it gets.</summary>
    public LuaFunction? HookFunction { get; private set; }
    public LuaHookEvents HookEvents { get; private set; }

    /// <summary>
    /// Sets the call/return/line hook, as debug.sethook does for the whole state (LuaJIT's hooks are
    /// global): <paramref name="hook"/> is called with ("call"), ("return") or ("line", line) on the
    /// thread that runs the hooked code, with hooks off while it runs. <paramref name="running"/> is the
    /// thread calling this (it sees the change at once; other threads when next resumed). Pass null or
    /// <see cref="LuaHookEvents.None"/> to remove it. The count hook is separate: <see cref="SetCountHook"/>.
    /// </summary>
    public void SetHook(LuaFunction? hook, LuaHookEvents events, LuaThread? running)
    {
        if (hook is null) events = LuaHookEvents.None;
        HookFunction = events == LuaHookEvents.None ? null : hook;
        HookEvents = events;
        running?.SyncHookMask();
        if (running is not null && !ReferenceEquals(running, MainThread)) MainThread.SyncHookMask();
    }

    /// <summary>
    /// True when a loop's back-edge may run a count hook or raise for the run-time budget: code that must know a
    /// loop runs to its end with nothing looking in between (an array fill's presize) tests this.
    /// </summary>
    internal bool BackEdgesMayInterrupt => _countHook is not null || _budget != long.MaxValue;

    private void RestartCountdown() =>
        _countdownStart = BudgetRemaining = Math.Min(_budget, _countHook is not null ? _countHookInterval : long.MaxValue);

    /// <summary>
    /// The countdown ran out: charge the budget (raising when it is spent) and run the count hook.
    /// Without a count hook the countdown is the budget itself, so host code may also stop a script by
    /// storing 0 into <see cref="BudgetRemaining"/> (a deadline timer does).
    /// </summary>
    public void BudgetExhausted(LuaThread thread)
    {
        if (_countHook is null)
        {
            _budget = 0;
            _countdownStart = BudgetRemaining = 0;
            throw thread.RuntimeError("run time limit exceeded");
        }
        if (_budget != long.MaxValue) _budget -= _countdownStart - BudgetRemaining;
        if (_budget < 0)
        {
            _budget = 0; // stays exhausted: every further entry or back-edge fails as well
            _countdownStart = BudgetRemaining = 0;
            throw thread.RuntimeError("run time limit exceeded");
        }
        RestartCountdown();
        _countHook?.Invoke(thread);
    }

    /// <summary>
    /// Compiles a chunk. <paramref name="chunkName"/> is Lua's raw chunk name ("@file.lua", "=stdin", or the
    /// source itself). Syntax errors throw <see cref="LuaException"/> with the parser's message. The
    /// chunk's environment is <paramref name="env"/>, or the globals table. <paramref name="lifetime"/>: collectible
    /// (the default) for code that may be loaded without bound, permanent (tiered by the runtime, never freed) only
    /// for code loaded a bounded number of times; see <see cref="CompiledCodeLifetime"/>.
    /// </summary>
    public LuaFunction Load(ReadOnlySpan<byte> source, string chunkName, LuaTable? env = null,
        CompiledCodeLifetime lifetime = CompiledCodeLifetime.Collectible)
    {
        if (source.Length > 0 && source[0] == 0x1b)
        {
            // A stripped dump has no chunk name of its own: it takes the one it is loaded with.
            var dumped = BinaryChunk.Read(source, chunkName);
            return ChunkCompiler.CompileDumped(dumped.Source, dumped.ChunkName ?? chunkName, env ?? Globals,
                dumped.IsFunction, dumped.Stripped, WantsHookChecks(dumped.Source), !dumped.Stripped && WantsLocalAccess(dumped.Source),
                LifetimeFor(dumped.Source, lifetime), WantsMainThreadBodies(dumped.Source));
        }
        return ChunkCompiler.Compile(source, chunkName, env ?? Globals, WantsHookChecks(source), WantsLocalAccess(source), LifetimeFor(source, lifetime),
            WantsMainThreadBodies(source));
    }

    /// <summary>
    /// Whether loaded chunks give each function a second body for the main thread (any thread that is not a
    /// coroutine), compiled without the yield machinery every call site otherwise carries: nothing running there
    /// can yield. True by default (a script runs on the main thread); a host that runs all its Lua code in
    /// coroutines (Tidegate.Web) turns it off, since the second body would only cost compile time there.
    /// </summary>
    public bool CompileMainThreadBodies { get; set; } = true;

    /// <summary>
    /// A main-thread body has no save block, which in the ordinary body reads every local at every call site and so
    /// keeps them all alive to the GC across calls, as LuaJIT's registers keep a block's locals. Without it the JIT's
    /// exact liveness lets a local (or a temp) die at its last use, or an untracked one live on, so what a collection
    /// frees is no longer what LuaJIT frees. A chunk that asks for collections (its source mentions
    /// "collectgarbage", as for <see cref="LifetimeFor"/>) observes that: it keeps the ordinary body only.
    /// </summary>
    private bool WantsMainThreadBodies(ReadOnlySpan<byte> source) =>
        CompileMainThreadBodies && source.IndexOf("collectgarbage"u8) < 0;

    /// <summary>
    /// Permanent code is tiered, and a method running at tier 0 keeps every IL local it has used alive to the GC
    /// until it returns (no liveness tracking), so an object a temp once held survives a collection made while the
    /// method is on the stack: `t = nil; collectgarbage()` would leave a weak table's entry or an __gc finalizer
    /// pending. A chunk that asks for collections (its source mentions "collectgarbage") is compiled collectible,
    /// i.e. fully optimised with exact liveness, as all code was before permanent code existed.
    /// </summary>
    private static CompiledCodeLifetime LifetimeFor(ReadOnlySpan<byte> source, CompiledCodeLifetime requested) =>
        requested == CompiledCodeLifetime.Permanent && source.IndexOf("collectgarbage"u8) >= 0 ? CompiledCodeLifetime.Collectible : requested;

    /// <summary>
    /// The lifetime of code read from files by require's Lua searcher, dofile and loadfile. Collectible by default:
    /// an embedder's Lua code may call dofile for every request, and permanent code is never freed. A host whose
    /// files are loaded a bounded number of times (the CLI: one script run to its end) sets Permanent, so the
    /// runtime tiers that code. <see cref="ChunkCompiler.MaxPermanentChunks"/> bounds the damage of a script that
    /// loads files in a loop anyway.
    /// </summary>
    public CompiledCodeLifetime FileCodeLifetime { get; set; } = CompiledCodeLifetime.Collectible;

    /// <summary>
    /// Whether loaded chunks carry the checks call, return and line hooks need. null (the default): a
    /// chunk gets them when such a hook is set while it loads, or when its source mentions "sethook" (so
    /// a script that hooks itself sees its own lines). The checks are cheap but not free (a field test per
    /// statement, call and return, and register pressure in tight loops), so other code runs without
    /// them and produces no call/return/line events. true: always; false: never.
    /// </summary>
    public bool? CompileHookChecks { get; set; }

    /// <summary>
    /// Whether loaded chunks keep their locals where debug.getlocal/setlocal can reach them (value-stack
    /// slots instead of IL locals, which costs speed). null (the default): chunks whose source mentions
    /// "getlocal" or "setlocal"; true: always; false: never. In other chunks getlocal on a Lua function's
    /// level raises an error saying its locals are not recorded.
    /// </summary>
    public bool? CompileLocalAccess { get; set; }

    private bool WantsLocalAccess(ReadOnlySpan<byte> source) =>
        CompileLocalAccess ?? (source.IndexOf("getlocal"u8) >= 0 || source.IndexOf("setlocal"u8) >= 0);

    private bool WantsHookChecks(ReadOnlySpan<byte> source) =>
        CompileHookChecks ?? (HookEvents != LuaHookEvents.None || source.IndexOf("sethook"u8) >= 0);

    /// <summary>Compiles and runs <paramref name="source"/> on the main thread; returns its results.</summary>
    public LuaValue[] DoString(string source, string chunkName = "=(string)")
    {
        var f = Load(Encoding.UTF8.GetBytes(source), chunkName);
        return Call(f);
    }

    /// <summary>Calls a Lua value on the main thread with <paramref name="args"/>; returns all results.</summary>
    public LuaValue[] Call(LuaValue f, params LuaValue[] args)
    {
        var t = MainThread;
        int b = t.Top;
        t.EnsureStack(b + args.Length + 1);
        args.CopyTo(t.Stack.AsSpan(b));
        int savedFrames = t.FrameCount;
        try
        {
            int n = t.Call(f, b, args.Length);
            return t.Stack.AsSpan(b, n).ToArray();
        }
        catch (LuaException e) when (RecordTraceback(t, e))
        {
            throw; // never reached: the filter only records
        }
        catch (Exception e) when (HostExceptions.IsConvertible(e))
        {
            var error = HostExceptions.ToLuaError(t, e);
            error.LuaStackTrace ??= t.Traceback(null, 1);
            throw error;
        }
        finally
        {
            t.FrameCount = savedFrames;
            t.RestoringFrame = null;
        }
    }

    /// <summary>
    /// Runs as an exception filter, i.e. before the stack unwinds: keeps the traceback of where an error
    /// was raised on the exception (<see cref="LuaException.LuaStackTrace"/>), for error logs.
    /// </summary>
    private static bool RecordTraceback(LuaThread thread, LuaException e)
    {
        e.LuaStackTrace ??= thread.Traceback(null, 1);
        return false;
    }

    /// <summary>Makes a coroutine running <paramref name="body"/> (coroutine.create); reuses a recycled one that Lua code never held.</summary>
    public LuaThread NewThread(LuaFunction body) => NewThread(body, reuseHeld: false);

    /// <summary>
    /// Makes a coroutine running <paramref name="body"/>, reusing a recycled one when there is one; with
    /// <paramref name="reuseHeld"/> also one Lua code may still hold (see <see cref="RecycleThread"/>).
    /// </summary>
    public LuaThread NewThread(LuaFunction body, bool reuseHeld)
    {
        if (TakeRecycledThread(reuseHeld) is { } reused)
        {
            reused.Restart(body);
            return reused;
        }
        return new(this, body);
    }
}
