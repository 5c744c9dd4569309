using System.Runtime.CompilerServices;
using Tidegate.Lua.Runtime;

namespace Tidegate.Lua.Emit;

/// <summary>
/// The coroutine side of a self call compiled inline (see FunctionCompiler.SelfInlining.cs). The inlined level
/// runs in its caller's method, so a yield from inside it saves one method's locals; but it is a Lua call
/// level of its own (its record is on the record stack), and a suspended coroutine's tracebacks and
/// <c>debug.getinfo</c> read one saved frame per level. So the level leaves a frame state of its own, holding
/// no locals and never resumed by itself: the caller's resume point drops it and pushes the level's record again.
/// </summary>
public static class InlinedLevelFrames
{
    /// <summary>
    /// A yield is unwinding the inlined level: saves a frame state standing for it (its function and the
    /// resume point whose site is where the level was) and pops its record; the caller then saves itself.
    /// </summary>
    public static void Suspend(LuaThread t, LuaFunction function, int argBase, int argCount, int resumePoint)
    {
        var state = t.RentFrameState(function, argBase, argCount, resumePoint, 0);
        t.SuspendedFrames.Add(state);
        t.FrameCount--;
    }

    /// <summary>
    /// The caller resumed at a site inside the inlined level: drops the level's saved frame state (the next
    /// saved frame is the one the level's call site resumes); the compiled code then enters the level again.
    /// </summary>
    public static void Resume(LuaThread t)
    {
        var state = (CompiledFrameState)t.SuspendedFrames.Pop();
        t.ReturnFrameState(state);
    }

    /// <summary>
    /// Whether the inlined level's entry needs none of the entry's rare cases (the depth limit and .NET stack
    /// test every 16 levels, the record array's growth, the budget running out): otherwise the call is made as
    /// an ordinary call, whose entry runs them, raising "stack overflow" (or the budget's error, or calling the
    /// count hook) exactly where a real call does. Tested right before the entry, after the arguments.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool CanEnter(LuaThread t)
    {
        int c = t.FrameCount;
        return (c & 15) != 15 && (uint)c < (uint)t.Frames.Length && t.State.BudgetRemaining > 0;
    }

    /// <summary>The inlined level's entry, charged as every function entry is (see LuaThread.EnterFrame), before its record.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Charge(LuaThread t)
    {
        t.State.BudgetRemaining--; // CanEnter saw it positive
    }

    /// <summary>
    /// The inlined level's record, once <see cref="CanEnter"/> said no check is due: the function and the site
    /// of the inlined call (what LuaThread.EnterFrame would have recorded at the call).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void PushRecord(LuaThread t, LuaFunction function, int callerSite)
    {
        int c = t.FrameCount;
        ref CallFrameRecord r = ref t.Frames[c];
        if (!ReferenceEquals(r.Function, function)) r.Function = function;
        r.CallerSite = callerSite;
        t.FrameCount = c + 1;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsNumber(LuaValue v) => v.IsNumber;
}
