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
        UpdateEntrySlotLimit();
    }

    /// <summary>A coroutine running <paramref name="body"/>.</summary>
    internal LuaThread(LuaState state, LuaFunction body)
    {
        State = state;
        Body = body;
        Status = CoroutineStatus.Suspended;
        Stack = new LuaValue[32];
        Frames = new CallFrameRecord[8];
        UpdateEntrySlotLimit();
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
        // The budget is charged before the record is pushed, so its error names the caller's position.
        if (--EntryCountdown < 0) ChargeEntries();
        int c = FrameCount;
        var frames = Frames;
        // One test guards the record's slot (so the store below needs no bounds check of its own) and the
        // depth check due every 16 frames; both rare cases go out of line, which also keeps `c` and `frames`
        // in registers (a call on the fast path used to make the JIT spill and reload them).
        if ((uint)c < (uint)frames.Length && (c & 15) != 15)
        {
            ref CallFrameRecord r = ref frames[c];
            FrameCount = c + 1;
            r.CallerSite = CurrentSite;
            // Usually the slot already holds this function (loops, recursion): skip the GC write barrier then.
            // Last, so nothing is live across the barrier's helper call (the JIT would spill it on every entry).
            if (!ReferenceEquals(r.Function, function)) r.Function = function;
        }
        else EnterFrameChecked(function, c);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void ExitFrame() => FrameCount--;

    /// <summary>While an error handler runs: how many more 16-frame steps may pass a failed stack check.</summary>
    internal int HandlerAllowance;

    /// <summary>EnterFrame's rare case: every 16th frame (depth and .NET stack checks) or a full record array.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void EnterFrameChecked(LuaFunction function, int count)
    {
        bool tooDeep = count >= State.MaxCallDepth + (HandlerAllowance > 0 ? 200 : 0);
        if (tooDeep || !RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            // An xpcall handler running at a stack overflow gets a little room (LuaJIT keeps some
            // stack in reserve for error handling); TryEnsure leaves well over 16 frames' worth.
            if (tooDeep || HandlerAllowance-- <= 0) throw RuntimeError("stack overflow");
        }
        if (count >= Frames.Length) Array.Resize(ref Frames, Frames.Length * 2);
        ref CallFrameRecord r = ref Frames[count];
        FrameCount = count + 1;
        r.CallerSite = CurrentSite;
        // Every 16th frame comes here: code recursing around such a depth would pay a write barrier per call.
        if (!ReferenceEquals(r.Function, function)) r.Function = function;
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
    public SuspendedFrame? RestoringFrame
    {
        get => _restoringFrame;
        set
        {
            _restoringFrame = value;
            UpdateEntrySlotLimit(); // a compiled prologue finds out through BeginFrame's one test
        }
    }

    private SuspendedFrame? _restoringFrame;

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
        UpdateEntrySlotLimit();
    }

    /// <summary>The most stack slots a thread may use before "stack overflow".</summary>
    public const int MaxStackSlots = 1 << 24;
}
