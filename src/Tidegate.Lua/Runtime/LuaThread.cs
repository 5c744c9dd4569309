using System.Runtime.CompilerServices;

namespace Tidegate.Lua.Runtime;

/// <summary>
/// A Lua thread: the main thread of a <see cref="LuaState"/> or a coroutine. It owns the value stack
/// that calls pass arguments and results on (see <see cref="LuaFunction"/> for the protocol).
/// A coroutine never runs on an OS thread of its own: it runs on the .NET stack of whoever resumes it,
/// and yields by unwinding (see docs/engine.md, "Deep yields").
/// </summary>
public sealed partial class LuaThread
{
    public LuaState State { get; }

    /// <summary>The value stack. May be replaced by <see cref="EnsureStack"/>: do not hold on to it across calls.</summary>
    public LuaValue[] Stack;

    /// <summary>The first free stack slot of the running frame; a call puts its arguments here.</summary>
    public int Top;

    /// <summary>Set by a callee returning <see cref="CallStatus.TailCall"/>.</summary>
    public LuaFunction? PendingTailCall;
    public int PendingTailCallArgCount;

    // The arrays are made in the constructors, not by field initializers: an initializer runs for every
    // constructor, so each coroutine used to allocate a main thread's 256-slot stack (4 KiB) and
    // 32 frame records too, only to replace them at once (the web server starts a coroutine per request).
    internal LuaThread(LuaState state)
    {
        State = state;
        Stack = new LuaValue[256];
        Frames = new CallFrameRecord[32];
    }

    /// <summary>A coroutine running <paramref name="body"/>.</summary>
    internal LuaThread(LuaState state, LuaFunction body)
    {
        State = state;
        Body = body;
        Status = CoroutineStatus.Suspended;
        Stack = new LuaValue[32];
        Frames = new CallFrameRecord[8];
    }

    // ---- call-frame records (tracebacks, error levels, call-site names) ----

    /// <summary>The call-frame record stack; entries [0, FrameCount) are live.</summary>
    public CallFrameRecord[] Frames;
    public int FrameCount;

    /// <summary>
    /// The site (see <see cref="FunctionProto.SiteLines"/>) the innermost running Lua function is at. Compiled
    /// code stores it before each call and on the slow path of each operation that can raise.
    /// </summary>
    public int CurrentSite;

    /// <summary>Pushes a record for <paramref name="function"/> and checks the depth, the .NET stack and the run-time budget.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void EnterFrame(LuaFunction function)
    {
        // The three rare cases share one branch and one call (each with its own branch and call made every
        // compiled function's entry measurably slower, taken or not): the budget's countdown gone negative, the
        // record array full or the depth limit reached, and a frame below the checked .NET stack range.
        // The budget is charged before the record is pushed, so its error names the caller's position.
        var state = State;
        long budget = state.BudgetRemaining - 1;
        state.BudgetRemaining = budget;
        int c = FrameCount;
        if (budget < 0 | c >= FrameLimit | StackGuard.IsOutside(NativeStackGuard.Here())) EnterFrameSlow(c, budget);
        ref CallFrameRecord r = ref Frames[c];
        // Usually the slot already holds this function (loops, recursion): skip the GC write barrier then.
        if (!ReferenceEquals(r.Function, function)) r.Function = function;
        r.CallerSite = CurrentSite;
        FrameCount = c + 1;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void ExitFrame() => FrameCount--;

    /// <summary>
    /// The record count at which an entry takes <see cref="EnterFrameSlow"/>: the smaller of the record array's
    /// length and the depth limit (<see cref="LuaState.MaxCallDepth"/>, more while an error handler runs). 0
    /// until the first entry, and whenever the limit may have changed: the slow path then sets it again.
    /// </summary>
    internal int FrameLimit;

    /// <summary>Where on the .NET stack a frame may start without asking the runtime (see <see cref="NativeStackGuard"/>).</summary>
    internal NativeStackGuard StackGuard;

    /// <summary>
    /// While an error handler runs: how many more function entries may pass a failed .NET stack check (LuaJIT
    /// keeps some stack in reserve for error handling). Non-zero also raises the depth limit by 200.
    /// </summary>
    internal int HandlerAllowance;

    /// <summary>The budget, the depth limit, the .NET stack check and the record array's growth, off the entry's fast path.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void EnterFrameSlow(int count, long budget)
    {
        if (budget < 0) State.BudgetExhausted(this);
        int limit = State.MaxCallDepth + (HandlerAllowance > 0 ? 200 : 0);
        if (count >= limit) throw RuntimeError("stack overflow");
        // The runtime's margin is far more than a handler's few frames need, so one that fails still lets an
        // error handler through.
        nuint here = NativeStackGuard.Here();
        if (StackGuard.IsOutside(here) && !StackGuard.Check(here) && HandlerAllowance-- <= 0)
            throw RuntimeError("stack overflow");
        if (count >= Frames.Length) Array.Resize(ref Frames, Math.Max(count + 1, Math.Min(Frames.Length * 2, limit)));
        FrameLimit = Math.Min(Frames.Length, limit);
    }

    // ---- coroutine state (see LuaThread.Coroutines.cs) ----

    /// <summary>The function a coroutine runs; null for a main thread.</summary>
    public LuaFunction? Body { get; private set; }
    public bool IsCoroutine => Body is not null;
    public CoroutineStatus Status { get; internal set; } = CoroutineStatus.Running;

    /// <summary>
    /// Frames of a suspended coroutine, innermost first (the outermost is resumed first, from the end).
    /// </summary>
    internal readonly SuspendedFrameStack SuspendedFrames = new();

    /// <summary>Set while a resume re-enters frames: the frame the next compiled function entered must restore.</summary>
    public SuspendedFrame? RestoringFrame;

    /// <summary>Host frames that called into Lua and cannot be resumed (any <see cref="Call"/> from .NET code).</summary>
    internal int NonYieldableDepth;

    /// <summary>Makes sure <c>Stack</c> has at least <paramref name="size"/> slots.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void EnsureStack(int size)
    {
        if (size > Stack.Length) GrowStack(size);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void GrowStack(int size)
    {
        int n = Stack.Length;
        while (n < size) n *= 2;
        if (n > MaxStackSlots) throw RuntimeError("stack overflow");
        Array.Resize(ref Stack, n);
    }

    /// <summary>The most stack slots a thread may use before "stack overflow".</summary>
    public const int MaxStackSlots = 1 << 24;
}
