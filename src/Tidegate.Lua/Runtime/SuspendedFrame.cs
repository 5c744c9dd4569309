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
/// </summary>
public sealed class CompiledFrameState : SuspendedFrame
{
    public readonly LuaFunction Function;
    public readonly int ArgBase;
    public readonly int ArgCount;
    public readonly int ResumePoint;
    public readonly LuaValue[] Locals;

    public CompiledFrameState(LuaFunction function, int argBase, int argCount, int resumePoint, int localCount)
    {
        Function = function;
        ArgBase = argBase;
        ArgCount = argCount;
        ResumePoint = resumePoint;
        Locals = localCount == 0 ? Array.Empty<LuaValue>() : new LuaValue[localCount];
    }

    public override int Resume(LuaThread thread)
    {
        thread.RestoringFrame = this;
        return Function.Invoke(thread, ArgBase, ArgCount);
    }
}

/// <summary>
/// The innermost frame: the host function that yielded (coroutine.yield, or a host function that
/// suspended). On resume its results are the values passed to resume, already placed at its base.
/// </summary>
internal sealed class YieldPoint : SuspendedFrame
{
    public readonly int ArgBase;
    public YieldPoint(int argBase) => ArgBase = argBase;

    public override int Resume(LuaThread thread) => thread.ResumeValueCount;
}

/// <summary>A host frame that continues with a .NET callback when the coroutine is resumed.</summary>
internal sealed class ContinuationFrame : SuspendedFrame
{
    private readonly Func<LuaThread, int> _continue;
    public ContinuationFrame(Func<LuaThread, int> continuation) => _continue = continuation;
    public override int Resume(LuaThread thread) => _continue(thread);
}
