namespace Tidegate.Lua.Runtime;

/// <summary>
/// One entry of a thread's call-frame record stack: the running function and the site its caller was at
/// when it called (the caller's position for tracebacks and error levels). Kept as a struct array, so a
/// call pushes without allocating.
/// </summary>
public struct CallFrameRecord
{
    public LuaFunction Function;
    /// <summary>The caller's <see cref="LuaThread.CurrentSite"/> at the moment of the call.</summary>
    public int CallerSite;
    /// <summary>
    /// For a function compiled with local-variable access (<see cref="FunctionProto.SiteLocals"/>): where its
    /// local slots start on the value stack, and how many varargs lie just below them. Stale otherwise.
    /// </summary>
    public int SlotBase;
    public int VarargCount;
}
