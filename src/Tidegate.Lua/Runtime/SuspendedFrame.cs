namespace Tidegate.Lua.Runtime;

/// <summary>
/// One frame of a suspended coroutine, saved while the yield unwound the .NET stack. Resuming calls
/// <see cref="Resume"/> on the outermost frame, which re-enters its function; that function resumes the
/// next frame at its call site, and so on down to the yield point, whose results are the resume values.
/// </summary>
public abstract class SuspendedFrame
{
    /// <summary>Continues the frame; returns its result count or a negative <see cref="CallStatus"/>.</summary>
    public abstract int Resume(LuaThread thread);
}

/// <summary>
/// A compiled Lua function's frame: its IL locals (each stored as a LuaValue), the call site it was at
/// and its arguments' position. The compiled function restores these when it is entered with
/// <see cref="LuaThread.RestoringFrame"/> set, then jumps to the call site and resumes the callee.
///
/// <para>Frame states are reused: a function restored from a state saves into it again when it yields again,
/// a first yield takes one from its thread's pool (<see cref="LuaThread.RentFrameState"/>), and a resumed
/// function that returns gives its state back. A coroutine that yields in a loop then allocates nothing per yield; allocating the state and its locals array per
/// yield was most of the collector's work in bench/lua/coroutine-pingpong.</para>
/// </summary>
public sealed class CompiledFrameState : SuspendedFrame
{
    public LuaFunction Function { get; private set; }
    public int ArgBase { get; private set; }
    public int ArgCount { get; private set; }
    public int ResumePoint;
    /// <summary>The saved locals: the first <see cref="LocalCount"/> entries (the array may be longer when reused).</summary>
    public LuaValue[] Locals;
    public int LocalCount { get; private set; }

    public CompiledFrameState(LuaFunction function, int argBase, int argCount, int resumePoint, int localCount)
    {
        Function = function;
        ArgBase = argBase;
        ArgCount = argCount;
        ResumePoint = resumePoint;
        LocalCount = localCount;
        Locals = localCount == 0 ? Array.Empty<LuaValue>() : new LuaValue[localCount];
    }

    /// <summary>Makes a pooled state describe a new frame (its locals array holds at least <paramref name="localCount"/>).</summary>
    internal void Reset(LuaFunction function, int argBase, int argCount, int resumePoint, int localCount)
    {
        Function = function;
        ArgBase = argBase;
        ArgCount = argCount;
        ResumePoint = resumePoint;
        LocalCount = localCount;
    }

    public override int Resume(LuaThread thread)
    {
        thread.RestoringFrame = this;
        int n = Function.Invoke(thread, ArgBase, ArgCount);
        // A function that yields again saves itself into this same state (compiled code keeps the state it
        // restored from), now back on the suspended-frame stack. One that returned no longer reads it: it
        // can serve the thread's next first yield. Not on an error: the state is simply dropped.
        if (n != CallStatus.Yield) thread.ReturnFrameState(this);
        return n;
    }

    /// <summary>Forgets the saved values, so a pooled state keeps nothing alive for the collector.</summary>
    internal void ClearLocals()
    {
        // Storing default needs no GC write barrier; a frame saves a handful of locals, too few for a bulk clear to pay.
        var locals = Locals.AsSpan(0, LocalCount);
        for (int i = 0; i < locals.Length; i++) locals[i] = default;
    }
}

/// <summary>
/// The innermost frame: the host function that yielded (coroutine.yield, or a host function that
/// suspended). On resume its results are the values passed to resume, already placed at its base
/// (<see cref="LuaThread.YieldBase"/>). It holds no state, so every yield shares one instance.
/// </summary>
internal sealed class YieldPoint : SuspendedFrame
{
    public static readonly YieldPoint Instance = new();
    private YieldPoint() { }

    public override int Resume(LuaThread thread) => thread.ResumeValueCount;
}

/// <summary>A host frame that continues with a .NET callback when the coroutine is resumed.</summary>
internal sealed class ContinuationFrame : SuspendedFrame
{
    private readonly Func<LuaThread, int> _continue;
    public ContinuationFrame(Func<LuaThread, int> continuation) => _continue = continuation;
    public override int Resume(LuaThread thread) => _continue(thread);
}
